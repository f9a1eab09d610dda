"""What each role can do in the back office, as one table a person could check."""

import csv
import io
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from inforequests.permissions import HANDLER_GROUP, ensure_handler_group
from loudi_portal.audit import auditor_export
from loudi_portal.models import BureauProfile, Department, Leader
from loudi_portal.roles import ADMIN, AUDITOR, EDITOR, REVIEWER

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "editor", "reviewer", "auditor", "admin_user"]
# Per model: which roles may list (view), add, save changes (change) and delete, and read history.
# Y = allowed, . = refused. Columns follow ROLES.
MATRIX = {
    #                               anon  out  edit  rev  aud  adm
    ("bureauprofile", "view"): "..YYYY",
    ("bureauprofile", "change"): ".....Y",
    ("bureauprofile", "delete"): "......",
    ("bureauprofile", "history"): "..YYYY",
    ("department", "view"): "..YYYY",
    ("department", "add"): ".....Y",
    ("department", "change"): ".....Y",
    ("department", "delete"): "......",
    ("department", "history"): "..YYYY",
    ("leader", "view"): "..YYYY",
    ("leader", "add"): ".....Y",
    ("leader", "change"): ".....Y",
    ("leader", "delete"): "......",
    ("user", "view"): "....YY",
    ("user", "add"): ".....Y",
    ("user", "change"): ".....Y",
    ("user", "delete"): "......",
    ("user", "history"): "....YY",
    ("group", "view"): "....YY",
    ("group", "change"): "......",
}
CASES = [
    (model, action, role, flags[i] == "Y") for (model, action), flags in MATRIX.items() for i, role in enumerate(ROLES)
]
APP = {
    "bureauprofile": "loudi_portal",
    "department": "loudi_portal",
    "leader": "loudi_portal",
    "user": "auth",
    "group": "auth",
}


@pytest.fixture
def records(db):
    from django.contrib.auth.models import Group, User

    return {
        "bureauprofile": BureauProfile.objects.create(name="娄底市应急管理局"),
        "department": Department.objects.create(name="办公室"),
        "leader": Leader.objects.create(name="王某", title="局长"),
        "user": User.objects.create_user("someone", password="x-long-password-1", is_staff=True),
        "group": Group.objects.get(name="录入员"),
    }


def admin_can(client, model: str, action: str, obj) -> bool:
    """Return whether the admin lets the logged-in user do `action`, as the user would see it."""
    app = APP[model]
    if action == "view":
        response = client.get(reverse(f"admin:{app}_{model}_changelist"))
        return response.status_code == 200
    if action == "add":
        response = client.get(reverse(f"admin:{app}_{model}_add"))
        return response.status_code == 200
    if action == "change":
        # A read-only change page has no save button.
        response = client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))
        return response.status_code == 200 and 'name="_save"' in response.content.decode()
    if action == "delete":
        response = client.get(reverse(f"admin:{app}_{model}_delete", args=[obj.pk]))
        return response.status_code == 200
    if action == "history":
        response = client.get(reverse(f"admin:{app}_{model}_history", args=[obj.pk]))
        return response.status_code == 200
    raise AssertionError(action)


@pytest.mark.parametrize(("model", "action", "role", "allowed"), CASES, ids=[f"{r}-{a}-{m}" for m, a, r, _ in CASES])
def test_role_matrix(client, persona, records, model, action, role, allowed):
    persona(role)
    assert admin_can(client, model, action, records[model]) is allowed


def test_admin_cannot_make_themselves_superuser(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:auth_user_change", args=[admin_user.pk])
    html = client.get(url).content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html


def test_auditor_cannot_save_a_change(client, auditor, records):
    client.force_login(auditor)
    url = reverse("admin:loudi_portal_department_change", args=[records["department"].pk])
    response = client.post(url, {"name": "改名", "position": 0})
    assert response.status_code == 403
    records["department"].refresh_from_db()
    assert records["department"].name == "办公室"


def test_role_groups_exist_after_migrate(db):
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"录入员", "审核员", "审计员", "管理员"}


# --- who may hold which groups, and who may change them -----------------------------------

# One table: who saves whose account page with which groups, and what they see.
# target "self" is the actor's own account, "other" an ordinary staff account;
# forged: the post carries the group field although the page shows it read-only.
GROUP_CHANGES = [
    # actor        target   groups               saved  forged  what the actor sees
    ("admin_user", "other", [EDITOR], True, False, ""),
    ("admin_user", "other", [REVIEWER, HANDLER_GROUP], True, False, ""),
    ("admin_user", "other", [EDITOR, REVIEWER], False, False, "不能同时担任"),
    ("admin_user", "self", [ADMIN, REVIEWER], False, True, "403"),
    ("admin_user", "self", [ADMIN, HANDLER_GROUP], False, True, "403"),
    ("admin_user", "self", [ADMIN, AUDITOR], False, True, "403"),
    ("auditor", "other", [EDITOR], False, False, "403"),
    ("editor", "other", [EDITOR], False, False, "403"),
]


def account_post(user: User, group_names: list[str], *, with_groups: bool = True) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
    }
    if with_groups:
        data["groups"] = [str(g.pk) for g in Group.objects.filter(name__in=group_names)]
    return data


@pytest.mark.parametrize(
    ("actor", "target", "groups", "saved", "forged", "shown"),
    GROUP_CHANGES,
    ids=[f"{a}-{t}-{'+'.join(g)}" for a, t, g, *_ in GROUP_CHANGES],
)
def test_group_changes_in_the_user_admin(client, persona, records, actor, target, groups, saved, forged, shown):
    ensure_handler_group()
    me = persona(actor)
    account = me if target == "self" else records["user"]
    before = set(account.groups.values_list("name", flat=True))
    response = client.post(reverse("admin:auth_user_change", args=[account.pk]), account_post(account, groups))
    after = set(account.groups.values_list("name", flat=True))
    if saved:
        assert response.status_code == 302
        assert after == set(groups)
    else:
        assert after == before
        if shown == "403":
            assert response.status_code == 403
        else:
            assert response.status_code == 200 and shown in response.content.decode()


def test_ones_own_groups_permissions_and_staff_status_are_read_only(client, admin_user, records):
    client.force_login(admin_user)
    own = client.get(reverse("admin:auth_user_change", args=[admin_user.pk])).content.decode()
    for field in ("groups", "user_permissions", "is_staff", "is_superuser"):
        assert f'name="{field}"' not in own
    other = client.get(reverse("admin:auth_user_change", args=[records["user"].pk])).content.decode()
    assert 'name="groups"' in other and 'name="is_staff"' in other


def test_saving_ones_own_page_without_the_locked_fields_still_works(client, admin_user):
    client.force_login(admin_user)
    data = account_post(admin_user, [], with_groups=False)
    data.pop("is_staff")
    data["first_name"] = "新名"
    response = client.post(reverse("admin:auth_user_change", args=[admin_user.pk]), data)
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert admin_user.first_name == "新名" and admin_user.is_staff
    assert set(admin_user.groups.values_list("name", flat=True)) == {ADMIN}


@pytest.mark.parametrize(
    "how",
    ["user.groups.add", "user.groups.set", "group.user_set.add"],
)
def test_editor_and_reviewer_are_refused_together_whatever_the_path(editor, how):
    reviewers = Group.objects.get(name=REVIEWER)
    with pytest.raises(ValidationError, match="不能同时担任"), transaction.atomic():
        if how == "user.groups.add":
            editor.groups.add(reviewers)
        elif how == "user.groups.set":
            editor.groups.set([Group.objects.get(name=EDITOR), reviewers])
        else:
            reviewers.user_set.add(editor)
    assert set(editor.groups.values_list("name", flat=True)) == {EDITOR}


def test_the_admin_group_holds_no_personal_data_review_or_publish_right(roles):
    ensure_handler_group()
    perms = list(Group.objects.get(name=ADMIN).permissions.select_related("content_type"))
    personal = {
        m._meta.label_lower
        for m in apps.get_models()
        if getattr(m, "personal_data_fields", ())
        or getattr(getattr(m, "instance_type", None), "personal_data_fields", ())
    }
    assert "inforequests.inforequest" in personal
    held = {f"{p.content_type.app_label}.{p.content_type.model}" for p in perms}
    assert not held & personal
    custom = {p.codename for p in perms if not p.codename.startswith(("view_", "add_", "change_", "delete_"))}
    assert custom == {"export_audit"}  # no publish, review, draw, freeze or handling right
    # The handlers' group is the one that may see applicants' personal data.
    handlers = Group.objects.get(name=HANDLER_GROUP).permissions.values_list("codename", flat=True)
    assert "handle_inforequest" in handlers
    assert "handle_inforequest" not in {p.codename for p in perms}


def history_export_rows(by) -> list[dict]:
    export = auditor_export(by=by, fmt="csv", history_filters={"model_label": "loudi_portal.historicaluser"})
    archive = zipfile.ZipFile(io.BytesIO(export.zip_file.read()))
    text = archive.read(export.manifest["file"]).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_group_change_is_in_the_history_who_whose_when_from_what_to_what(client, admin_user, auditor, records):
    account = records["user"]
    account.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(admin_user)
    response = client.post(reverse("admin:auth_user_change", args=[account.pk]), account_post(account, [REVIEWER]))
    assert response.status_code == 302
    rows = [r for r in history_export_rows(auditor) if r["字段"] == "groups" and r["记录编号"] == str(account.pk)]
    assert (rows[-1]["操作人"], rows[-1]["原值"], rows[-1]["新值"]) == ("bureau_admin", EDITOR, REVIEWER)
    assert rows[-1]["时间"]
    # Auditors read the account's history page too; the password hash is never in it.
    client.force_login(auditor)
    page = client.get(reverse("admin:auth_user_history", args=[account.pk]))
    assert page.status_code == 200 and "bureau_admin" in page.content.decode()
    assert all(r["字段"] not in {"password", "last_login"} for r in history_export_rows(auditor))


def test_a_login_adds_no_history_entry(client, records):
    account = records["user"]
    entries = account.history.count()
    client.force_login(account)  # stamps the login time, as every login does
    account.refresh_from_db()
    assert account.last_login is not None
    assert account.history.count() == entries


def test_an_auditor_opens_one_version_of_an_account_from_its_history(client, auditor, records):
    account = records["user"]
    account.groups.add(Group.objects.get(name=EDITOR))
    version = account.history.order_by("-history_date", "-history_id").first()
    client.force_login(auditor)
    response = client.get(reverse("admin:auth_user_simple_history", args=[account.pk, version.history_id]))
    assert response.status_code == 200
    assert "someone" in response.content.decode()


def test_a_group_change_of_ones_own_account_during_a_request_is_refused_at_the_model(rf, admin_user):
    from django.core.exceptions import PermissionDenied
    from simple_history.models import HistoricalRecords

    request = rf.post("/admin/")
    request.user = admin_user
    HistoricalRecords.context.request = request
    try:
        with pytest.raises(PermissionDenied), transaction.atomic():
            admin_user.groups.add(Group.objects.get(name=REVIEWER))
    finally:
        del HistoricalRecords.context.request
    assert set(admin_user.groups.values_list("name", flat=True)) == {ADMIN}
