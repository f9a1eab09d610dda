"""HTML pasted from Word or WPS keeps its headings, lists and tables and loses Office's markup."""

from pathlib import Path

import pytest
from django.urls import reverse

from disclosure.models import Notice
from disclosure.word_html import clean_word_html
from loudi_portal.sanitize import sanitize_html

from .test_admin import form_data

FIXTURE = (Path(__file__).parent / "fixtures" / "word_clipboard.html").read_text(encoding="utf-8")
# WPS writes the marker in the down-level form and names its list paragraphs differently.
WPS = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>'
    "<p class=MsoNormal style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>"
    "（一）</span><![endif]>检查范围</p>"
    "<p class=MsoNormal style='mso-list:l0 level2 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>"
    "1.</span><![endif]>煤矿</p>"
    "<p class=MsoNormal style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>"
    "（二）</span><![endif]>检查方式</p><p class=MsoNormal>完</p></body></html>"
)


def cleaned(html: str) -> str:
    return "".join(sanitize_html(clean_word_html(html)).split())


def test_word_headings_move_one_level_down_and_lose_their_fonts():
    body = cleaned(FIXTURE)
    assert "<h2>关于做好汛期安全防范工作的通知</h2>" in body and "<h3>一、工作要求</h3>" in body
    assert "黑体" not in body and "font" not in body


def test_word_list_paragraphs_become_numbered_and_bulleted_lists_without_their_markers():
    body = cleaned(FIXTURE)
    assert "<ol><li>落实<b>24</b>小时值班制度</li><li>加强尾矿库巡查</li></ol>" in body
    assert "<ul><li>发现险情立即上报</li></ul>" in body
    assert "1." not in body.replace("0738", "") and "Wingdings" not in body


def test_word_tables_keep_their_cells_and_drop_mso_styles_comments_and_office_tags():
    body = cleaned(FIXTURE)
    assert "<table><tbody><tr><td><p>单位</p></td><td><p>值班电话</p></td></tr>" in body
    for junk in ("mso-", "Mso", "o:p", "StartFragment", "<!--", "@font-face", "style", "class"):
        assert junk not in body


def test_wps_nested_lists_nest():
    assert cleaned(WPS) == "<ol><li>检查范围<ol><li>煤矿</li></ol></li><li>检查方式</li></ol><p>完</p>"


def test_html_that_is_not_words_passes_unchanged():
    html = "<h2>标题</h2><ol><li>一</li></ol><p>1. 不是列表</p>"
    assert clean_word_html(html) == html


@pytest.mark.django_db
def test_a_word_fragment_saved_without_the_editor_arrives_clean_and_without_a_warning(client, editor, category):
    client.force_login(editor)
    response = client.post(reverse("admin:disclosure_notice_add"), form_data(category, body=FIXTURE), follow=True)
    body = Notice.objects.get().body
    assert "<ol>" in body and "<table>" in body and "mso" not in body
    assert not any("已被移除" in str(m) for m in response.context["messages"])
