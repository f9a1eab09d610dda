"""The back office as staff use it all day: Word in, review from the home page's queue."""

from pathlib import Path

from playwright.sync_api import expect

from disclosure.tests.docx_fixtures import notice_docx

from ..tools import ARTIFACTS
from .test_journeys import log_in, log_out

SHOTS = ARTIFACTS / "screenshots"
WORD = (Path(__file__).resolve().parents[2] / "disclosure" / "tests" / "fixtures" / "word_clipboard.html").read_text(
    encoding="utf-8"
)
PASTE_JS = """([selector, html]) => {
  const target = document.querySelector(selector);
  target.focus();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "");
  target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}"""


def test_an_editor_pastes_word_imports_a_docx_submits_and_a_reviewer_publishes_from_the_queue(
    site, page, editor, reviewer, tmp_path
):
    from disclosure.models import Category, Notice

    category = Category.objects.filter(is_normative=False, children__isnull=True).order_by("pk").first()
    title = "关于做好汛期安全防范工作的通知（后台旅程）"
    log_in(page, site, editor)
    page.goto(site + "/admin/disclosure/notice/add/")
    page.locator("#id_title").fill(title)
    page.locator("#id_category").select_option(str(category.pk))
    editor_area = page.locator(".ProseMirror[contenteditable=true]").first
    editor_area.click()
    page.evaluate(PASTE_JS, [".ProseMirror[contenteditable=true]", WORD])
    # The pasted Word fragment keeps its heading, numbered and bulleted lists and table.
    expect(editor_area.locator("h2")).to_have_text("关于做好汛期安全防范工作的通知")
    expect(editor_area.locator("ol > li")).to_have_count(2)
    expect(editor_area.locator("ul > li")).to_have_count(1)
    expect(editor_area.locator("table td")).to_have_count(4)
    page.screenshot(path=str(SHOTS / "admin-notice-word-paste-1280.png"), full_page=True)
    # The toolbar speaks Chinese: tooltips and the names a screen reader reads.
    labels = page.evaluate(
        "() => [...document.querySelectorAll('.prose-editor button')].flatMap(b => [b.title, b.getAttribute('aria-label')])"
    )
    assert {"加粗", "编号列表", "插入链接", "插入表格", "正文段落"} <= set(labels), labels
    assert not {"bold", "italic", "Insert table", "insert link", "undo", "heading 2"} & set(labels), labels
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    # The editor's own table markup (column widths) is not reported as removed.
    assert "已被移除" not in page.content()
    notice = Notice.objects.get(title=title)
    assert "<ol>" in notice.body and "mso" not in notice.body and "<table>" in notice.body
    # Then a Word document replaces the body.
    docx = tmp_path / "汛期检查通知.docx"
    docx.write_bytes(notice_docx(with_image=True))
    page.locator("#id_import_docx").set_input_files(str(docx))
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 张图片没有导入正文")
    notice.refresh_from_db()
    assert "<h3>一、检查重点</h3>" in notice.body and "<img" not in notice.body
    page.goto(site + f"/admin/disclosure/notice/{notice.pk}/submit/")
    with page.expect_navigation():
        page.locator("input[type=submit].default").click()
    log_out(page, site)
    # The reviewer finds it in 待我审核 on the home page and publishes it.
    log_in(page, site, reviewer)
    queue = page.locator("#queue-review")
    expect(queue).to_contain_text("待我审核")
    page.screenshot(path=str(SHOTS / "admin-home-reviewer-1280.png"), full_page=True)
    with page.expect_navigation():
        queue.get_by_role("link", name="公开信息").click()
    page.screenshot(path=str(SHOTS / "admin-notice-list-review-queue-1280.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("link", name=title).click()
    page.goto(site + f"/admin/disclosure/notice/{notice.pk}/review/")
    with page.expect_navigation():
        page.locator("input[type=submit].default").click()
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PUBLISHED


def test_list_pages_give_the_record_name_the_width_and_cut_only_other_columns(site, page, editor):
    """At 1,280 px the column that names the record (名称, 标题, 煤矿名称) is never cut off."""
    log_in(page, site, editor)
    for path in (
        "/admin/enforcement/enterprise/",
        "/admin/disclosure/notice/",
        "/admin/subsidies/mineclosure/",
        "/admin/disclosure/annualreport/",
    ):
        page.goto(site + path)
        cells = page.locator("#result_list tbody th")
        assert cells.count() > 0, path
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('#result_list tbody th')].map(c => [
                c.getBoundingClientRect().width / parseFloat(getComputedStyle(c).fontSize),
                c.scrollWidth - c.clientWidth])"""
        )
        assert all(width >= 15.5 and overflow <= 1 for width, overflow in sizes), (path, sizes[:3])
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=str(SHOTS / f"{name}-list-1280.png"), full_page=False)
