"""政府网站工作年度报表: counted from the portal's records, published by a reviewer, on the home page in January,
on the obligations board due January 29."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from disclosure import website_report
from disclosure.models import WebsiteReport
from interact import services as interact_services
from loudi_portal import publishing, registry

pytestmark = pytest.mark.django_db

ENTERED = {"unique_visitors": 48213, "page_views": 236870, "security_officer": "局办公室主任", "new_media": "无"}


@pytest.fixture
def messages_of_2025():
    at = timezone.make_aware(datetime(2025, 3, 3, 10, 0))
    for n in range(3):
        interact_services.receive_message(
            kind="consult", subject=f"咨询{n}", body="请问？", name="刘志强", contact="13973800000", at=at
        )


def published(editor, reviewer, **fields):
    report = publishing.create_draft(model=WebsiteReport, by=editor, year=2025, **{**ENTERED, **fields})
    report = publishing.submit(record=report, by=editor)
    return publishing.publish(record=report, by=reviewer, revision=report.revision)


def test_a_report_without_its_visit_figures_is_refused_in_chinese(editor):
    report = publishing.create_draft(model=WebsiteReport, by=editor, year=2025)
    with pytest.raises(ValidationError) as refused:
        publishing.submit(record=report, by=editor)
    assert "请根据网站访问统计填写" in str(refused.value) and "请填写网站安全责任人" in str(refused.value)


def test_the_published_report_freezes_the_counted_figures_and_shows_every_section(
    editor, reviewer, client, messages_of_2025
):
    report = published(editor, reviewer)
    assert report.tables["interact"]["received"] == 3
    interact_services.receive_message(
        kind="consult", subject="迟到的", body="？", name="刘志强", contact="13973800000",
        at=timezone.make_aware(datetime(2025, 6, 2, 10, 0)),
    )  # fmt: skip
    html = client.get("/website-reports/2025/").content.decode()
    for section in ("信息发布", "专栏专题", "解读回应", "办事服务", "互动交流", "安全防护", "移动新媒体", "创新发展"):
        assert section in html
    assert "48213" in html and "13973800000" not in html
    row = html.split("留言：收到留言数量（条）</th><td>")[1].split("</td>")[0]
    assert row == "3"  # frozen: the later message does not change a published report
    assert '<meta name="ArticleTitle" content="2025 年度政府网站工作年度报表">' in html


def test_a_draft_report_is_not_public(editor, client):
    publishing.create_draft(model=WebsiteReport, by=editor, year=2025, **ENTERED)
    assert client.get("/website-reports/2025/").status_code == 404
    assert "2025 年度" not in client.get("/website-reports/").content.decode()


def test_the_home_page_shows_last_years_report_in_january_only(editor, reviewer, client, monkeypatch):
    report = published(editor, reviewer)
    assert [i.url for i in website_report.home_notice(date(2026, 1, 10))] == [report.get_absolute_url()]
    assert website_report.home_notice(date(2026, 2, 1)) == []
    assert website_report.home_notice(date(2027, 1, 10)) == []  # the 2026 one is due then
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 1, 10))
    assert report.get_absolute_url() in client.get("/").content.decode()
    assert registry.home_notices(date(2026, 3, 1)) == []


def test_the_obligations_board_expects_last_years_report_by_january_29(editor, reviewer):
    (line,) = website_report.report_obligations(date(2026, 1, 5))
    assert line.due_on == date(2026, 1, 29) and line.done_on is None
    published(editor, reviewer)
    (line,) = website_report.report_obligations(date(2026, 1, 5))
    assert line.done_on == timezone.localdate()


def test_the_report_counts_the_years_error_reports_and_those_handled(editor, reviewer, client):
    from interact.models import ErrorReport

    for n in range(3):
        report, _code = interact_services.receive_report(
            page_url="/notices/", kind=ErrorReport.Kind.CONTENT, description=f"第{n}段有错别字"
        )
        ErrorReport.objects.filter(pk=report.pk).update(received_at=timezone.make_aware(datetime(2025, 5, 6 + n, 9)))
    first = ErrorReport.objects.order_by("pk").first()
    interact_services.record_outcome(report=first, status=ErrorReport.Status.FIXED, outcome="已改正", by=editor)
    interact_services.receive_report(page_url="/", kind=ErrorReport.Kind.LINK, description="今年的，不计入2025年")
    published(editor, reviewer)
    html = client.get("/website-reports/2025/").content.decode()
    assert html.split("网站找错：收到（条）</th><td>")[1].split("</td>")[0] == "3"
    assert html.split("网站找错：处理（条）</th><td>")[1].split("</td>")[0] == "1"
