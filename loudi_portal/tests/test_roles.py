"""What each role can do in the back office, as one table a person could check."""

import pytest
from django.urls import reverse

from loudi_portal.models import BureauProfile, Department, Leader

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
