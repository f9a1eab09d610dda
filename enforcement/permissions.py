"""Who may do what in the enforcement record: the role table and the predicates services use."""

from loudi_portal import roles

EDIT = {"view", "add", "change"}

roles.register("enforcement.enterprise", editor=EDIT, reviewer={"view"}, admin=EDIT)
roles.register("enforcement.inspector", editor={"view"}, reviewer={"view"}, admin=EDIT)


def _publication_roles(model_name: str, *, editor_extra=frozenset(), reviewer_extra=frozenset()) -> None:
    """Editors draft and submit, reviewers publish and withdraw what others wrote (never change it)."""
    roles.register(
        f"enforcement.{model_name}",
        editor=EDIT | {f"submit_{model_name}"} | set(editor_extra),
        reviewer={"view", f"publish_{model_name}", f"withdraw_{model_name}"} | set(reviewer_extra),
        admin={"view"},
    )


_publication_roles("inspectionplan", editor_extra={"freeze_inspectionplan"}, reviewer_extra={"freeze_inspectionplan"})
# Draws are made by services only: nobody adds or edits one through a form.
roles.register("enforcement.draw", editor={"view"}, reviewer={"view", "run_draw"}, admin={"view"})
for _model_name in ("inspection", "hazard", "penalty", "closure"):
    _publication_roles(_model_name)


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_freeze(user) -> bool:
    return _active_staff(user) and user.has_perm("enforcement.freeze_inspectionplan")


def can_run_draw(user) -> bool:
    """Running a draw is a reviewer's act."""
    return _active_staff(user) and user.has_perm("enforcement.run_draw")


def can_import(user) -> bool:
    return _active_staff(user) and user.has_perm("enforcement.add_enterprise")
