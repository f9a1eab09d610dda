"""No applicant data reaches a public page, a public dataset or an export."""

from datetime import date

import pytest
from django.urls import reverse

from disclosure.models import AnnualReport
from disclosure.tests.lifecycle import publish_as
from inforequests.tests.factories import ID_NUMBER, make_request
from loudi_portal.registry import datasets, search_sources

PRIVATE = ["申请人甲隐私", ID_NUMBER, "0738-8888888", "长青中街"]


@pytest.fixture
def private_request(db):
    return make_request(name="申请人甲隐私")


@pytest.mark.parametrize(
    "url",
    ["/", "/search/?q=烟花爆竹零售网点", "/apply/", "/apply/track/", "/budgets/", "/annual-reports/"],
)
def test_public_pages_never_show_applicant_data(client, private_request, url):
    response = client.get(url)
    html = response.content.decode()
    for value in PRIVATE:
        assert value not in html


def test_no_public_dataset_or_search_source_reads_requests(private_request):
    for dataset in datasets():
        rows = list(dataset.public()) if dataset.public else []
        assert not any(getattr(row, "_meta", None) and row._meta.model_name == "inforequest" for row in rows)
    for source in search_sources():
        _total, items = source.search("申请人甲隐私", 20)
        assert not any("申请人甲隐私" in (item.title + item.snippet) for item in items)


def test_published_report_counts_requests_without_naming_anyone(client, private_request, reviewer):
    from disclosure.models import ReportManualFigure

    private_request.received_on = date(2019, 3, 4)
    private_request.status = "in_progress"
    private_request.save()
    report = AnnualReport.objects.create(year=2019, overview="一", problems="五", other_matters="六")
    from disclosure.services import table2_cells

    for row, col in table2_cells(2019):
        ReportManualFigure.objects.create(report=report, row=row, column=col, value=0)
    publish_as(report, reviewer)
    html = client.get(reverse("disclosure:annual-report-detail", args=[2019])).content.decode()
    assert "结转下年度" in html
    for value in PRIVATE:
        assert value not in html
    assert all(value not in str(AnnualReport.objects.get().tables) for value in PRIVATE)


def test_the_admin_history_of_a_request_is_closed_to_editors(client, editor, private_request):
    client.force_login(editor)
    response = client.get(reverse("admin:inforequests_inforequest_history", args=[private_request.pk]))
    assert response.status_code in (302, 403, 404)
    assert "申请人甲隐私" not in response.content.decode()


@pytest.fixture(autouse=True)
def _bureau_with_credit_code(db):
    """Publishing files the report as a notice, whose 索引号 needs the bureau's credit code."""
    from loudi_portal.identifiers import make_credit_code
    from loudi_portal.models import BureauProfile

    BureauProfile.objects.update_or_create(pk=1, defaults={"credit_code": make_credit_code("11431300MB1234567")})
