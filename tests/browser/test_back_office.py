"""The back office as staff use it all day: Word in, review from the home page's queue."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from disclosure.tests.docx_fixtures import notice_docx

from ..tools import ARTIFACTS
from .test_journeys import log_in, log_out, start_notice

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
    from disclosure.models import Notice

    title = "关于做好汛期安全防范工作的通知（后台旅程）"
    editor_area = start_notice(page, site, editor, title)
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


# ProseMirror takes the browser's selection from `selectionchange`, a task of its own: keys sent
# faster than a person types can reach the editor before it has seen the caret move (End, then
# Enter at once, split the old selection away). Let the pending events run first.
SETTLE_JS = "() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))"


@pytest.mark.browser_context_args(bypass_csp=False)
def test_an_editor_writes_heading_list_link_and_table_with_the_toolbar_under_the_sites_own_csp(site, page, editor):
    """The toolbar, not typed HTML, makes a notice's body; the site's real CSP allows all of it."""
    from disclosure.models import Notice

    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    title = "关于汛期值班安排的通知（工具栏旅程）"
    body = start_notice(page, site, editor, title)
    toolbar = page.locator(".prose-menubar").first
    body.click()
    toolbar.locator(".prose-menubar__selected").click()
    expect(toolbar.locator(".prose-menubar__option")).to_have_text(["二级标题", "三级标题", "四级标题", "正文段落"])
    toolbar.locator(".prose-menubar__option", has_text="二级标题").click()
    page.keyboard.type("汛期安全提示")
    page.keyboard.press("Enter")
    # A link on the words just typed, through the link dialog.
    page.keyboard.type("详见应急管理部网站")
    page.evaluate(SETTLE_JS)
    for _ in "应急管理部网站":
        page.keyboard.press("Shift+ArrowLeft")
    page.evaluate(SETTLE_JS)
    toolbar.get_by_role("button", name="插入链接").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.get_by_label("网址").fill("https://www.mem.gov.cn/")
    dialog.get_by_role("button", name="更新").click()
    page.keyboard.press("End")
    page.evaluate(SETTLE_JS)
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="编号列表").click()
    page.keyboard.type("检查排水设施")
    page.keyboard.press("Enter")
    page.keyboard.type("落实值班制度")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    # The list the button made is numbered, and the editor writes no "null" into it.
    assert body.locator("ol").first.evaluate(
        "ol => [ol.outerHTML.includes('null'), getComputedStyle(ol).listStyleType]"
    ) == [
        False,
        "decimal",
    ]
    page.keyboard.type("值班安排如下：")
    page.keyboard.press("Enter")
    toolbar.get_by_role("button", name="插入表格").click()
    dialog = page.locator("dialog.prose-editor-dialog[open]")
    dialog.get_by_label("行数").fill("2")
    dialog.get_by_label("列数").fill("2")
    dialog.get_by_label("包含表头行").select_option(label="是")
    dialog.get_by_role("button", name="插入表格").click()
    for number, cell in enumerate(("日期", "带班领导", "6月1日", "局领导")):
        if number:
            page.keyboard.press("Tab")  # to the next cell (Tab in the last cell would add a row)
        page.keyboard.type(cell)
    page.screenshot(path=str(SHOTS / "admin-notice-toolbar-1280.png"), full_page=True)
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    assert "已被移除" not in page.content()
    saved = Notice.objects.get(title=title).body
    assert "<h2>汛期安全提示</h2>" in saved
    assert '<a href="https://www.mem.gov.cn/"' in saved and ">应急管理部网站</a>" in saved
    assert "<li><p>检查排水设施</p></li><li><p>落实值班制度</p></li></ol>" in saved
    assert "<th><p>日期</p></th>" in saved and "<td><p>局领导</p></td>" in saved
    assert saved.count("<tr>") == 2, saved
    # The body loads back into the editor as it was saved.
    expect(body.locator("a[href='https://www.mem.gov.cn/']")).to_have_text("应急管理部网站")
    assert not problems, problems


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
