"""Next year's holidays missing in December: staff are told on the board and the back office home,
and no system check fails the deploy checks or prints a warning block."""

from datetime import date

import pytest
from django.core import checks
from django.urls import reverse

from loudi_portal import calendar_reminder, workdays
from loudi_portal.models import WorkCalendarEntry
from loudi_portal.obligations import board

pytestmark = pytest.mark.django_db

DECEMBER = date(2026, 12, 1)


@pytest.fixture
def in_december(monkeypatch):
    """The home page and the board run on today's date; make it December 1 with no 2027 calendar."""
    real = workdays.missing_next_year
    monkeypatch.setattr(workdays, "missing_next_year", lambda today: real(DECEMBER))


def test_the_board_lists_entering_next_years_holidays_from_december_until_entered():
    assert not calendar_reminder.collect(date(2026, 11, 30))
    [item] = calendar_reminder.collect(DECEMBER)
    assert item.title == "录入 2027 年节假日安排（工作日历）" and item.due_on == date(2026, 12, 31)
    titles = [row["item"].title for row in board(DECEMBER)["rows"]]
    assert "录入 2027 年节假日安排（工作日历）" in titles
    WorkCalendarEntry.objects.create(date=date(2027, 1, 1), kind=WorkCalendarEntry.Kind.HOLIDAY, source="国办发明电")
    assert calendar_reminder.collect(DECEMBER) == []


def test_staff_see_the_reminder_on_the_back_office_home_with_a_link_to_the_calendar(client, editor, in_december):
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "录入 2027 年节假日安排（工作日历）" in page
    assert reverse("admin:loudi_portal_workcalendarentry_changelist") in page


def test_the_board_page_shows_it_too(client, editor, in_december):
    client.force_login(editor)
    page = client.get(reverse("admin:disclosure_obligationboard_changelist")).content.decode()
    assert "录入 2027 年节假日安排（工作日历）" in page


def test_no_system_check_reports_the_calendar_even_in_december(in_december):
    messages = checks.run_checks(include_deployment_checks=True, databases=["default"])
    assert not [m for m in messages if "calendar" in m.msg.lower() or "W101" in (m.id or "")]


def test_the_checks_that_migrate_and_runserver_print_find_nothing():
    """`make run` (migrate, runserver) shows no warning block, on SQLite as on PostgreSQL."""
    messages = [m for m in checks.run_checks(databases=["default"]) if not m.is_silenced()]
    assert messages == []
