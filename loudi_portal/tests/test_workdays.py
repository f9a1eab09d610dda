"""The working-day engine: the arithmetic, its explanation, the calendar data, its page and command."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from loudi_portal import workdays
from loudi_portal.models import WorkCalendarEntry
from loudi_portal.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

# 2004-2026 come seeded from chinesecalendar; 2027-2028 have no entries (weekends and fixed-date holidays).
starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 6, 30))
counts = st.integers(min_value=0, max_value=120)


@st.composite
def pause_lists(draw):
    pauses = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        begin = draw(st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 12, 31)))
        pauses.append((begin, begin + timedelta(days=draw(st.integers(min_value=0, max_value=40)))))
    return pauses


def _paused(day, pauses):
    return any(a <= day <= b for a, b in pauses)


def _days_after(start, end):
    day = start
    while day < end:
        day += timedelta(days=1)
        yield day


@settings(max_examples=60, deadline=None)
@given(start=starts, n=counts, extra=st.integers(min_value=1, max_value=30), pauses=pause_lists())
def test_a_longer_count_never_ends_earlier(start, n, extra, pauses):
    shorter = add_working_days(start, n, pauses=pauses)
    longer = add_working_days(start, n + extra, pauses=pauses)
    assert shorter.due < longer.due


@settings(max_examples=60, deadline=None)
@given(start=starts, n=counts, pauses=pause_lists())
def test_the_deadline_skips_exactly_the_non_working_and_paused_days(start, n, pauses):
    deadline = add_working_days(start, n, pauses=pauses)
    counted = [d for d in _days_after(start, deadline.due) if is_working_day(d) and not _paused(d, pauses)]
    assert len(counted) == n
    if n:
        assert counted[-1] == deadline.due
    else:
        assert deadline.due == start
    assert working_days_between(start, deadline.due, pauses=pauses) == n


@settings(max_examples=60, deadline=None)
@given(start=starts, n=counts, pauses=pause_lists())
def test_the_explanation_agrees_with_the_deadline(start, n, pauses):
    deadline = add_working_days(start, n, pauses=pauses)
    notes = deadline.explain()
    skipped = {note.day for note in notes if not note.counted}
    adjusted = {note.day for note in notes if note.counted}
    every_day = list(_days_after(start, deadline.due))
    assert skipped == {d for d in every_day if _paused(d, pauses) or not is_working_day(d)}
    assert adjusted == {d for d in every_day if d.weekday() >= 5 and is_working_day(d) and not _paused(d, pauses)}
    assert len(every_day) - len(skipped) == n
    assert deadline.provisional == any(d.year >= 2027 for d in every_day)


def test_twenty_working_days_after_national_day_2019_eve_end_on_october_30():
    deadline = add_working_days(date(2019, 9, 27), 20)
    assert deadline.due == date(2019, 10, 30)
    assert not deadline.provisional
    by_day = {note.day: note for note in deadline.explain()}
    assert by_day[date(2019, 9, 29)].counted and by_day[date(2019, 9, 29)].reason == workdays.ADJUSTED_WORKDAY
    assert by_day[date(2019, 10, 12)].counted
    for day in range(1, 8):
        assert by_day[date(2019, 10, day)].reason == workdays.HOLIDAY
        assert by_day[date(2019, 10, day)].label == "国庆节"
    assert by_day[date(2019, 9, 28)].reason == workdays.WEEKEND
    assert "国庆节" in by_day[date(2019, 10, 1)].text


def test_the_package_check_values_hold():
    assert add_working_days(date(2025, 9, 25), 20).due == date(2025, 10, 29)
    assert is_working_day(date(2026, 2, 14))  # a Saturday worked for the Spring Festival
    assert not is_working_day(date(2026, 2, 16))


def test_a_year_without_calendar_skips_weekends_and_the_fixed_date_holidays_provisionally():
    deadline = add_working_days(date(2027, 9, 24), 20)  # 2027 has no entries
    assert deadline.provisional
    assert deadline.missing_years == (2027,)
    # National Day's fixed dates are skipped (October 1 is a Friday, 2-3 a weekend); the lunar
    # holidays and the 调休 of 2027 are not known, so nothing else is.
    assert deadline.due == date(2027, 10, 25)
    holidays = [n for n in deadline.explain() if n.reason == workdays.HOLIDAY]
    assert [n.day for n in holidays] == [date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3)]
    assert holidays[0].label == "国庆节（按放假办法暂定）"
    assert all(note.provisional for note in deadline.explain())


def test_new_years_day_of_an_unpublished_year_is_not_a_working_day():
    # 2026-12-25 is a Friday: ten working days later, with 2027-01-01 skipped, is Monday 2027-01-11.
    deadline = add_working_days(date(2026, 12, 25), 10)
    assert deadline.due == date(2027, 1, 11)
    assert deadline.provisional and deadline.missing_years == (2027,)


@settings(max_examples=80, deadline=None)
@given(start=st.dates(min_value=date(2026, 10, 1), max_value=date(2029, 12, 31)), n=st.integers(0, 60))
def test_fixed_date_holidays_of_unentered_years_are_never_counted(start, n):
    deadline = add_working_days(start, n)
    fixed = {d for year in range(2027, 2031) for d in workdays.fixed_date_holidays(year)}
    every_day = list(_days_after(start, deadline.due))
    assert not fixed & {d for d in every_day if is_working_day(d)}
    assert deadline.due not in fixed or n == 0
    assert working_days_between(start, deadline.due) == n
    assert deadline.provisional == any(d.year >= 2027 for d in every_day)


def test_fixed_date_holidays_apply_from_the_rules_first_year_only():
    assert workdays.fixed_date_holidays(2024) == {}
    assert sorted(workdays.fixed_date_holidays(2030)) == [
        date(2030, 1, 1),
        date(2030, 5, 1),
        date(2030, 5, 2),
        date(2030, 10, 1),
        date(2030, 10, 2),
        date(2030, 10, 3),
    ]


def test_a_deadline_crossing_into_an_unentered_year_is_provisional():
    deadline = add_working_days(date(2026, 12, 20), 20)
    assert deadline.provisional and deadline.missing_years == (2027,)
    assert not add_working_days(date(2026, 11, 2), 20).provisional


def test_far_years_never_crash():
    assert add_working_days(date(9999, 12, 1), 5).provisional
    with pytest.raises(ValueError):
        add_working_days(date(9999, 12, 30), 5)
    assert is_working_day(date(1, 1, 1))  # a Monday, no entries


def test_bad_arguments_are_refused_clearly():
    with pytest.raises(ValueError):
        add_working_days(date(2020, 1, 1), -1)
    with pytest.raises(ValueError):
        add_working_days(date(2020, 1, 1), 10**9)
    with pytest.raises(ValueError):
        add_working_days(date(2020, 1, 1), 5, pauses=[(date(2020, 1, 5), date(2020, 1, 3))])


def test_pause_days_are_listed_with_their_reason():
    deadline = add_working_days(date(2019, 3, 1), 3, pauses=[(date(2019, 3, 4), date(2019, 3, 5), "补正材料")])
    assert deadline.due == date(2019, 3, 8)
    paused = [n for n in deadline.explain() if n.reason == workdays.PAUSE]
    assert [n.day for n in paused] == [date(2019, 3, 4), date(2019, 3, 5)]
    assert paused[0].label == "补正材料"


def test_working_days_between_counts_after_start_up_to_and_including_end():
    assert working_days_between(date(2019, 9, 27), date(2019, 10, 30)) == 20
    assert working_days_between(date(2019, 10, 30), date(2019, 10, 30)) == 0
    assert working_days_between(date(2019, 10, 30), date(2019, 9, 27)) == 0


def test_an_entry_saved_by_staff_changes_deadlines_at_once():
    before = add_working_days(date(2027, 9, 24), 20)  # provisional: fixed-date holidays only
    WorkCalendarEntry.objects.create(date=date(2027, 10, 4), kind="holiday", name="国庆节", source="测试通知")
    after = add_working_days(date(2027, 9, 24), 20)
    # Once 2027 has entries, they are the calendar: October 1 stays a working day unless entered.
    assert (before.due, after.due) == (date(2027, 10, 25), date(2027, 10, 25))
    assert not after.provisional
    assert is_working_day(date(2027, 10, 1)) and not is_working_day(date(2027, 10, 4))
    WorkCalendarEntry.objects.filter(date=date(2027, 10, 4)).get().delete()
    assert add_working_days(date(2027, 9, 24), 20).due == before.due
    assert not is_working_day(date(2027, 10, 1))


def test_cached_years_cost_no_queries(django_assert_num_queries):
    add_working_days(date(2019, 9, 27), 20)
    with django_assert_num_queries(0):
        add_working_days(date(2019, 9, 1), 30)
        is_working_day(date(2019, 10, 1))


def test_the_seed_covers_every_year_the_package_knows():
    years = {d.year for d in WorkCalendarEntry.objects.dates("date", "year")}
    assert years == set(range(2004, 2027))
    national_day = WorkCalendarEntry.objects.get(date=date(2019, 10, 1))
    assert national_day.kind == WorkCalendarEntry.Kind.HOLIDAY
    assert "2019年" in national_day.source
    assert national_day.history.count() == 1
    assert WorkCalendarEntry.objects.get(date=date(2019, 9, 29)).kind == WorkCalendarEntry.Kind.WORKDAY


def test_next_year_is_reported_missing_only_from_december_first():
    assert workdays.missing_next_year(date(2026, 11, 30)) is None
    assert workdays.missing_next_year(date(2026, 12, 1)) == 2027
    assert workdays.missing_next_year(date(2025, 12, 1)) is None


def test_the_command_prints_the_deadline_first_then_the_explanation():
    out = StringIO()
    call_command("workdays", "2019-09-27", "20", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "2019-10-30"
    assert any("2019-10-01" in line and "国庆节" in line for line in lines)
    assert any("2019-09-29" in line and "计入" in line for line in lines)


def test_the_command_takes_pauses_and_refuses_bad_dates():
    out = StringIO()
    call_command("workdays", "2019-03-01", "3", "--pause", "2019-03-04:2019-03-05", stdout=out)
    assert out.getvalue().splitlines()[0] == "2019-03-08"
    with pytest.raises(CommandError):
        call_command("workdays", "2019-02-30", "3", stdout=StringIO())


def test_the_public_page_explains_a_deadline(client):
    response = client.get("/workdays/", {"start": "2019-09-27", "days": "20"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "2019-10-30" in text and "国庆节" in text


def test_the_public_page_shows_errors_for_bad_input(client):
    for params in [{"start": "nonsense", "days": "20"}, {"start": "2019-09-27", "days": "-3"}, {"days": "x" * 500}]:
        response = client.get("/workdays/", params)
        assert response.status_code == 200
        html = response.content.decode()
        assert 'class="error-summary"' in html and 'class="field-error"' in html


def test_the_calendar_admin_is_editable_by_admins_only(client, admin_user, editor):
    entry = WorkCalendarEntry.objects.get(date=date(2019, 10, 1))
    url = f"/admin/loudi_portal/workcalendarentry/{entry.pk}/change/"
    client.force_login(editor)
    assert client.post(url, {"date": "2019-10-01", "kind": "holiday", "name": "改名", "source": "x"}).status_code == 403
    client.force_login(admin_user)
    response = client.post(url, {"date": "2019-10-01", "kind": "holiday", "name": "国庆节（更正）", "source": "通知"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.name == "国庆节（更正）"
    assert entry.history.count() == 2


def test_the_calendar_admin_warns_from_december_when_next_year_is_missing(client, admin_user, monkeypatch):
    from loudi_portal import admin as calendar_admin

    client.force_login(admin_user)
    monkeypatch.setattr(calendar_admin.timezone, "localdate", lambda: date(2026, 12, 1))
    response = client.get("/admin/loudi_portal/workcalendarentry/")
    assert "尚未录入 2027 年" in response.content.decode()
    monkeypatch.setattr(calendar_admin.timezone, "localdate", lambda: date(2026, 11, 30))
    response = client.get("/admin/loudi_portal/workcalendarentry/")
    assert "尚未录入" not in response.content.decode()


def test_a_process_drops_its_calendar_copy_after_the_maximum_age(monkeypatch, django_assert_num_queries):
    add_working_days(date(2019, 9, 27), 20)
    with django_assert_num_queries(0):
        is_working_day(date(2019, 10, 1))
    monkeypatch.setattr(workdays, "_cleared_at", workdays._cleared_at - workdays.MAX_AGE_SECONDS - 1)
    with django_assert_num_queries(1):
        is_working_day(date(2019, 10, 1))
