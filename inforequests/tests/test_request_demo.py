"""The demo: requests across outcomes, 三公 from 2017, the yearly reports computed from them."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from disclosure.models import AnnualReport, SanGongStatement
from disclosure.report_tables import check_tables
from inforequests.models import InfoRequest, RequestEvent

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (InfoRequest, RequestEvent, SanGongStatement, AnnualReport))


def test_demo_loads_once_and_the_2019_report_balances(client):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    report = AnnualReport.objects.get(year=2019)
    assert report.status == "published" and check_tables(report.tables) == []
    outcomes = {o.split(".")[0] for o in InfoRequest.objects.exclude(outcome="").values_list("outcome", flat=True)}
    assert outcomes == {"1", "2", "3", "4", "5", "6"}
    # 三公 budgets up to this year's, final accounts up to last year's (issue 17: one history to today).
    this_year = timezone.localdate().year
    published = set(SanGongStatement.objects.published().values_list("year", "stage"))
    assert {(y, "budget") for y in range(2017, this_year + 1)} <= published
    assert {(y, "final") for y in range(2017, this_year)} <= published
    assert InfoRequest.objects.open().exists()  # work on the obligations board
    assert client.get("/annual-reports/2019/").status_code == 200
