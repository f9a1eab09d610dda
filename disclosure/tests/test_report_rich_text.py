"""The yearly report's staff sections are written with the same editor as a notice's body."""

import re

import pytest
from django.urls import reverse

from disclosure.models import AnnualReport

pytestmark = pytest.mark.django_db

SECTION_HTML = (
    "<h3>（一）主动公开</h3><p>全年主动公开信息 <strong>1062</strong> 条。</p><ul><li><p>政策文件</p></li></ul>"
)


def _report_form(**overrides):
    data = {
        "year": "2031",
        "overview": SECTION_HTML,
        "problems": "<p>栏目更新不够及时。</p>",
        "other_matters": "",
        "manual_figures-TOTAL_FORMS": "0",
        "manual_figures-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_report_sections_have_the_rich_text_editor(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:disclosure_annualreport_add")).content.decode()
    for name in ("overview", "problems", "other_matters"):
        assert re.search(rf'<textarea[^>]*name="{name}"[^>]*data-rich-text', page), name
    assert '<script src="/static/js/rich-text.js" type="module">' in page


def test_a_section_keeps_its_headings_and_lists_and_a_script_is_removed_with_a_message(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:disclosure_annualreport_add"),
        _report_form(problems='<p>栏目更新不够及时。</p><script>alert(1)</script><p onclick="x()">整改中。</p>'),
        follow=True,
    )
    report = AnnualReport.objects.get(year=2031)
    assert report.overview == SECTION_HTML
    assert report.problems == "<p>栏目更新不够及时。</p><p>整改中。</p>"
    messages = [str(m) for m in response.context["messages"]]
    assert any("五、存在的主要问题及改进情况" in m and "<script>" in m for m in messages), messages


def test_an_empty_editor_saves_an_empty_section(client, editor):
    client.force_login(editor)
    client.post(reverse("admin:disclosure_annualreport_add"), _report_form(other_matters="<p></p>"))
    assert AnnualReport.objects.get(year=2031).other_matters == ""


def test_a_section_written_before_the_editor_opens_as_paragraphs(client, editor):
    report = AnnualReport.objects.create(year=2031, overview="第一段。\n\n第二段 <b>原样</b>。")
    client.force_login(editor)
    page = client.get(reverse("admin:disclosure_annualreport_change", args=[report.pk])).content.decode()
    textarea = re.search(r'<textarea[^>]*name="overview"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert (
        textarea.strip()
        == "&lt;p&gt;第一段。&lt;/p&gt;\n\n&lt;p&gt;第二段 &amp;lt;b&amp;gt;原样&amp;lt;/b&amp;gt;。&lt;/p&gt;"
    )


def test_the_public_report_shows_the_sections_as_html_and_old_text_as_escaped_paragraphs(client, editor):
    from django.template.loader import render_to_string

    html = render_to_string(
        "reports/_report_body.html",
        {"report": AnnualReport(year=2031, overview=SECTION_HTML, problems="旧文本 <b>一</b>\n\n第二段")},
    )
    assert "<h3>（一）主动公开</h3>" in html and "<strong>1062</strong>" in html
    assert "<p>旧文本 &lt;b&gt;一&lt;/b&gt;</p>" in html and "<p>第二段</p>" in html
