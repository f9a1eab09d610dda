"""The notice page comes from the page cache and still counts and shows every view exactly."""

import re

import pytest

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
