"""The yearly report draws on the other registers, and is filed as a notice when published."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.tests import factories as approval_factories
from disclosure import services
from disclosure.models import AnnualReport, Category, Notice, ReportManualFigure
from disclosure.services import compute_tables
from disclosure.tests.lifecycle import publish_as
from enforcement.tests import factories as enforcement_factories
from loudi_portal.obligations import board

pytestmark = pytest.mark.django_db

YEAR = 2019


def table2_rows(report):
    return {r["key"]: r for block in compute_tables(report)["table2"] for r in block["rows"]}


def test_normative_documents_are_counted_issued_repealed_and_in_force(publish, normative):
    def on(day):
        return timezone.make_aware(datetime.combine(day, time(10, 0)))

    publish("规范性文件甲", category=normative, written_on=date(2019, 3, 1), validity="valid", at=on(date(2019, 3, 5)))
    publish("规范性文件乙", category=normative, written_on=date(2017, 5, 1), validity="valid", at=on(date(2017, 5, 4)))
    publish(
        "规范性文件丙",
        at=on(date(2016, 1, 6)),
        category=normative,
        written_on=date(2016, 1, 1),
        validity="repealed",
        validity_changed_on=date(2019, 8, 1),
    )
    figures = services.normative_figures(YEAR)
    assert {k: figures[k] for k in ("issued", "repealed", "in_force")} == {"issued": 1, "repealed": 1, "in_force": 2}
    # The 2019 format's columns: made and published in 2019, public by its end.
    assert (figures["made"], figures["newly_published"], figures["public_total"]) == (1, 1, 3)
    # At the end of 2018 the repealed one was still in force and 甲 did not exist yet.
    assert services.normative_figures(2018)["in_force"] == 2


def test_licensing_and_penalty_rows_come_from_their_registers():
    app = approval_factories.application(accepted_on=date(2019, 6, 3))
    approval_factories.granted(app, on=date(2019, 6, 20), published_on=date(2019, 6, 25))
    enforcement_factories.penalty(decided_on=date(2019, 7, 1))
    enforcement_factories.penalty(decided_on=date(2020, 1, 2))
    rows = table2_rows(AnnualReport(year=YEAR))
    # 2019 format: 上一年项目数量 and 本年增/减 are typed by staff, 处理决定数量 comes from the register.
    assert rows["licensing"]["cells"] == [None, None, 1] and rows["licensing"]["source"] == "missing"
    assert rows["penalty"]["cells"] == [None, None, 1]


@pytest.fixture
def annual_category(db):
    return Category.objects.get_or_create(slug="annual-reports", defaults={"name": "政务公开年报"})[0]


def test_a_published_report_is_filed_once_as_a_notice_in_the_annual_report_category(
    annual_category, bureau, reviewer, client
):
    report = AnnualReport.objects.create(year=YEAR, overview="全年主动公开。", problems="无。", other_matters="无。")
    for row, column in services.table2_cells(YEAR):
        ReportManualFigure.objects.create(report=report, row=row, column=column, value=0)
    publish_as(report, reviewer)
    notice = Notice.objects.get(category=annual_category)
    assert notice.title == "娄底市应急管理局2019年政府信息公开工作年度报告"
    assert notice.is_public and notice.index_number
    # Filed through the lifecycle: drafted by the report's submitter, published by its reviewer.
    assert notice.reviewed_by == reviewer and notice.created_by != reviewer
    html = client.get(notice.get_absolute_url()).content.decode()
    assert "三、本年度办理结果" in html and reverse("disclosure:annual-report-detail", args=[YEAR]) in html
    services.file_report_as_notice(AnnualReport.objects.get(pk=report.pk), by=reviewer)
    assert Notice.objects.filter(category=annual_category).count() == 1


def test_a_draft_notice_shows_on_the_obligations_board_with_its_20_working_day_deadline(make_draft):
    notice = make_draft("关于汛期安全的通知", written_on=date(2019, 9, 27))
    rows = board(date(2019, 10, 8))["rows"]
    mine = [r for r in rows if r["item"].title == notice.title]
    assert len(mine) == 1
    # 20 working days after 2019-09-27, over National Day and its two working weekend days.
    assert mine[0]["item"].due_on == date(2019, 10, 30)
    assert mine[0]["state"] == "open"


@pytest.fixture(autouse=True)
def _bureau_with_credit_code(db):
    """Publishing files the report as a notice, whose 索引号 needs the bureau's credit code."""
    from loudi_portal.identifiers import make_credit_code
    from loudi_portal.models import BureauProfile

    BureauProfile.objects.update_or_create(pk=1, defaults={"credit_code": make_credit_code("11431300MB1234567")})
