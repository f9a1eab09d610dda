"""The public shell: home, about, search, error pages, robots.txt, health check."""

import pytest
from django.test import override_settings
from django.urls import reverse

from loudi_portal.models import BureauProfile, Department, Leader

pytestmark = pytest.mark.django_db


def test_home_page_is_in_chinese_with_navigation_search_and_footer(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans"' in html
    assert response["Content-Language"] == "zh-hans"
    assert 'class="skip-link" href="#main"' in html
    assert 'id="main"' in html
    assert "娄底市应急管理局" in html
    assert 'aria-label="主导航"' in html
    assert 'role="search"' in html and 'action="/search/"' in html
    assert "联系我们" in html


def test_home_page_sections_say_plainly_when_empty(client):
    html = client.get("/").content.decode()
    for text in ["最新公开信息", "执法公示", "行政审批结果", "煤矿关闭奖补"]:
        assert text in html


def test_demo_banner_shows_only_when_profile_is_marked_demo(client):
    assert "演示站点" not in client.get("/").content.decode()
    BureauProfile.objects.create(name="娄底市应急管理局", is_demo=True)
    assert "演示站点" in client.get("/").content.decode()


def test_about_page_lists_leaders_departments_and_contacts(client):
    BureauProfile.objects.create(name="娄底市应急管理局", phone="0738-8000000", functions="第一项职能\n第二项职能")
    Leader.objects.create(name="王某", title="局长", responsibilities="主持全面工作")
    Department.objects.create(name="办公室", duties="负责日常运转", phone="0738-1")
    html = client.get(reverse("about")).content.decode()
    assert "王某" in html and "局长" in html
    assert "办公室" in html and "负责日常运转" in html
    assert "0738-8000000" in html
    assert "<p>第一项职能</p>" in html


def test_about_page_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    for i in range(30):
        Leader.objects.create(name=f"人员{i}", title="副局长")
        Department.objects.create(name=f"科室{i}")
    client.get(reverse("about"))  # warm the profile cache
    with django_assert_max_num_queries(3):
        client.get(reverse("about"))


def test_unknown_page_is_a_chinese_404_that_leaks_nothing(client):
    response = client.get("/no-such-page/<script>alert(1)</script>")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert "<script>alert(1)</script>" not in html
    assert "Traceback" not in html and "urlpatterns" not in html.lower()


def test_server_error_page_is_chinese_and_leaks_nothing(client):
    from loudi_portal import views

    response = views.server_error(None)
    html = response.content.decode()
    assert response.status_code == 500
    assert "服务暂时不可用" in html
    assert "Traceback" not in html


@override_settings(DEBUG=False)
def test_an_exception_in_a_view_gives_the_chinese_500_page(client, monkeypatch):
    from loudi_portal import views

    def boom(request):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views, "home_sections", boom)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "服务暂时不可用" in response.content.decode()
    assert "secret internal detail" not in response.content.decode()


def test_forbidden_page_is_chinese(client, editor):
    client.force_login(editor)
    response = client.get("/admin/auth/user/")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_csrf_failure_is_a_chinese_403(db):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_robots_txt_keeps_crawlers_out_of_the_back_office(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_ico_leads_to_the_emblem_so_no_browser_console_shows_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith(".svg") and "emblem" in response["Location"]
    from django.contrib.staticfiles import finders

    assert finders.find("img/emblem.svg")


def test_admin_pages_name_the_emblem_as_their_icon(client):
    html = client.get("/admin/login/").content.decode()
    assert '<link rel="icon"' in html and "emblem" in html


def test_health_check_answers_ok(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_search_page_without_query_explains_itself(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert "请输入要查找的关键词" in response.content.decode()


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "安" * 2000, "' OR 1=1 --"])
def test_search_never_fails_and_never_reflects_markup(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_wrong_method_on_a_public_page_is_refused(client):
    assert client.post("/").status_code == 405


def test_an_english_browser_still_gets_chinese_pages_and_admin(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response["Content-Language"] == "zh-hans"
    assert "用户名" in html and "Username" not in html


def test_the_english_version_is_reachable_by_explicit_choice(client):
    client.cookies["django_language"] = "en"
    response = client.get("/admin/login/")
    assert response["Content-Language"] == "en"
    assert "Username" in response.content.decode()


def test_the_site_map_links_every_section_and_register_and_every_link_answers(client, db):
    from loudi_portal.registry import datasets

    response = client.get("/sitemap/")
    assert response.status_code == 200
    html = response.content.decode()
    for dataset in datasets():
        assert str(dataset.title) in html
    import re

    lists = "".join(re.findall(r'<ul class="site-map">(.*?)</ul>', html, flags=re.S))
    hrefs = set(re.findall(r'<a href="(/[^"#?]*)">', lists))
    assert len(hrefs) >= 15
    for href in hrefs:
        assert client.get(href).status_code == 200, href
