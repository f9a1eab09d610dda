"""Staff roles and what each may do, in one table.

Four groups exist (created by a data migration, kept in step after every
`migrate`): 录入员 (editor), 审核员 (reviewer), 审计员 (auditor), 管理员 (admin).
Their permissions are computed here from the policies apps register, so the
groups always say exactly what this module says; rights added to a role group
by hand in the admin are reset on the next `migrate`. Individual users may
still be given extra permissions directly.

Rules that hold whatever an app registers:
- auditors can view every record of the portal and its history, and change nothing;
- nobody but a superuser gets a delete permission unless a policy names it
  (published records are withdrawn, never deleted);
- admins manage staff accounts and login lockouts.
"""

from collections.abc import Iterable

from django.apps import apps
from django.db import transaction

EDITOR = "录入员"
REVIEWER = "审核员"
AUDITOR = "审计员"
ADMIN = "管理员"
ROLES = {"editor": EDITOR, "reviewer": REVIEWER, "auditor": AUDITOR, "admin": ADMIN}

PROJECT_APPS = ("loudi_portal", "inforequests", "disclosure", "enforcement", "approvals", "subsidies")

# Unregistered project models: everyone on staff reads, admins maintain.
DEFAULT_POLICY = {
    "editor": {"view"},
    "reviewer": {"view"},
    "auditor": {"view"},
    "admin": {"view", "add", "change"},
}

# Rights outside the project's own apps.
FIXED_GRANTS = {
    "auditor": {
        ("auth", "view_user"),
        ("auth", "view_group"),
        ("admin", "view_logentry"),
        ("axes", "view_accessattempt"),
        ("axes", "view_accesslog"),
        ("axes", "view_accessfailurelog"),
        # Auditor exports (loudi_portal/audit.py): every row, and the change history.
        ("loudi_portal", "export_audit"),
    },
    "admin": {
        ("auth", "view_user"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "view_group"),
        ("admin", "view_logentry"),
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accesslog"),
        ("axes", "view_accessfailurelog"),
        ("loudi_portal", "export_audit"),
    },
}

_policies: dict[str, dict[str, set[str]]] = {}


def register(model_label: str, **rights: Iterable[str]) -> None:
    """Declare what each role may do with a model, e.g.

    register("disclosure.notice", editor={"view", "add", "change"},
             reviewer={"view", "review_notice"})

    Plain actions (view, add, change, delete) expand to Django's codenames;
    anything else is taken as a custom permission codename of that model.
    Roles left out get nothing (auditors still view).
    """
    unknown = set(rights) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles {sorted(unknown)}; use {sorted(ROLES)}.")
    _policies[model_label.lower()] = {role: set(actions) for role, actions in rights.items()}


def _codename(action: str, model_name: str) -> str:
    return f"{action}_{model_name}" if action in {"view", "add", "change", "delete"} else action


def computed_grants() -> dict[str, set[tuple[str, str]]]:
    """Return, per role, the (app_label, codename) pairs it should hold."""
    grants = {role: set(FIXED_GRANTS.get(role, set())) for role in ROLES}
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            meta = model._meta
            if meta.model_name.startswith("historical") and hasattr(model, "instance_type"):
                continue  # handled with the model it records
            policy = _policies.get(meta.label_lower, DEFAULT_POLICY)
            history_model = getattr(getattr(model, "history", None), "model", None)
            for role in ROLES:
                actions = set(policy.get(role, set()))
                if role == "auditor":
                    actions = {"view"}
                for action in actions:
                    grants[role].add((app_label, _codename(action, meta.model_name)))
                # Whoever can see a record can see its history.
                if history_model is not None and "view" in actions:
                    grants[role].add((app_label, f"view_{history_model._meta.model_name}"))
    return grants


@transaction.atomic
def sync_role_groups() -> None:
    """Create the four groups if missing and set their permissions to the table's."""
    from django.contrib.auth.models import Group, Permission

    wanted = computed_grants()
    by_key = {(p.content_type.app_label, p.codename): p for p in Permission.objects.select_related("content_type")}
    for role, group_name in ROLES.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        perms = [by_key[key] for key in sorted(wanted[role]) if key in by_key]
        group.permissions.set(perms)


def sync_after_migrate(sender, **kwargs) -> None:
    """post_migrate hook: runs once, after the last app's permissions exist."""
    last = list(apps.get_app_configs())[-1]
    if sender.label == last.label and kwargs.get("using", "default") == "default":
        sync_role_groups()


def role_of(user) -> str | None:
    """Return the role slug of a staff user (the first group that matches), or None."""
    names = {g.name for g in user.groups.all()}
    for role, group_name in ROLES.items():
        if group_name in names:
            return role
    return None
