"""The notice page comes from the page cache and still counts and shows every view exactly."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from disclosure.models import NoticeViewCount

pytestmark = pytest.mark.django_db


def shown_count(response) -> int:
    return int(re.search(r'class="view-count">(\d+)<', response.content.decode()).group(1))


def test_cached_notice_page_counts_each_view_with_one_query(published, client, settings, django_assert_num_queries):
    settings.PUBLIC_CACHE_SECONDS = 60
    url = published.get_absolute_url()
    assert shown_count(client.get(url)) == 1
    for expected in range(2, 6):
        with django_assert_num_queries(1):  # the count itself, nothing else
            response = client.get(url)
        assert shown_count(response) == expected
    assert NoticeViewCount.objects.get(notice=published).count == 5
    # Every request must reach the counter: no proxy or browser may reuse the page.
    assert response["Cache-Control"] == "no-cache"
    assert "ETag" not in response
    assert "\u2063" not in response.content.decode()
    assert int(response["Content-Length"]) == len(response.content)


def test_print_view_shows_the_count_without_counting(published, client, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    client.get(published.get_absolute_url())
    client.get(published.get_absolute_url())
    for _ in range(2):
        assert shown_count(client.get(f"/notices/{published.pk}/print/")) == 2
    assert NoticeViewCount.objects.get(notice=published).count == 2


def test_a_scheduled_notice_appears_on_cached_pages_and_in_the_count_when_its_time_comes(
    publish, client, settings, django_assert_max_num_queries
):
    """定时发布 changes what is public without a write: the cached list and its 共 N 条 follow at once."""
    settings.PUBLIC_CACHE_SECONDS = 60
    publish("关于开展汛期安全检查的通知")
    due = timezone.now() + timedelta(seconds=1.5)
    publish("关于春节期间烟花爆竹安全管理的通告", at=due)
    before = client.get("/notices/").content.decode()
    assert "共 1 条" in before and "烟花爆竹" not in before
    with django_assert_max_num_queries(0):  # served from the cache until then
        assert "烟花爆竹" not in client.get("/notices/").content.decode()
    time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.1)
    after = client.get("/notices/").content.decode()
    assert "共 2 条" in after and "关于春节期间烟花爆竹安全管理的通告" in after
