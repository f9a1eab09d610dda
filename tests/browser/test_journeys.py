"""Journeys of a citizen through the foundation, keyboard only (no mouse anywhere)."""

import re

from playwright.sync_api import expect

from ..tools import ARTIFACTS

SHOTS = ARTIFACTS / "screenshots"


def tab_to(page, predicate_js: str, limit: int = 60):
    """Press Tab until the focused element matches; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def test_a_reader_switches_to_large_text_with_the_keyboard_only(site, page):
    page.goto(site + "/about/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-medium\b"))
    tab_to(page, "el.closest('.font-switch') && el.textContent.includes('大')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + "/about/"
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-large\b"))
    expect(page.locator(".font-switch [aria-current='true']")).to_contain_text("大")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
    page.screenshot(path=str(SHOTS / "journey-font-size-large.png"), full_page=True)
    # Back to medium: the text gets smaller again, and the choice survives a new page.
    tab_to(page, "el.closest('.font-switch') && el.textContent.includes('中')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + "/about/"
    smaller = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main')).fontSize)")
    assert smaller < size
    page.goto(site + "/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bfs-medium\b"))


def test_the_first_tab_offers_to_skip_to_the_content(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_citizen_searches_the_site_with_the_keyboard_only(site, page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site + "/")
    tab_to(page, "el.id === 'site-search-q'")
    page.keyboard.type("安全生产")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator("h1")).to_have_text("站内搜索")
    expect(page.locator("#search-q")).to_have_value("安全生产")
    expect(page.get_by_role("status")).to_contain_text("找到")
    page.screenshot(path=str(SHOTS / "journey-search-360.png"), full_page=True)


def test_a_mistyped_address_gives_a_helpful_404_page(site, page):
    response = page.goto(site + "/no-such-notice/")
    assert response.status == 404
    expect(page.locator("h1")).to_contain_text("404")
    tab_to(page, "el.closest('main') && el.getAttribute('href') === '/'")
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/")
    page.screenshot(path=str(SHOTS / "journey-404-back-home.png"), full_page=True)


# --- Journeys through the registers (issue 8) ----------------------------------------
# Links and buttons are reached with Tab and followed with Enter; fields are typed into
# from the keyboard. The back-office steps fill Django's admin forms without the mouse too.


def follow_link(page, href: str, limit: int = 200):
    """Tab to the link with this exact href and press Enter (keyboard only)."""
    tab_to(page, f"el.getAttribute('href') === {href!r}", limit=limit)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, element_id: str, text: str, limit: int = 80):
    tab_to(page, f"el.id === {element_id!r}", limit=limit)
    page.keyboard.type(text)


def test_a_citizen_finds_a_notice_by_search_and_by_catalogue_on_a_phone(site, page):
    from disclosure.models import Notice

    notice = Notice.objects.published().select_related("category").order_by("-published_at", "-pk").first()
    url = notice.get_absolute_url()
    page.set_viewport_size({"width": 360, "height": 800})
    # By search: the site-wide search box in the header, then the result.
    page.goto(site + "/")
    type_into(page, "site-search-q", notice.title[:8])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    follow_link(page, url)
    expect(page.locator("h1")).to_have_text(notice.title)
    # By catalogue: the category in the tree, then the notice in its list.
    page.goto(site + "/notices/")
    follow_link(page, notice.category.get_absolute_url())
    expect(page.locator("h1")).to_have_text(notice.category.name)
    follow_link(page, url)
    expect(page.locator("h1")).to_have_text(notice.title)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the notice scrolls sideways by {overflow}px at 360px"
    page.screenshot(path=str(SHOTS / "journey-notice-360.png"), full_page=True)


def test_a_citizen_checks_the_payments_of_a_closed_mine(site, page):
    from subsidies.models import MineClosure, SubsidyPayment

    mine = MineClosure.objects.filter(payments__isnull=False).order_by("pk").first()
    payments = SubsidyPayment.objects.filter(closure=mine).count()
    page.goto(site + "/mine-closures/")
    follow_link(page, mine.get_absolute_url())
    expect(page.locator("h1")).to_have_text(mine.mine_name)
    ledger = page.locator("section[aria-labelledby='ledger-h'] table")
    expect(page.locator("#ledger-h")).to_have_text("逐笔拨付记录")
    expect(ledger.locator("caption")).to_contain_text("拨付日期")
    expect(ledger.locator("tbody tr")).to_have_count(payments)
    page.screenshot(path=str(SHOTS / "journey-mine-payments.png"), full_page=True)


def test_a_citizen_verifies_a_draw_and_the_site_says_its_recomputation_agrees(site, page):
    from enforcement.models import Draw

    draw = Draw.objects.published().filter(status="drawn").order_by("pk").first()
    page.goto(site + draw.get_absolute_url())
    expect(page.locator(".verdict-ok")).to_contain_text("复核一致")
    expect(page.locator(".verdict-bad")).to_have_count(0)
    data = page.request.get(site + f"/enforcement/draws/{draw.pk}/data.json").json()
    assert data["algorithm"] == "sha256-rank-v2"
    page.screenshot(path=str(SHOTS / "journey-draw-verified.png"), full_page=True)


def test_an_applicant_tracks_an_approval_with_the_reference_and_query_code(site, page):
    from approvals.demo import demo_query_code
    from approvals.models import Application

    application = Application.objects.select_related("service").order_by("pk").first()
    page.goto(site + "/approvals/track/")
    type_into(page, "id_reference", application.reference)
    type_into(page, "id_query_code", demo_query_code(1), limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#track-result")).to_contain_text(application.reference)
    expect(page.locator("main")).to_contain_text(application.service.name)
    expect(page.locator("main")).not_to_contain_text(application.contact_name)
    page.screenshot(path=str(SHOTS / "journey-approval-track.png"), full_page=True)


def test_a_citizen_sends_an_information_request_and_tracks_it(site, page):
    from inforequests.models import InfoRequest
    from loudi_portal.identifiers import id_number_check_char

    first17 = "43130219800101123"
    page.goto(site + "/apply/")
    tab_to(page, "el.id === 'id_applicant_kind'", limit=120)
    page.keyboard.press("ArrowDown")  # 自然人
    type_into(page, "id_name", "王小明", limit=5)
    type_into(page, "id_identifier", first17 + id_number_check_char(first17), limit=5)
    type_into(page, "id_phone", "13807380000", limit=5)
    # The e-mail is left out: the answer comes by e-mail (the default), so the form refuses it.
    expect(page.locator("label[for=id_email]")).to_contain_text("获取方式选择“电子邮件”时必填")
    type_into(page, "id_address", "湖南省娄底市娄星区乐坪大道 1 号", limit=5)
    type_into(page, "id_description", "2025 年度娄底市烟花爆竹经营许可证核发情况的统计表。", limit=5)
    tab_to(page, "el.type === 'submit' && !!el.closest('form.request-form')", limit=10)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The error summary has the focus (not the top of the long page) and leads to the field.
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_be_in_viewport()
    page.screenshot(path=str(SHOTS / "journey-request-error-summary.png"))
    tab_to(page, "el.getAttribute('href') === '#id_email'", limit=5)
    page.keyboard.press("Enter")
    expect(page.locator("#id_email")).to_be_focused()
    page.keyboard.type("wangxm@example.cn")
    tab_to(page, "el.type === 'submit' && !!el.closest('form.request-form')", limit=20)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("申请已提交")
    reference, code = page.locator(".request-receipt dd strong").all_inner_texts()
    assert InfoRequest.objects.filter(reference=reference, name="王小明").exists()
    page.screenshot(path=str(SHOTS / "journey-request-sent.png"), full_page=True)
    follow_link(page, "/apply/track/")
    type_into(page, "id_reference", reference)
    type_into(page, "id_code", code, limit=5)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#track-result")).to_be_visible()
    expect(page.locator(".track-result")).to_contain_text(reference)
    expect(page.locator("main")).not_to_contain_text("王小明")
    page.screenshot(path=str(SHOTS / "journey-request-track.png"), full_page=True)


def log_in(page, site, user):
    from conftest import PASSWORD

    page.goto(site + "/admin/login/?next=/admin/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    expect(page.locator("#user-tools")).to_be_visible()


def start_notice(page, site, editor, title):
    """As `editor`, open 新增公开信息 with a title and a leaf category; return the rich-text body."""
    from disclosure.models import Category

    category = Category.objects.filter(is_normative=False, children__isnull=True).order_by("pk").first()
    log_in(page, site, editor)
    page.goto(site + "/admin/disclosure/notice/add/")
    page.locator("#id_title").fill(title)
    page.locator("#id_category").select_option(str(category.pk))
    return page.locator(".ProseMirror[contenteditable=true]").first


def log_out(page, site):
    page.context.clear_cookies()


def test_an_editor_drafts_a_notice_a_reviewer_publishes_it_and_it_appears_on_the_list(site, page, editor, reviewer):
    from disclosure.models import Notice

    title = "娄底市应急管理局关于浏览器旅程测试的公告"
    # The body is written in the rich-text editor, which replaces the plain textarea.
    body = start_notice(page, site, editor, title)
    body.click()
    page.keyboard.type("为检验发布流程，特发此公告。")
    with page.expect_navigation():
        page.locator("#id_title").press("Enter")
    notice = Notice.objects.get(title=title)
    assert notice.status == Notice.Status.DRAFT
    page.goto(site + f"/admin/disclosure/notice/{notice.pk}/submit/")
    with page.expect_navigation():
        page.locator("input[type=submit].default").press("Enter")
    log_out(page, site)
    log_in(page, site, reviewer)
    page.goto(site + f"/admin/disclosure/notice/{notice.pk}/review/")
    with page.expect_navigation():
        page.locator("input[type=submit].default").press("Enter")
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PUBLISHED
    log_out(page, site)
    page.goto(site + "/notices/")
    follow_link(page, notice.get_absolute_url())
    expect(page.locator("h1")).to_have_text(title)
    page.screenshot(path=str(SHOTS / "journey-notice-published.png"), full_page=True)


def test_an_auditor_downloads_a_register_as_csv_and_it_opens_with_the_csv_module(site, page, auditor):
    import csv
    import io

    log_in(page, site, auditor)
    page.goto(site + "/enforcement/penalties/?kind=fine")
    link = page.locator(".export-links a", has_text="CSV")
    total = int(re.search(r"全部\s*(\d+)\s*条", page.locator(".export-links").inner_text()).group(1))
    tab_to(page, "el.closest('.export-links') && el.textContent.trim() === 'CSV'", limit=200)
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    path = download_info.value.path()
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert link.get_attribute("href").endswith("format=csv")
    assert total > 0 and len(rows) - 1 == total
    assert all(len(row) == len(rows[0]) for row in rows)
