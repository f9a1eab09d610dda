"""Handlers work a request in the back office by adding ledger lines; the due date follows."""

from datetime import date

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from inforequests.models import InfoRequest
from inforequests.permissions import HANDLER_GROUP, ensure_handler_group
from inforequests.tests.factories import make_request


@pytest.fixture
def handler(roles):
    ensure_handler_group()
    user = User.objects.create_user("handler", is_staff=True)
    user.groups.add(Group.objects.get(name=HANDLER_GROUP))
    return user


def post_data(request, **event):
    data = {
        "channel": request.channel,
        "handler": "",
        "applicant_kind": request.applicant_kind,
        "name": request.name,
        "id_number": request.id_number,
        "credit_code": "",
        "contact_person": "",
        "phone": request.phone,
        "email": "",
        "address": request.address,
        "postal_code": "",
        "description": request.description,
        "form": request.form,
        "delivery": request.delivery,
        "events-TOTAL_FORMS": str(request.events.count() + 1),
        "events-INITIAL_FORMS": str(request.events.count()),
        "events-MIN_NUM_FORMS": "0",
        "events-MAX_NUM_FORMS": "200",
    }
    for i, existing in enumerate(request.events.all()):
        data[f"events-{i}-id"] = str(existing.pk)
        data[f"events-{i}-request"] = str(request.pk)
    n = request.events.count()
    data.update({f"events-{n}-{key}": value for key, value in event.items()})
    data[f"events-{n}-request"] = str(request.pk)
    return data


def test_a_handler_records_receipt_in_the_admin_and_the_due_date_is_computed(client, handler):
    request = make_request()
    client.force_login(handler)
    url = reverse("admin:inforequests_inforequest_change", args=[request.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, post_data(request, kind="received", on="2019-03-04", channel="in_person"))
    assert response.status_code == 302, response.content.decode()[:3000]
    request.refresh_from_db()
    assert request.due_on == date(2019, 4, 1) and request.status == "in_progress"
    assert request.events.get().recorded_by == handler


def test_an_impossible_ledger_line_is_refused_with_a_message_and_nothing_saved(client, handler):
    request = make_request()
    client.force_login(handler)
    url = reverse("admin:inforequests_inforequest_change", args=[request.pk])
    response = client.post(url, post_data(request, kind="answered", on="2019-03-04", outcome="1"))
    assert response.status_code == 200
    assert "请先登记收到申请" in response.content.decode()
    assert not request.events.exists()
    assert InfoRequest.objects.get(pk=request.pk).status == "submitted"


def test_migrate_creates_the_handlers_group_with_the_handling_permission(db):
    assert Group.objects.filter(name=HANDLER_GROUP, permissions__codename="handle_inforequest").exists()


def test_the_publish_action_is_offered_only_to_those_who_may_publish(client, editor, reviewer):
    from disclosure.models import AnnualReport

    AnnualReport.objects.create(year=2019)
    url = reverse("admin:disclosure_annualreport_changelist")
    client.force_login(editor)
    assert "发布所选年度报告" not in client.get(url).content.decode()
    client.force_login(reviewer)
    assert "发布所选年度报告" in client.get(url).content.decode()
