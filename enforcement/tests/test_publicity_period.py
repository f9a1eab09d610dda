"""公示期 of penalties (《信用修复管理办法》): the pure rule, and the public register that obeys it."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from enforcement import publicity_period as pp
from enforcement.models import Penalty, PenaltySeverity
from enforcement.publicity_period import Severity

from . import factories as f

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
severities = st.sampled_from(list(Severity))


def test_a_general_penalty_is_shown_from_three_months_to_one_year():
    assert pp.earliest_end(Severity.GENERAL, date(2026, 4, 1)) == date(2026, 7, 1)
    assert pp.latest_end(Severity.GENERAL, date(2026, 4, 1)) == date(2027, 4, 1)


def test_a_serious_penalty_decided_on_29_february_ends_on_28_february_three_years_later():
    assert pp.latest_end(Severity.SERIOUS, date(2028, 2, 29)) == date(2031, 2, 28)


def test_a_minor_penalty_is_not_published_unless_staff_choose_to():
    assert pp.default_end(Severity.MINOR, date(2026, 5, 1)) is None
    assert pp.end_error(Severity.MINOR, date(2026, 5, 1), None) is None
    assert "最长公示至 2026-08-01" in pp.end_error(Severity.MINOR, date(2026, 5, 1), date(2026, 8, 2))


def test_a_general_penalty_ending_before_three_months_needs_credit_repair():
    message = pp.end_error(Severity.GENERAL, date(2026, 5, 1), date(2026, 6, 1))
    assert "至少公示至 2026-08-01" in message and "信用修复" in message


@given(severities, days)
def test_the_default_end_is_the_maximum_and_passes_the_rule(severity, decided):
    end = pp.default_end(severity, decided)
    assert pp.end_error(severity, decided, end) is None
    if end is not None:
        assert end == pp.latest_end(severity, decided)


@given(severities, days)
def test_every_day_between_minimum_and_maximum_passes_and_one_day_outside_fails(severity, decided):
    low, high = pp.earliest_end(severity, decided), pp.latest_end(severity, decided)
    assert pp.end_error(severity, decided, low) is None
    assert pp.end_error(severity, decided, high) is None
    assert pp.end_error(severity, decided, high + timedelta(days=1)) is not None
    if low > decided:
        assert pp.end_error(severity, decided, low - timedelta(days=1)) is not None


@given(severities, days)
def test_the_maximum_grows_with_severity_and_never_shrinks_with_a_later_decision(severity, decided):
    assert pp.latest_end(Severity.MINOR, decided) < pp.latest_end(Severity.GENERAL, decided)
    assert pp.latest_end(Severity.GENERAL, decided) < pp.latest_end(Severity.SERIOUS, decided)
    assert pp.latest_end(severity, decided) <= pp.latest_end(severity, decided + timedelta(days=1))


@given(severities, days)
def test_the_oldest_public_decision_is_exactly_the_boundary_of_the_maximum(severity, today):
    oldest = pp.earliest_public_decision(severity, today)
    assert pp.latest_end(severity, oldest) >= today
    assert pp.latest_end(severity, oldest - timedelta(days=1)) < today


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_the_register_shows_each_penalty_until_its_maximum_and_auditors_still_find_it(auditor, client):
    today = timezone.localdate()
    fresh_serious = f.penalty(severity=PenaltySeverity.SERIOUS, decided_on=today - timedelta(days=500), **f.published())
    stale_general = f.penalty(severity=PenaltySeverity.GENERAL, decided_on=today - timedelta(days=400), **f.published())
    minor = f.penalty(severity=PenaltySeverity.MINOR, **f.published())
    assert stale_general.publicity_ends_on < today and minor.publicity_ends_on is None
    html = client.get(reverse("enforcement:penalty-list")).content.decode()
    assert fresh_serious.decision_no in html and "严重" in html
    assert stale_general.decision_no not in html and minor.decision_no not in html
    assert set(Penalty.objects.past_publicity_period()) == {stale_general, minor}
    response = client.get(reverse("enforcement:penalty-list") + "?format=json")
    exported = b"".join(response.streaming_content).decode()
    assert fresh_serious.decision_no in exported and stale_general.decision_no not in exported
    client.force_login(auditor)
    url = reverse("admin:enforcement_penalty_changelist") + "?publicity=over"
    assert stale_general.decision_no in client.get(url).content.decode()


@pytestmark_db
def test_a_wrong_end_date_saved_past_the_maximum_still_comes_down_at_the_maximum():
    today = timezone.localdate()
    p = f.penalty(severity=PenaltySeverity.GENERAL, decided_on=today - timedelta(days=400), **f.published())
    Penalty.objects.filter(pk=p.pk).update(publicity_ends_on=today + timedelta(days=30))
    assert not Penalty.objects.public().filter(pk=p.pk).exists()


@pytestmark_db
def test_the_admin_refuses_an_end_date_beyond_the_maximum_with_a_chinese_message():
    p = f.penalty(severity=PenaltySeverity.GENERAL, decided_on=date(2026, 5, 1))
    p.publicity_ends_on = date(2028, 1, 1)
    with pytest.raises(ValidationError) as caught:
        p.full_clean()
    assert "一般处罚最长公示至 2027-05-01" in str(caught.value)


@pytestmark_db
def test_a_decision_number_in_square_brackets_is_refused_with_the_corrected_form():
    p = f.penalty(decision_no="娄应急罚[2026]第03号")
    with pytest.raises(ValidationError) as caught:
        p.full_clean()
    assert "是否应为：娄应急罚〔2026〕3号" in str(caught.value)
