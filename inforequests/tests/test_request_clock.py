"""The request clock: 20 working days, restart on 补正, consultation not counted, one extension."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from inforequests.clock import add_days, compute_clock
from inforequests.models import InfoRequest, Outcome, RequestEvent
from inforequests.services import record_event
from inforequests.tests.factories import make_request

K = RequestEvent.Kind
# The calendar is data (seeded by a migration), so every clock test reads the database.
pytestmark = pytest.mark.django_db


@dataclass
class E:
    kind: str
    on: date
    extension_days: int | None = None
    outcome: str = ""
    pk: int = 0


def test_answer_is_due_twenty_working_days_after_receipt_skipping_weekends():
    # Mon 2019-03-04 received: 20 working days later is Mon 2019-04-01.
    clock = compute_clock([E(K.RECEIVED, date(2019, 3, 4))])
    assert clock.due_on == date(2019, 4, 1)
    assert clock.status == InfoRequest.Status.IN_PROGRESS


def test_statutory_holidays_are_not_working_days():
    # Received Fri 2019-09-27; Sun 9-29 and Sat 10-12 were make-up working days, Oct 1-7 off.
    clock = compute_clock([E(K.RECEIVED, date(2019, 9, 27))])
    assert clock.due_on == add_days(date(2019, 9, 27), 20).due
    assert clock.due_on == date(2019, 10, 30)


def test_supplement_stops_the_clock_and_it_restarts_from_the_supplement():
    events = [E(K.RECEIVED, date(2019, 3, 4)), E(K.SUPPLEMENT_ASKED, date(2019, 3, 6))]
    waiting = compute_clock(events)
    assert waiting.status == InfoRequest.Status.AWAITING_SUPPLEMENT
    assert waiting.due_on is None
    events.append(E(K.SUPPLEMENT_RECEIVED, date(2019, 3, 20)))
    restarted = compute_clock(events)
    assert restarted.due_on == add_days(date(2019, 3, 20), 20).due == date(2019, 4, 18)


def test_third_party_consultation_days_are_not_counted():
    base = [E(K.RECEIVED, date(2019, 3, 4))]
    # Consultation from Mon 3-11 to Fri 3-22: nine working days (3-12..3-22) not counted.
    with_consult = base + [E(K.CONSULTATION_STARTED, date(2019, 3, 11)), E(K.CONSULTATION_ENDED, date(2019, 3, 22))]
    assert compute_clock(with_consult).due_on == add_days(date(2019, 3, 4), 29).due
    assert compute_clock(with_consult).due_on > compute_clock(base).due_on


def test_open_consultation_gives_a_provisional_due_date_assuming_fifteen_days():
    clock = compute_clock([E(K.RECEIVED, date(2019, 3, 4)), E(K.CONSULTATION_STARTED, date(2019, 3, 4))])
    assert clock.status == InfoRequest.Status.CONSULTING
    assert clock.provisional
    assert clock.due_on == add_days(date(2019, 3, 4), 35).due


def test_an_extension_adds_its_working_days_to_the_due_date():
    clock = compute_clock([E(K.RECEIVED, date(2019, 3, 4)), E(K.EXTENDED, date(2019, 3, 28), extension_days=15)])
    assert clock.due_on == add_days(date(2019, 3, 4), 35).due


@pytest.fixture
def handler(db, roles):
    from django.contrib.auth.models import Group, User

    from inforequests.permissions import HANDLER_GROUP, ensure_handler_group

    ensure_handler_group()
    user = User.objects.create_user("handler", is_staff=True)
    user.groups.add(Group.objects.get(name=HANDLER_GROUP))
    return User.objects.get(pk=user.pk)


def test_second_extension_is_refused(handler):
    req = make_request()
    record_event(request=req, by=handler, kind=K.RECEIVED, on=date(2019, 3, 4), channel="online")
    extra = {"approved_by": "办公室主任", "applicant_told": True}
    record_event(request=req, by=handler, kind=K.EXTENDED, on=date(2019, 3, 25), extension_days=10, **extra)
    with pytest.raises(ValidationError, match="只能延长一次"):
        record_event(request=req, by=handler, kind=K.EXTENDED, on=date(2019, 3, 26), extension_days=5, **extra)
    req.refresh_from_db()
    assert req.due_on == add_days(date(2019, 3, 4), 30).due


def test_extension_beyond_twenty_days_or_unapproved_is_refused(handler):
    req = make_request()
    record_event(request=req, by=handler, kind=K.RECEIVED, on=date(2019, 3, 4), channel="online")
    with pytest.raises(ValidationError):
        record_event(
            request=req,
            by=handler,
            kind=K.EXTENDED,
            on=date(2019, 3, 25),
            extension_days=21,
            approved_by="主任",
            applicant_told=True,
        )
    with pytest.raises(ValidationError):
        record_event(
            request=req,
            by=handler,
            kind=K.EXTENDED,
            on=date(2019, 3, 25),
            extension_days=10,
            approved_by="",
            applicant_told=True,
        )
    assert req.events.count() == 1


def test_supplement_must_be_asked_within_seven_working_days(handler):
    req = make_request()
    record_event(request=req, by=handler, kind=K.RECEIVED, on=date(2019, 3, 4), channel="online")
    with pytest.raises(ValidationError, match="7 个工作日"):
        record_event(request=req, by=handler, kind=K.SUPPLEMENT_ASKED, on=date(2019, 3, 14))
    record_event(request=req, by=handler, kind=K.SUPPLEMENT_ASKED, on=date(2019, 3, 13))
    req.refresh_from_db()
    assert req.status == InfoRequest.Status.AWAITING_SUPPLEMENT


def test_the_ledger_drives_the_cached_status_due_date_and_outcome(handler):
    req = make_request()
    record_event(request=req, by=handler, kind=K.RECEIVED, on=date(2019, 3, 4), channel="in_person")
    record_event(request=req, by=handler, kind=K.ANSWERED, on=date(2019, 3, 20), outcome=Outcome.PARTLY)
    req.refresh_from_db()
    assert (req.status, req.closed_on, req.outcome, req.due_on) == (
        "answered",
        date(2019, 3, 20),
        "2",
        date(2019, 4, 1),
    )
    with pytest.raises(ValidationError, match="已办结"):
        record_event(request=req, by=handler, kind=K.EXTENDED, on=date(2019, 3, 21), extension_days=5)


def test_abandonment_needs_an_unanswered_supplement_request(handler):
    req = make_request()
    record_event(request=req, by=handler, kind=K.RECEIVED, on=date(2019, 3, 4), channel="online")
    with pytest.raises(ValidationError):
        record_event(request=req, by=handler, kind=K.ABANDONED, on=date(2019, 4, 20))
    record_event(request=req, by=handler, kind=K.SUPPLEMENT_ASKED, on=date(2019, 3, 5))
    record_event(request=req, by=handler, kind=K.ABANDONED, on=date(2019, 4, 20))
    req.refresh_from_db()
    assert req.status == InfoRequest.Status.ABANDONED and req.outcome == Outcome.OTHER_NO_SUPPLEMENT


def test_staff_without_the_handling_permission_cannot_record_events(editor):
    from django.core.exceptions import PermissionDenied

    req = make_request()
    with pytest.raises(PermissionDenied):
        record_event(request=req, by=editor, kind=K.RECEIVED, on=date(2019, 3, 4), channel="online")


def test_a_deadline_in_a_year_without_a_calendar_is_marked_provisional():
    clock = compute_clock([E(K.RECEIVED, date(2031, 12, 15))])
    assert clock.provisional
    assert "2032" in clock.explain()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORKDAY_DATES = st.dates(min_value=date(2019, 1, 1), max_value=date(2025, 6, 30))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(received=WORKDAY_DATES, wait=st.integers(0, 30), gap=st.integers(1, 10), length=st.integers(0, 20))
def test_the_answer_always_gets_twenty_counted_working_days(received, wait, gap, length):
    """Whatever the 补正 and consultation dates, exactly 20 working days are counted."""
    from datetime import timedelta

    from inforequests.clock import days_between

    supplement_on = received + timedelta(days=wait)
    consult_from = supplement_on + timedelta(days=gap)
    consult_to = consult_from + timedelta(days=length)
    events = [
        E(K.RECEIVED, received),
        E(K.SUPPLEMENT_ASKED, received + timedelta(days=min(wait, 1))),
        E(K.SUPPLEMENT_RECEIVED, supplement_on),
        E(K.CONSULTATION_STARTED, consult_from),
        E(K.CONSULTATION_ENDED, consult_to),
    ]
    clock = compute_clock(events)
    pauses = [(consult_from + timedelta(days=1), consult_to)] if consult_to > consult_from else []
    assert days_between(supplement_on, clock.due_on, pauses) == 20
    assert clock.due_on > supplement_on
