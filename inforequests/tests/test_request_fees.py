"""Fee tiers (国办函〔2020〕109号): per applicant per calendar month."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inforequests.fees import fee_for_nth_request, monthly_fee_total


@pytest.mark.parametrize(
    ("n", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_the_nth_request_in_a_month_costs_its_tier(n, fee):
    assert fee_for_nth_request(n) == Decimal(fee)


def test_a_month_of_thirty_five_requests_costs_three_thousand_yuan():
    # 10 free, 20 x 100, 5 x 200.
    assert monthly_fee_total(35) == Decimal("3000")


@given(st.integers(min_value=1, max_value=500))
def test_fees_never_decrease_and_rise_by_one_hundred_per_band(n):
    assert fee_for_nth_request(n + 1) >= fee_for_nth_request(n)
    assert fee_for_nth_request(n + 1) - fee_for_nth_request(n) in (0, 100)
    assert monthly_fee_total(n + 1) - monthly_fee_total(n) == fee_for_nth_request(n + 1)


def test_the_eleventh_request_of_one_applicant_in_a_month_is_charged_and_next_month_is_free(db, roles):
    from django.contrib.auth.models import Group, User

    from inforequests.permissions import HANDLER_GROUP, ensure_handler_group
    from inforequests.services import record_event
    from inforequests.tests.factories import make_request

    ensure_handler_group()
    user = User.objects.create_user("h", is_staff=True)
    user.groups.add(Group.objects.get(name=HANDLER_GROUP))
    user = User.objects.get(pk=user.pk)
    reqs = [make_request() for _ in range(12)]
    for i, req in enumerate(reqs[:11]):
        record_event(request=req, by=user, kind="received", on=date(2019, 5, 1 + i), channel="online")
    record_event(request=reqs[11], by=user, kind="received", on=date(2019, 6, 3), channel="online")
    fees = [r.fee for r in (type(reqs[0]).objects.get(pk=r.pk) for r in reqs)]
    assert fees[:10] == [0] * 10
    assert fees[10] == Decimal("100")
    assert fees[11] == 0
