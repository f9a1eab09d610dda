"""Parts kept across URLs (navigation, footer, filters, the home lists) never show stale or another page's markup.

`{% shared_fragment %}` (loudi_portal/templatetags/fragments.py) renders them once per content
version; these run with the page cache off, as a cache miss does, so every page is rendered and
only the fragments are reused.
"""

import re

import pytest

from loudi_portal.models import BureauProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    settings.PUBLIC_CACHE_SECONDS = 0


def total(html: str) -> int:
    return int(re.search(r'class="total-count" role="status">共 (\d+) 条', html).group(1))


def current_nav_item(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'aria-current="page">([^<]+)<', nav)


def test_a_new_notice_reaches_the_count_and_the_home_page_at_once(publish, client):
    publish("关于开展汛期安全检查的通知")
    assert total(client.get("/notices/").content.decode()) == 1
    assert "关于开展汛期安全检查的通知" in client.get("/").content.decode()
    publish("关于春节期间烟花爆竹安全管理的通告")
    listing = client.get("/notices/?page=1").content.decode()
    assert total(listing) == 2
    assert "关于春节期间烟花爆竹安全管理的通告" in client.get("/").content.decode()


def test_each_filter_keeps_its_own_form_and_count(publish, client):
    publish("关于开展汛期安全检查的通知")
    publish("关于春节期间烟花爆竹安全管理的通告")
    for query, count in (("汛期", 1), ("烟花爆竹", 1), ("关于", 2), ("地震", 0)):
        html = client.get("/notices/", {"q": query}).content.decode()
        assert f'value="{query}"' in html, query
        assert total(html) == count, query
        assert '<details class="filter-box" open>' in html
    plain = client.get("/notices/").content.decode()
    assert '<details class="filter-box">' in plain and total(plain) == 2
    # A page number alone opens the box as before, on the same filter's count.
    assert '<details class="filter-box" open>' in client.get("/notices/?page=1").content.decode()


def test_a_bad_filter_value_shows_its_error_on_its_own_page_only(publish, client):
    publish("关于开展汛期安全检查的通知")
    bad = client.get("/enforcement/penalties/?year=abc").content.decode()
    assert 'role="alert"' in bad
    good = client.get("/enforcement/penalties/").content.decode()
    assert "筛选条件有误" not in good


def test_the_current_section_and_the_error_report_link_follow_each_page(publish, client):
    notice = publish("关于开展汛期安全检查的通知")
    pages = {
        "/notices/": ["政务公开"],
        notice.get_absolute_url(): ["政务公开"],
        "/enforcement/penalties/": ["执法公示"],
        "/apply/": ["依申请公开"],
        "/about/": ["机构概况"],
    }
    for path, current in pages.items():
        html = client.get(path).content.decode()
        assert current_nav_item(html) == current, path
        footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
        assert f'/interact/error/?url={path}"' in footer, path


def test_the_enforcement_tabs_mark_the_register_shown(client):
    for path in ("/enforcement/penalties/", "/enforcement/inspections/"):
        html = client.get(path).content.decode()
        tabs = re.search(r'<nav class="enf-subnav".*?</nav>', html, re.S).group(0)
        assert re.findall(r'href="([^"]+)" aria-current="page"', tabs) == [path]


def test_a_change_of_the_bureau_profile_reaches_the_footer(bureau, client):
    client.get("/about/")
    profile = BureauProfile.objects.get(pk=bureau.pk)
    profile.phone = "0738-8311999"
    profile.save()
    assert "0738-8311999" in client.get("/about/").content.decode()
