"""The demo ledger is the 2019 scheme as the bureau reported it, and loading it twice changes nothing."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum

from subsidies import demo as subsidy_demo
from subsidies.models import FundStatus, MineClosure, SubsidyPayment, SubsidyScheme
from subsidies.services import ledger_for_year

pytestmark = pytest.mark.django_db


def test_demo_ledger_matches_the_2019_figures_and_leaves_money_outstanding():
    subsidy_demo.load(stdout=StringIO())
    scheme = SubsidyScheme.objects.get(year=2019)
    assert (
        scheme.outburst_subsidy,
        scheme.non_outburst_subsidy,
        scheme.over_quota_reward,
        scheme.over_quota_working_funds,
    ) == (Decimal("9000000"), Decimal("2000000"), Decimal("5000000"), Decimal("500000"))
    assert MineClosure.objects.filter(scheme=scheme).count() == 25
    city = SubsidyPayment.objects.filter(funding_level="city").aggregate(total=Sum("amount"))["total"]
    assert city == Decimal("21800000")
    ledger = ledger_for_year(2019)
    over = {row.label: row.over_quota for row in ledger.counties}
    assert over["涟源市"] == 2 and over["冷水江市"] == 1 and over["双峰县"] == 1 and over["新化县"] == 0
    statuses = {row.status for row in ledger.mines.values()}
    assert statuses == {FundStatus.PAID, FundStatus.PARTIAL, FundStatus.UNPAID}
    assert ledger.totals.outstanding > 0
    assert SubsidyPayment.objects.filter(reverses__isnull=False).count() == 2


def test_demo_loads_twice_without_duplicating_anything():
    call_command("load_demo", stdout=StringIO())
    counts = (SubsidyScheme.objects.count(), MineClosure.objects.count(), SubsidyPayment.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (SubsidyScheme.objects.count(), MineClosure.objects.count(), SubsidyPayment.objects.count()) == counts
