"""A service guide's prose sections (事项简介, 办理方式) are written with the rich-text editor."""

import re

import pytest
from django.urls import reverse

from .factories import service

pytestmark = pytest.mark.django_db


def test_the_guide_form_has_the_editor_on_its_prose_sections_only(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:approvals_service_add")).content.decode()
    for name in ("summary", "how_to_apply"):
        assert re.search(rf'<textarea[^>]*name="{name}"[^>]*data-rich-text', page), name
    # 设定依据 and 申请条件 stay one item per line (the guide numbers them).
    for name in ("legal_basis", "conditions"):
        field = re.search(rf'<textarea[^>]*name="{name}"[^>]*>', page).group(0)
        assert "data-rich-text" not in field


def test_the_public_guide_shows_editor_html_sanitised_and_plain_text_as_paragraphs(client):
    svc = service(
        summary="<p>经营<strong>危险化学品</strong>须取得许可。</p><script>alert(1)</script>",
        how_to_apply="窗口办理\n网上办理",
    )
    page = client.get(svc.get_absolute_url()).content.decode()
    assert "<p>经营<strong>危险化学品</strong>须取得许可。</p>" in page
    assert "alert(1)" not in page
    assert "<p>窗口办理<br>网上办理</p>" in page
