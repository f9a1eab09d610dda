"""Every public form follows one pattern (loudi_portal/forms.py, templates/includes/_form.html):
an error summary at the top, focused, linking to each field; required fields marked, including those
another choice makes required; Chinese messages naming the field, never Django's default text."""

import re
from pathlib import Path

import pytest
from django import forms

from loudi_portal.forms import PublicFormMixin, chinese_messages

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# Each public form: (method, URL). Sent empty, each must answer with the summary.
PUBLIC_FORMS = [
    ("post", "/apply/"),
    ("post", "/apply/track/"),
    ("post", "/approvals/track/"),
    ("post", "/interact/write/"),
    ("post", "/interact/track/"),
    ("post", "/interact/error/"),
    ("post", "/interact/error/track/"),
    ("get", "/workdays/?start=&days="),
]
DJANGO_DEFAULTS = ["This field is required", "Enter a valid", "这个字段是必填项", "输入一个有效的", "请确保这个值"]


def _summary_links(html: str) -> list[str]:
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', html, re.S)
    assert summary, "no error summary"
    return re.findall(r'<a href="#([^"]+)">', summary.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url"), PUBLIC_FORMS)
def test_an_empty_submission_gets_a_focused_summary_linking_to_each_field(client, method, url):
    response = getattr(client, method)(url)
    html = response.content.decode()
    assert response.status_code in (200, 400)  # 400: the submission was refused
    assert re.search(r'<div class="error-summary" id="error-summary" role="alert"[^>]*tabindex="-1" autofocus>', html)
    # The summary comes before the first field.
    assert html.index('class="error-summary"') < html.index('class="form-row')
    links = _summary_links(html)
    assert links
    for anchor in links:
        assert f'id="{anchor}"' in html, anchor  # each link reaches its input
        field_id = anchor.removesuffix("_0")  # a radio group links to its first choice
        assert f'id="{field_id}_error"' in html
        assert re.search(rf'aria-describedby="{field_id}_error[^"]*"', html), f"{anchor} not described by its error"
    for default in DJANGO_DEFAULTS:
        assert default not in html
    assert "novalidate" in html  # the browser's own bubbles would bypass the summary


@pytest.mark.django_db
def test_the_email_is_marked_required_when_delivery_is_by_email(client):
    html = client.get("/apply/").content.decode()
    label = re.search(r'<label for="id_email">(.*?)</label>', html, re.S).group(1)
    assert "获取方式选择“电子邮件”时必填" in label
    assert re.search(r'<label for="id_name">[^<]*<span class="required">（必填）</span>', html)
    response = client.post("/apply/", {"delivery": "email", "email": ""})
    assert "选择电子邮件方式获取信息时，请填写电子邮箱。" in response.content.decode()


def test_every_public_post_form_template_uses_the_shared_partial():
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r'<form[^>]*method="post"', text) and "admin/" not in text:
            assert '{% include "includes/_form.html" %}' in text, path


class _Example(PublicFormMixin, forms.Form):
    name = forms.CharField(label="姓名", max_length=5)
    email = forms.EmailField(label="电子邮箱", required=False)
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲")])
    when = forms.DateField(label="日期")
    count = forms.IntegerField(label="件数", min_value=1)
    agree = forms.BooleanField(label="同意")


def test_messages_name_the_field_in_chinese():
    form = _Example({"name": "一二三四五六", "email": "x", "kind": "z", "when": "2026/13/1", "count": "0"})
    assert not form.is_valid()
    assert form.errors["name"] == ["姓名不能超过 5 个字符（现在 6 个）。"]
    assert form.errors["email"] == ["电子邮箱格式不正确，例如 name@example.com。"]
    assert form.errors["kind"] == ["请从列表中选择类型。"]
    assert form.errors["when"] == ["日期格式应为 YYYY-MM-DD，例如 2026-09-28。"]
    assert form.errors["count"] == ["件数不能小于 1。"]
    assert form.errors["agree"] == ["请勾选“同意”。"]
    assert _Example({}).errors["kind"] == ["请选择类型。"]
    assert chinese_messages(forms.CharField(label="100%"), "x")["required"] == "请填写100%。"
