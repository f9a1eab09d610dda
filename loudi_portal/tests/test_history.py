"""Who changed which public record, when, and what changed."""

import pytest
from django.urls import reverse

from loudi_portal.models import Department

pytestmark = pytest.mark.django_db


def test_a_change_through_the_admin_records_who_and_what(client, admin_user, auditor):
    dept = Department.objects.create(name="办公室", phone="0738-1")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:loudi_portal_department_change", args=[dept.pk]),
        {"name": "办公室", "duties": "文电会务", "phone": "0738-2", "position": 1},
    )
    assert response.status_code == 302
    latest = dept.history.latest()
    assert latest.history_user == admin_user
    assert latest.history_type == "~"
    delta = latest.diff_against(latest.prev_record)
    assert {c.field: (c.old, c.new) for c in delta.changes}["phone"] == ("0738-1", "0738-2")

    client.force_login(auditor)
    html = client.get(reverse("admin:loudi_portal_department_history", args=[dept.pk])).content.decode()
    assert "bureau_admin" in html


def test_history_keeps_the_old_state_readable(db):
    dept = Department.objects.create(name="办公室", phone="0738-1")
    first = dept.history.earliest()
    dept.phone = "0738-9"
    dept.save()
    assert dept.history.count() == 2
    assert dept.history.as_of(first.history_date).phone == "0738-1"
