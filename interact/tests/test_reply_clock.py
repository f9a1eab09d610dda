"""The reply clock: working days on the portal's calendar, always well inside the 3-month veto limit."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interact import reply_clock
from loudi_portal import workdays

pytestmark = pytest.mark.django_db

days = st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31))
kinds = st.sampled_from(sorted(reply_clock.REPLY_WORKING_DAYS))


@settings(max_examples=60, deadline=None)
@given(received=days, kind=kinds)
def test_the_due_date_is_the_nth_working_day_and_far_inside_three_months(received, kind):
    clock = reply_clock.reply_clock(kind, received)
    n = reply_clock.REPLY_WORKING_DAYS[kind]
    assert workdays.is_working_day(clock.due_on)
    assert workdays.working_days_between(received, clock.due_on) == n
    assert received < clock.due_on < clock.limit_on
    # Even across 春节 or 国庆 the commitment leaves over a month before the veto limit.
    assert (clock.limit_on - clock.due_on).days > 30


@settings(max_examples=40, deadline=None)
@given(first=days, gap=st.integers(min_value=0, max_value=40), kind=kinds)
def test_a_later_message_is_never_due_earlier(first, gap, kind):
    later = first + timedelta(days=gap)
    assert reply_clock.reply_clock(kind, later).due_on >= reply_clock.reply_clock(kind, first).due_on


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), months=st.integers(0, 36))
def test_adding_months_keeps_the_day_or_takes_the_months_last_day(day, months):
    result = reply_clock.add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + timedelta(days=1)).day == 1)


def test_the_states_a_handler_sees_as_the_days_pass():
    clock = reply_clock.reply_clock("consult", date(2026, 9, 29))
    # 9-30, then 国庆 (10-01..07) off, 10-10 (Saturday) a 调休 working day: the 10th working day is 10-19.
    assert clock.due_on == date(2026, 10, 19)
    assert clock.state(date(2026, 9, 30)) == "open"
    assert clock.state(clock.due_on) == "near"
    assert clock.state(clock.due_on + timedelta(days=1)) == "late"
    assert clock.state(clock.limit_on + timedelta(days=1)) == "past_limit"
    assert clock.state(date(2027, 1, 1), replied_on=clock.due_on) == "answered"
    assert clock.state(date(2027, 1, 1), replied_on=clock.due_on + timedelta(days=1)) == "answered_late"
    assert clock.limit_on == date(2026, 12, 29)
