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
- admins manage staff accounts and login lockouts, and gain nothing else by it:
  no custom right (publish, review, draw, handle requests) and no right at all on
  a model that declares personal data (`personal_data_fields`, see audit.py);
- nobody holds 录入员 and 审核员 at once (`guard_group_change`, whatever the path);
- nobody changes their own groups, permissions, is_staff or is_superuser (the user
  admin shows them read-only on one's own page and refuses a forged post; a group
  change made during a request by the user it concerns is refused here too);
- every change of a user's groups is in the history: `User` is tracked by
  simple-history with its `groups` (who changed whose groups, when, from what to
  what), so it joins the hash chain and the auditors' history export.
"""

from collections.abc import Iterable

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .history import ChainedHistoryManager

EDITOR = "录入员"
REVIEWER = "审核员"
AUDITOR = "审计员"
ADMIN = "管理员"
ROLES = {"editor": EDITOR, "reviewer": REVIEWER, "auditor": AUDITOR, "admin": ADMIN}

PROJECT_APPS = (
    "loudi_portal",
    "inforequests",
    "disclosure",
    "enforcement",
    "approvals",
    "subsidies",
    "interact",
    "relief",
)

# Groups nobody may hold together: who drafts does not also approve (four eyes).
EXCLUSIVE_GROUPS = [(EDITOR, REVIEWER)]
EXCLUSIVE_MESSAGE = _("同一人不能同时担任“%(a)s”和“%(b)s”：录入与审核须由不同人员完成。")
SELF_CHANGE_MESSAGE = _("不能修改自己的角色、权限或管理员状态，请由其他管理员办理。")
# Fields of one's own account that only someone else may change.
SELF_LOCKED_FIELDS = ("groups", "user_permissions", "is_staff", "is_superuser")
# Saves that change nothing an auditor asks about (a login, a password rehash): no history entry.
QUIET_USER_FIELDS = {"last_login", "password"}

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
        ("loudi_portal", "view_historicaluser"),  # who changed whose groups, when
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
        ("loudi_portal", "view_historicaluser"),
        ("admin", "view_logentry"),
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
        ("axes", "view_accesslog"),
        ("axes", "view_accessfailurelog"),
        ("loudi_portal", "export_audit"),
    },
}

_policies: dict[str, dict[str, set[str]]] = {}

# Duty groups: a duty a staff member holds besides (or instead of) one of the four roles,
# e.g. 留言办理 (answering the public's messages). Kept in step like the role groups.
_duty_groups: dict[str, dict[str, set[str]]] = {}


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


def register_duty_group(
    group_name: str, *, rights: dict[str, Iterable[str]], exclusive_with: Iterable[str] = ()
) -> None:
    """Declare a duty group and its rights, {model_label: actions}, e.g.

    register_duty_group("留言办理", rights={"interact.message": {"view", "change"}}, exclusive_with=[REVIEWER])

    The group is created and its permissions set on every `migrate` (no right on a
    model is ever added to it by hand). `exclusive_with` names groups it may not be
    held together with (four eyes: who answers does not also approve the publication).
    """
    _duty_groups[group_name] = {label.lower(): set(actions) for label, actions in rights.items()}
    for other in exclusive_with:
        if (group_name, other) not in EXCLUSIVE_GROUPS and (other, group_name) not in EXCLUSIVE_GROUPS:
            EXCLUSIVE_GROUPS.append((group_name, other))


def duty_group_grants() -> dict[str, set[tuple[str, str]]]:
    """Per duty group, the (app_label, codename) pairs it should hold (history views included)."""
    grants: dict[str, set[tuple[str, str]]] = {}
    for group_name, rights in _duty_groups.items():
        pairs = set()
        for label, actions in rights.items():
            model = apps.get_model(label)
            meta = model._meta
            for action in actions:
                pairs.add((meta.app_label, _codename(action, meta.model_name)))
            history_model = getattr(getattr(model, "history", None), "model", None)
            if history_model is not None and "view" in actions:
                pairs.add((meta.app_label, f"view_{history_model._meta.model_name}"))
        grants[group_name] = pairs
    return grants


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
            personal = bool(getattr(model, "personal_data_fields", ()))
            for role in ROLES:
                actions = set(policy.get(role, set()))
                if role == "auditor":
                    actions = {"view"}
                if role == "admin":
                    # Managing accounts gives no access to personal data nor any review right.
                    actions = set() if personal else actions & {"view", "add", "change"}
                for action in actions:
                    grants[role].add((app_label, _codename(action, meta.model_name)))
                # Whoever can see a record can see its history.
                if history_model is not None and "view" in actions:
                    grants[role].add((app_label, f"view_{history_model._meta.model_name}"))
    return grants


@transaction.atomic
def sync_role_groups() -> None:
    """Create the four groups and the duty groups if missing and set their permissions to the table's."""
    from django.contrib.auth.models import Group, Permission

    wanted = computed_grants()
    by_key = {(p.content_type.app_label, p.codename): p for p in Permission.objects.select_related("content_type")}
    for role, group_name in ROLES.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        perms = [by_key[key] for key in sorted(wanted[role]) if key in by_key]
        group.permissions.set(perms)
    for group_name, pairs in duty_group_grants().items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.set([by_key[key] for key in sorted(pairs) if key in by_key])


def sync_after_migrate(sender, **kwargs) -> None:
    """post_migrate hook: runs once, after the last app's permissions exist."""
    last = list(apps.get_app_configs())[-1]
    if sender.label == last.label and kwargs.get("using", "default") == "default":
        sync_role_groups()


# Groups an app defines besides the four roles, for one kind of work (e.g. inforequests'
# 依申请公开办理人, holding the right to handle requests); the app keeps the group's rights.
_extra_groups: dict[str, str] = {}


def register_group(slug: str, group_name: str) -> None:
    """Declare an app's own staff group (it gets a demo account like every role)."""
    if slug in ROLES:
        raise ValueError(f"{slug!r} is one of the four roles")
    _extra_groups[slug] = group_name


def staff_groups() -> dict[str, str]:
    """Every staff group the portal defines, by slug: the four roles, then the apps' groups."""
    return {**ROLES, **dict(sorted(_extra_groups.items()))}


def role_of(user) -> str | None:
    """Return the role slug of a staff user (the first group that matches), or None."""
    names = {g.name for g in user.groups.all()}
    for role, group_name in ROLES.items():
        if group_name in names:
            return role
    return None


# --- who may hold which groups ------------------------------------------------------------


def exclusive_conflict(group_names: Iterable[str]) -> str | None:
    """Return the Chinese refusal if these groups may not be held together, else None."""
    names = set(group_names)
    for a, b in EXCLUSIVE_GROUPS:
        if a in names and b in names:
            return str(EXCLUSIVE_MESSAGE % {"a": a, "b": b})
    return None


def _acting_user():
    """The logged-in user of the request being served (simple-history's middleware keeps it), or None."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def guard_group_change(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """m2m_changed receiver on User.groups: refuse incompatible groups and changes of one's own groups.

    Runs before the rows are written (pre_add, pre_remove, pre_clear), from either side
    (`user.groups.add(group)` or `group.user_set.add(user)`): one query per user concerned.
    """
    from django.contrib.auth.models import Group, User

    if action not in {"pre_add", "pre_remove", "pre_clear"}:
        return
    if reverse:  # instance is a group; pk_set holds users (None on clear: all its members)
        user_ids = pk_set if pk_set is not None else set(instance.user_set.values_list("pk", flat=True))
        users = list(User.objects.filter(pk__in=user_ids))
        added = {instance.name} if action == "pre_add" else set()
    else:
        users = [instance]
        added = (
            set(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)) if action == "pre_add" else set()
        )
    actor = _acting_user()
    for user in users:
        if actor is not None and actor.pk == user.pk and not actor.is_superuser:
            raise PermissionDenied(SELF_CHANGE_MESSAGE)
        if added:
            message = exclusive_conflict(set(user.groups.values_list("name", flat=True)) | added)
            if message:
                raise ValidationError(message, code="exclusive_roles")


class UserHistory(HistoricalRecords):
    """simple-history for `User`: also records group changes made from the group's side,
    and skips saves that only touch the login time or the password hash."""

    def post_save(self, instance, created, using=None, update_fields=None, **kwargs):
        if update_fields and set(update_fields) <= QUIET_USER_FIELDS:
            return
        super().post_save(instance, created, using=using, update_fields=update_fields, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        from django.contrib.auth.models import User

        # From the group's side: record each user whose groups changed.
        if action == "pre_clear":
            instance._cleared_user_ids = set(instance.user_set.values_list("pk", flat=True))
            return
        if action == "post_clear":
            pk_set = getattr(instance, "_cleared_user_ids", set())
        if action in {"post_add", "post_remove", "post_clear"}:
            for user in User.objects.filter(pk__in=pk_set or ()):
                self.create_historical_record(user, "~")


def track_user_history() -> None:
    """Track staff accounts and their groups with simple-history (called once, from loudi_portal.models).

    The password hash and the login time are left out: the history and its export never hold them.
    """
    import simple_history
    from django.contrib.auth.models import User
    from django.db.models.signals import m2m_changed

    simple_history.register(
        User,
        app="loudi_portal",
        records_class=UserHistory,
        m2m_fields=["groups"],
        excluded_fields=["password", "last_login"],
        history_manager=ChainedHistoryManager,
        cascade_delete_history=False,
    )
    m2m_changed.connect(guard_group_change, sender=User.groups.through, dispatch_uid="loudi_portal.guard_groups")
