"""The obligations board: every deadline the bureau has, worst first."""

from datetime import date

from django.contrib.auth.models import Group, User
from django.urls import reverse

from inforequests.permissions import HANDLER_GROUP, ensure_handler_group
from inforequests.services import record_event
from inforequests.tests.factories import make_request
from loudi_portal.obligations import Obligation, board


def test_obligation_states_follow_the_dates():
    today = date(2026, 11, 2)
    assert Obligation("a", "r", date(2026, 11, 1)).state(today) == "late"
    assert Obligation("a", "r", date(2026, 11, 5)).state(today) == "due_soon"
    assert Obligation("a", "r", date(2026, 12, 5)).state(today) == "open"
    assert Obligation("a", "r", date(2026, 11, 1), done_on=date(2026, 10, 30)).state(today) == "done"
    assert Obligation("a", "r", date(2026, 11, 1), done_on=date(2026, 11, 2)).state(today) == "done_late"


def test_the_board_lists_a_late_request_first_with_its_handler_and_the_yearly_report(
    db, roles, django_assert_max_num_queries
):
    ensure_handler_group()
    handler = User.objects.create_user("handler", first_name="小王", is_staff=True)
    handler.groups.add(Group.objects.get(name=HANDLER_GROUP))
    handler = User.objects.get(pk=handler.pk)
    late = make_request()
    record_event(request=late, by=handler, kind="received", on=date(2026, 9, 1), channel="online")
    # A fixed number per source of deadlines, whatever the number of records: requests, report,
    # budgets, notices, licensing, penalties, 双随机抽查结果, 政策解读 and 事故整改评估 (two each), the
    # two 救灾 registers (one each), plus the calendar's years on first use.
    with django_assert_max_num_queries(14):
        data = board(date(2026, 11, 2))
    states = [row["state"] for row in data["rows"]]
    assert states == sorted(states, key=["late", "due_soon", "open", "done_late", "done"].index)
    request_row = next(row for row in data["rows"] if late.reference in row["item"].title)
    assert request_row["state"] == "late" and request_row["item"].responsible == "小王"
    report_row = next(row for row in data["rows"] if "2025 年政府信息公开工作年度报告" in row["item"].title)
    assert report_row["state"] == "late" and report_row["item"].due_on == date(2026, 1, 31)
    # Rules whose register does not feed the board yet are listed as waiting, not forgotten.
    assert any(source.key == "penalty_withdrawals" for source in data["waiting"])
    assert not any(source.key in ("licensing", "inspections") for source in data["waiting"])


def test_staff_open_the_board_in_the_admin_and_the_public_cannot(client, editor):
    url = reverse("admin:disclosure_obligationboard_changelist")
    assert client.get(url).status_code == 302
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and "公开义务看板" in response.content.decode()
