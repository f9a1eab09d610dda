"""Who may do what in the enforcement record: the role table and the predicates services use."""

from loudi_portal import roles

EDIT = {"view", "add", "change"}

roles.register("enforcement.enterprise", editor=EDIT, reviewer={"view"}, admin=EDIT)
roles.register("enforcement.inspector", editor={"view"}, reviewer={"view"}, admin=EDIT)
roles.register(
    "enforcement.inspectionplan",
    editor=EDIT | {"freeze_inspectionplan"},
    reviewer={"view", "freeze_inspectionplan"},
    admin={"view"},
)
# Draws are made by services only: nobody adds or edits one through a form.
roles.register("enforcement.draw", editor={"view"}, reviewer={"view", "run_draw"}, admin={"view"})
roles.register("enforcement.inspection", editor=EDIT, reviewer={"view", "change", "publish_inspection"}, admin={"view"})
roles.register("enforcement.hazard", editor=EDIT, reviewer={"view", "change"}, admin={"view"})
roles.register("enforcement.penalty", editor=EDIT, reviewer={"view", "change", "publish_penalty"}, admin={"view"})
roles.register("enforcement.closure", editor=EDIT, reviewer={"view", "change", "publish_closure"}, admin={"view"})

PUBLISH_PERMS = {
    "inspection": "enforcement.publish_inspection",
    "penalty": "enforcement.publish_penalty",
    "closure": "enforcement.publish_closure",
    "inspectionplan": "enforcement.freeze_inspectionplan",
}


def _active_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_freeze(user) -> bool:
    return _active_staff(user) and user.has_perm("enforcement.freeze_inspectionplan")


def can_run_draw(user) -> bool:
    """Running a draw is a reviewer's act."""
    return _active_staff(user) and user.has_perm("enforcement.run_draw")


def can_publish(user, record) -> bool:
    """Reviewers publish others' drafts, never their own (four eyes)."""
    perm = PUBLISH_PERMS.get(record._meta.model_name)
    if not (_active_staff(user) and perm and user.has_perm(perm)):
        return False
    return record.created_by_id is None or record.created_by_id != user.pk or user.is_superuser


def can_withdraw(user, record) -> bool:
    perm = PUBLISH_PERMS.get(record._meta.model_name)
    return _active_staff(user) and bool(perm) and user.has_perm(perm)


def can_import(user) -> bool:
    return _active_staff(user) and user.has_perm("enforcement.add_enterprise")
