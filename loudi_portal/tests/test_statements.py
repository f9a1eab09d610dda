"""无障碍声明 and 隐私声明: linked from every page, with the sections a statement needs."""

import json

import pytest

from loudi_portal.models import BureauProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    BureauProfile(phone="0738-8000000", email="yjj@example.gov.cn").save()
    return tmp_path


def test_every_page_links_both_statements_in_its_footer(client):
    html = client.get("/about/").content.decode()
    assert 'href="/accessibility/"' in html
    assert 'href="/privacy/"' in html


def test_the_accessibility_statement_names_the_standards_limits_and_feedback_route(client):
    html = client.get("/accessibility/").content.decode()
    for words in (
        "适用范围",
        "WCAG 2.1 AA",
        "GB/T 37668-2019",
        "已知局限",
        "获取其他格式",
        "5 个工作日",
        "0738-8000000",
    ):
        assert words in html
    assert "最近一次复核于 2026-12-01" in html
    assert "最近一次通过的自动化检查" not in html


def test_the_accessibility_statement_gives_the_date_of_the_last_recorded_test_run(client, var_dir):
    (var_dir / "accessibility-run.json").write_text(
        json.dumps({"on": "2026-11-30", "pages": 57, "widths": [360, 1280], "modes": ["standard", "care"]})
    )
    html = client.get("/accessibility/").content.decode()
    assert (
        "最近一次通过的自动化检查：2026-11-30，共检查 57 个页面。检查宽度：360、1280 像素；显示模式：标准版、关怀版。"
        in html
    )


def test_a_damaged_run_record_falls_back_to_the_review_date(client, var_dir):
    (var_dir / "accessibility-run.json").write_text("{not json")
    assert client.get("/accessibility/").status_code == 200


def test_the_privacy_statement_says_what_each_form_collects_why_how_long_and_who_sees_it(client):
    html = client.get("/privacy/").content.decode()
    for words in ("政府信息公开申请", "身份证号码", "第二十九条", "保存期限", "谁能看到", "Cookie"):
        assert words in html
