"""自查: the inspection run on the site itself passes on the demo and fails on what inspectors fail."""

import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from disclosure.models import Category, Notice
from loudi_portal import selfcheck
from loudi_portal.models import SelfCheckRun

pytestmark = pytest.mark.django_db

PAGES = 120  # enough for the home page, the columns and the latest records


def by_key(results):
    return {r.key: r for r in results}


def notice(category, title, *, days_ago=0, body="<p>正文。</p>"):
    at = timezone.now() - timedelta(days=days_ago)
    return Notice.objects.create(
        title=title, category=category, body=body, status=Notice.Status.PUBLISHED, published_at=at, written_on=at.date()
    )


def test_the_demo_has_no_veto_item_and_the_command_exits_zero(demo):
    out = io.StringIO()
    call_command("site_selfcheck", "--max-pages", str(PAGES), stdout=out)
    text = out.getvalue()
    assert "自查结果：无单项否决项" in text
    for title in (
        "首页更新",
        "栏目更新",
        "空白栏目",
        "办事指南要素",
        "互动回应",
        "链接和附件可用性",
        "网页标签",
        "政府网站工作年度报表",
    ):
        assert f"[通过] {title}" in text
    run = SelfCheckRun.objects.get()
    assert not run.veto_failed and run.pages == PAGES


def test_five_stale_dynamic_columns_fail_the_site_and_name_each_column(demo):
    for n in range(5):
        column = Category.objects.create(name=f"要闻{n}", slug=f"news-{n}", update_rule=Category.UpdateRule.DYNAMIC)
        notice(column, f"旧闻{n}", days_ago=20)
    results = by_key(selfcheck.run(only=["columns_stale"]))
    stale = results["columns_stale"]
    assert not stale.passed and stale.veto and selfcheck.veto_failed([stale])
    assert any("“要闻0”超过 2 周未更新" in f.text for f in stale.findings)
    assert all(f.url.startswith("/admin/disclosure/notice/add/") for f in stale.findings)
    with pytest.raises(SystemExit) as exited:
        call_command("site_selfcheck", "--max-pages", "1", "--no-record", stdout=io.StringIO())
    assert exited.value.code == 1


def test_a_column_updated_within_its_limit_is_not_stale(demo):
    column = Category.objects.create(name="要闻", slug="news-fresh", update_rule=Category.UpdateRule.DYNAMIC)
    notice(column, "新闻", days_ago=13)
    stale = by_key(selfcheck.run(only=["columns_stale"]))["columns_stale"]
    assert not any("“要闻”" in f.text for f in stale.warnings)


def test_five_blank_columns_fail_the_site(demo):
    for n in range(5):
        Category.objects.create(name=f"空栏目{n}", slug=f"blank-{n}")
    blank = by_key(selfcheck.run(only=["columns_blank"]))["columns_blank"]
    assert not blank.passed and blank.veto
    assert {f"“空栏目{n}”没有任何公开信息" for n in range(5)} <= {f.text for f in blank.findings}


def test_a_broken_link_is_reported_with_the_page_that_holds_it(demo):
    page = notice(
        Category.objects.get(slug="work-news"),
        "附件失效的通知",
        body='<p>见<a href="/notices/99999999/">原文</a>和<a href="/no-such-page/">附件</a>。</p>',
    )
    links = by_key(selfcheck.run(only=["links"], start=page.get_absolute_url(), max_pages=PAGES))["links"]
    assert not links.passed and not links.veto
    bad = {f.text: f.url for f in links.findings}
    assert any("/notices/99999999/ 打不开（HTTP 404）" in text for text in bad)
    assert set(bad.values()) == {page.get_absolute_url()}


def test_a_message_left_unanswered_over_three_months_fails_the_site(demo):
    from interact import services

    services.receive_message(
        kind="consult",
        subject="过期未答复的咨询",
        body="请问如何办理？",
        name="刘志强",
        contact="13973809999",
        at=timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=100), datetime.min.time())),
    )
    messages = by_key(selfcheck.run(only=["messages"]))["messages"]
    assert not messages.passed and messages.veto
    assert "超过 3 个月未答复" in messages.findings[0].text


def test_a_service_guide_without_its_procedure_fails_the_site(demo):
    from approvals.models import Service

    service = Service.objects.published().first()
    service.steps.all().delete()
    guides = by_key(selfcheck.run(only=["service_guides"]))["service_guides"]
    assert not guides.passed and guides.veto
    assert f"“{service.name}”缺少：办理流程" in [f.text for f in guides.findings]


def test_a_home_page_without_news_for_two_weeks_fails_the_site(demo):
    """The inspection's veto: run on a day 15 days after the newest item on the home page."""
    fresh = by_key(selfcheck.run(only=["home"]))["home"]
    assert fresh.passed
    newest_on = re.search(r"发布于 (\d{4}-\d{2}-\d{2})", fresh.summary).group(1)
    later = date.fromisoformat(newest_on) + timedelta(days=15)
    home = by_key(selfcheck.run(only=["home"], today=later))["home"]
    assert not home.passed and home.veto and selfcheck.veto_failed([home])
    assert "（15 天前）" in home.summary
    assert [f.text for f in home.findings] == ["首页 2 周内没有更新，请发布新的信息"]
    # 14 days is still within the limit.
    assert by_key(selfcheck.run(only=["home"], today=later - timedelta(days=1)))["home"].passed


def test_pages_without_the_site_identity_code_are_reported(demo):
    """Before the bureau has entered its 网站标识码, no page carries SiteIDCode: each is named."""
    from loudi_portal.models import BureauProfile

    profile = BureauProfile.current()
    assert by_key(selfcheck.run(only=["page_tags"], max_pages=3))["page_tags"].passed
    profile.site_code = ""
    profile.save()
    tags = by_key(selfcheck.run(only=["page_tags"], max_pages=3))["page_tags"]
    assert not tags.passed and not tags.veto
    assert tags.summary == "3 个页面中 3 个缺少 SiteName、SiteDomain 或 SiteIDCode"
    assert {f.text for f in tags.findings} == {"缺少网页标签：SiteIDCode"}
    assert "/" in {f.url for f in tags.findings}


def test_the_staff_page_shows_the_latest_run_and_only_staff_may_start_one(demo, client, editor, auditor):
    client.force_login(auditor)
    page = client.get("/admin/loudi_portal/selfcheckrun/")
    assert page.status_code == 200 and "还没有自查记录" in page.content.decode()
    assert client.post("/admin/loudi_portal/selfcheckrun/").status_code == 403
    client.force_login(editor)
    client.post("/admin/loudi_portal/selfcheckrun/")
    html = client.get("/admin/loudi_portal/selfcheckrun/").content.decode()
    assert "最近一次自查" in html and "办事指南要素" in html
