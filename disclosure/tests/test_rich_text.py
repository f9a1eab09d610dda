"""The staff rich-text editor: offline assets, allowed by our CSP, and a save that says what it dropped."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from disclosure.models import Notice
from loudi_portal.sanitize import removed_attributes, removed_tags, sanitize_html

from .test_admin import form_data

pytestmark = pytest.mark.django_db

EDITOR_HTML = (
    "<h2>一、演练目的</h2><p>提高<strong>应急处置</strong>能力。</p>"
    "<ol><li><p>第一阶段</p></li><li><p>第二阶段</p></li></ol>"
    "<table><tbody><tr><th><p>时间</p></th><th><p>地点</p></th></tr>"
    "<tr><td><p>6月1日</p></td><td><p>娄星区</p></td></tr></tbody></table>"
    '<p>详见<a href="https://yjj.hnloudi.gov.cn/">市应急管理局网站</a>。</p>'
)


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_notice_form_loads_the_editor_from_our_own_static_files(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:disclosure_notice_add"))
    page = response.content.decode()
    assert re.search(r'<textarea[^>]*name="body"[^>]*data-rich-text', page)
    assert '<script src="/static/js/rich-text.js" type="module">' in page
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources and all(src.startswith("/") and not src.startswith("//") for src in sources)


def test_the_editor_assets_are_shipped_and_import_each_other_by_relative_path():
    module = finders.find("js/rich-text.js")
    assert module and finders.find("django_prose_editor/editor.js") and finders.find("css/admin-rich-text.css")
    with open(module, encoding="utf-8") as f:
        source = f.read()
    assert 'from "../django_prose_editor/editor.js"' in source
    assert "injectCSS: false" in source  # an injected <style> would be refused by the CSP


def test_the_admin_csp_allows_no_inline_script_or_style(client, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:disclosure_notice_add"))
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "'self'" in policy
    assert "<style" not in response.content.decode()


def test_a_body_written_with_the_editor_is_saved_unchanged_and_silently(client, editor, category):
    client.force_login(editor)
    response = client.post(reverse("admin:disclosure_notice_add"), form_data(category, body=EDITOR_HTML), follow=True)
    assert not any("已被移除" in m for m in messages_of(response))
    body = Notice.objects.get().body
    for piece in ("<h2>一、演练目的</h2>", "<strong>应急处置</strong>", "<ol><li>", "<th><p>时间</p></th>", "娄星区"):
        assert piece in body
    assert '<a href="https://yjj.hnloudi.gov.cn/" rel="noopener noreferrer">市应急管理局网站</a>' in body


def test_a_save_that_dropped_markup_says_which_tags_were_removed(client, editor, category):
    client.force_login(editor)
    body = '<p onclick="x()">定于下月开展演练。</p><script>alert(1)</script><iframe src="https://x.example"></iframe>'
    response = client.post(reverse("admin:disclosure_notice_add"), form_data(category, body=body), follow=True)
    warnings = [m for m in messages_of(response) if "已被移除" in m]
    assert warnings == ["正文中以下不允许的标记已被移除：<script>、<iframe>、onclick 属性。请核对保存后的正文。"]
    assert Notice.objects.get().body == "<p>定于下月开展演练。</p>"


def test_a_save_that_dropped_attributes_names_them_and_a_script_link(client, editor, category):
    """Attributes count too: a style, an event handler, a javascript: link (the text stays)."""
    client.force_login(editor)
    body = (
        '<p style="color:red">通知正文。</p><p><a href="javascript:alert(1)">点这里</a>'
        '和<a href="https://yjj.hnloudi.gov.cn/" title="官网">官网</a></p>'
    )
    response = client.post(reverse("admin:disclosure_notice_add"), form_data(category, body=body), follow=True)
    warnings = [m for m in messages_of(response) if "已被移除" in m]
    assert warnings == ["正文中以下不允许的标记已被移除：style 属性、javascript: 链接。请核对保存后的正文。"]
    saved = Notice.objects.get().body
    assert "javascript" not in saved and "style" not in saved and "点这里" in saved and 'title="官网"' in saved


def test_clean_html_and_the_editors_table_widths_report_no_removed_attribute():
    assert removed_attributes(EDITOR_HTML, sanitize_html(EDITOR_HTML)) == []
    table = (
        '<table style="min-width: 50px"><colgroup><col style="min-width: 25px"><col style="min-width: 25px">'
        '</colgroup><tbody><tr><td colspan="1" rowspan="1" colwidth="120"><p>一</p></td></tr></tbody></table>'
        '<ul data-type="bulletList"><li><p>二</p></li></ul>'
    )
    assert removed_attributes(table, sanitize_html(table)) == []


def test_removed_tags_names_each_dropped_tag_once_and_ignores_comments():
    submitted = "<h1>标题</h1><p>正文<o:p></o:p></p><!-- Word --><script>1</script><h1>再一个</h1><p>尾</p>"
    assert removed_tags(submitted, sanitize_html(submitted)) == ["h1", "o:p", "script"]
    assert removed_tags(EDITOR_HTML, sanitize_html(EDITOR_HTML)) == []


def test_a_numbered_list_keeps_the_numbering_style_the_editor_offers():
    """列表属性 (a, b, c / i, ii, iii, starting at 3) survives the save, and nothing is reported."""
    html = '<ol type="a" start="3"><li><p>一</p></li></ol><ol type="I"><li><p>二</p></li></ol>'
    cleaned = sanitize_html(html)
    assert 'type="a"' in cleaned and 'start="3"' in cleaned and 'type="I"' in cleaned
    assert removed_attributes(html, cleaned) == []


def test_a_data_link_is_reported_by_its_own_scheme():
    from loudi_portal.rich_text import removed_markup

    html = '<p><a href="data:text/html,x">一</a><a href="JavaScript:alert(1)">二</a></p>'
    assert removed_markup(html, sanitize_html(html)) == ["data: 链接", "javascript: 链接"]
