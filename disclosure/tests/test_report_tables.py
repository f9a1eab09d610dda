"""The yearly report: Table 三 arithmetic and cross-checks (property-based), Table 二/四, publication."""

import copy
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure.models import AnnualReport, ReportManualFigure, ReviewCase
from disclosure.report_tables import check_tables, compute_table4
from disclosure.services import compute_tables, table2_cells
from disclosure.tests.lifecycle import publish_as
from inforequests.models import ApplicantKind, Outcome
from inforequests.public import RequestFacts, compute_table3
from loudi_portal import publishing, registry
from loudi_portal.registry import register_table2_provider, table2_providers

YEAR = 2019
KINDS = st.sampled_from(ApplicantKind.values)
OUTCOMES = st.sampled_from(Outcome.values)


@st.composite
def facts(draw):
    received = draw(st.dates(min_value=date(2018, 1, 1), max_value=date(2020, 12, 31)))
    closed = draw(st.none() | st.integers(min_value=0, max_value=400).map(lambda d: received + timedelta(days=d)))
    return RequestFacts(kind=draw(KINDS), received_on=received, closed_on=closed, outcome=draw(OUTCOMES))


def tables_for(fact_list, cases=()):
    return {"table2": [], "table3": compute_table3(fact_list, YEAR), "table4": compute_table4(list(cases), YEAR)}


def row(table, key):
    return next(r for r in table["rows"] if r["key"] == key)


@settings(max_examples=150, deadline=None)
@given(st.lists(facts(), max_size=60))
def test_new_plus_carried_in_equals_results_plus_carried_out_for_any_records(fact_list):
    tables = tables_for(fact_list)
    assert check_tables(tables) == []
    t3 = tables["table3"]
    total = -1
    assert row(t3, "new")["values"][total] + row(t3, "carried_in")["values"][total] == (
        row(t3, "7")["values"][total] + row(t3, "carried_out")["values"][total]
    )


@settings(max_examples=80, deadline=None)
@given(st.lists(facts(), min_size=1, max_size=40), st.data())
def test_any_altered_cell_is_caught_by_the_cross_checks(fact_list, data):
    tables = tables_for(fact_list)
    broken = copy.deepcopy(tables)
    rows = [r for r in broken["table3"]["rows"] if r["values"] is not None]
    target = data.draw(st.sampled_from(rows))
    column = data.draw(st.integers(min_value=0, max_value=len(target["values"]) - 1))
    target["values"][column] += data.draw(st.integers(min_value=1, max_value=5))
    assert check_tables(broken) != []


def test_requests_are_counted_by_applicant_kind_outcome_and_carry_over():
    fact_list = [
        RequestFacts("person", date(2018, 12, 20), date(2019, 1, 10), Outcome.GRANTED),  # carried in, answered
        RequestFacts("commercial", date(2019, 3, 1), date(2019, 3, 20), Outcome.REFUSED_THIRD_PARTY),
        RequestFacts("person", date(2019, 12, 25), None, ""),  # carried out
        RequestFacts("person", date(2018, 5, 1), date(2018, 6, 1), Outcome.GRANTED),  # closed before: ignored
        RequestFacts("research", date(2020, 1, 2), None, ""),  # next year: ignored
    ]
    t3 = compute_table3(fact_list, YEAR)
    assert row(t3, "new")["values"] == [1, 1, 0, 0, 0, 0, 2]
    assert row(t3, "carried_in")["values"] == [1, 0, 0, 0, 0, 0, 1]
    assert row(t3, "3.4")["values"] == [0, 1, 0, 0, 0, 0, 1]
    assert not any(r["key"] == "3" for r in t3["rows"])  # no subtotal row: the template has none
    assert row(t3, "7")["values"][-1] == 2
    assert row(t3, "carried_out")["values"] == [1, 0, 0, 0, 0, 0, 1]


def test_table_four_counts_cases_filed_in_the_year_and_undecided_ones_as_pending():
    cases = [
        ReviewCase(kind="reconsideration", filed_on=date(2019, 4, 1), result="upheld", concluded_on=date(2019, 6, 1)),
        ReviewCase(
            kind="reconsideration", filed_on=date(2019, 11, 1), result="corrected", concluded_on=date(2020, 2, 1)
        ),
        ReviewCase(kind="litigation_direct", filed_on=date(2018, 11, 1), result="other", concluded_on=date(2019, 2, 1)),
    ]
    t4 = compute_table4(cases, YEAR)
    assert t4["groups"][0]["values"] == [1, 0, 0, 1, 2]
    assert t4["groups"][1]["values"] == [0, 0, 0, 0, 0]


@pytest.fixture
def report(db):
    return AnnualReport.objects.create(
        year=YEAR, overview="全年主动公开信息。", problems="栏目更新不够及时。", other_matters="无。"
    )


def test_table_two_uses_a_registered_provider_and_falls_back_to_staff_figures(report):
    report.year = 2021  # one column per row in the 2021 format
    report.save()
    saved = table2_providers()
    registry._table2_providers.clear()
    try:
        register_table2_provider("licensing", lambda year: {"decisions": 42})
        ReportManualFigure.objects.create(report=report, row="penalty", column="decisions", value=17)
        blocks = compute_tables(report)["table2"]
        rows = {r["key"]: r for block in blocks for r in block["rows"]}
        assert rows["licensing"]["cells"] == [42] and rows["licensing"]["source"] == "system"
        assert rows["penalty"]["cells"] == [17] and rows["penalty"]["source"] == "manual"
        assert rows["coercion"]["source"] == "missing"
    finally:
        registry._table2_providers.clear()
        registry._table2_providers.update(saved)


def _fill_table2(report):
    for row_key, column in table2_cells(report.year):
        ReportManualFigure.objects.get_or_create(report=report, row=row_key, column=column, defaults={"value": 3})


def test_publication_needs_every_section_and_table_two_figure(report, reviewer):
    with pytest.raises(ValidationError, match="尚无数据"):
        publish_as(report, reviewer)
    _fill_table2(report)
    report.problems = ""
    report.save()
    with pytest.raises(ValidationError, match="存在的主要问题"):
        publish_as(report, reviewer)


def test_a_published_report_is_frozen_and_shown_with_accessible_tables(
    report, reviewer, client, django_assert_max_num_queries
):
    _fill_table2(report)
    publish_as(report, reviewer)
    # A later figure change does not alter the published report.
    ReportManualFigure.objects.filter(report=report, row="penalty").update(value=999)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("disclosure:annual-report-detail", args=[YEAR]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "三、本年度办理结果" in html and 'scope="row"' in html and "<caption>" in html and "999" not in html
    with django_assert_max_num_queries(3):
        listing = client.get(reverse("disclosure:annual-report-list")).content.decode()
    assert str(YEAR) in listing


def test_an_unpublished_or_unknown_year_is_not_found(report, client):
    assert client.get(reverse("disclosure:annual-report-detail", args=[YEAR])).status_code == 404
    assert client.get("/annual-reports/abc/").status_code == 404
    assert client.get(reverse("disclosure:annual-report-detail", args=[1900])).status_code == 404


def test_editors_cannot_publish_the_report(report, editor):
    from django.core.exceptions import PermissionDenied

    _fill_table2(report)
    with pytest.raises(PermissionDenied):
        publish_as(report, editor)


def test_staff_preview_shows_live_tables(report, client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:disclosure_annualreport_preview", args=[report.pk]))
    assert response.status_code == 200 and "预览" in response.content.decode()
    assert client.get(reverse("admin:disclosure_annualreport_changelist")).status_code == 200


def test_site_search_finds_a_published_report_by_its_text(report, reviewer, client):
    _fill_table2(report)
    assert report.get_absolute_url() not in client.get("/search/", {"q": "栏目更新"}).content.decode()
    publish_as(report, reviewer)
    html = client.get("/search/", {"q": "栏目更新"}).content.decode()
    assert report.get_absolute_url() in html


def test_a_withdrawn_report_stays_visible_with_its_reason(report, reviewer, client):

    _fill_table2(report)
    publish_as(report, reviewer)
    with pytest.raises(ValidationError):
        publishing.withdraw(record=report, by=reviewer, reason="  ")
    publishing.withdraw(record=report, by=reviewer, reason="表二数据有误，更正后重新发布")
    html = client.get(reverse("disclosure:annual-report-detail", args=[YEAR])).content.decode()
    assert "本报告已撤回" in html and "表二数据有误" in html
    assert "已撤回" in client.get(reverse("disclosure:annual-report-list")).content.decode()


def test_a_reviewer_withdraws_through_the_admin_page_with_a_reason(report, reviewer, client):
    _fill_table2(report)
    publish_as(report, reviewer)
    client.force_login(reviewer)
    url = reverse("admin:disclosure_annualreport_withdraw", args=[report.pk])
    client.post(url, {"reason": ""})
    assert AnnualReport.objects.get().status == "published"
    client.post(url, {"reason": "数据更正"})
    assert AnnualReport.objects.get().withdrawal_reason == "数据更正"


@pytest.fixture(autouse=True)
def _bureau_with_credit_code(db):
    """Publishing files the report as a notice, whose 索引号 needs the bureau's credit code."""
    from loudi_portal.identifiers import make_credit_code
    from loudi_portal.models import BureauProfile

    BureauProfile.objects.update_or_create(pk=1, defaults={"credit_code": make_credit_code("11431300MB1234567")})
