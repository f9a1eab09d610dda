"""浏览量 under concurrent requests on PostgreSQL: every view counted, no lost update."""

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from disclosure import services
from disclosure.models import NoticeViewCount

THREADS = 8
VIEWS_PER_THREAD = 15


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs several real database connections (PostgreSQL)")
def test_concurrent_views_on_separate_connections_are_all_counted(published):
    barrier = threading.Barrier(THREADS)
    errors = []

    def reader():
        client = Client()
        try:
            barrier.wait()
            for _ in range(VIEWS_PER_THREAD):
                assert client.get(published.get_absolute_url()).status_code == 200
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=reader) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert NoticeViewCount.objects.get(notice=published).count == THREADS * VIEWS_PER_THREAD


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs several real database connections (PostgreSQL)")
def test_concurrent_readers_of_the_cached_page_each_see_an_exact_count(published, settings):
    """The page comes from the cache, yet every reader is counted and sees a different, exact number."""
    settings.PUBLIC_CACHE_SECONDS = 60
    url = published.get_absolute_url()
    assert Client().get(url).status_code == 200  # now cached: 1 view
    barrier = threading.Barrier(THREADS)
    shown, errors = [], []

    def reader():
        client = Client()
        try:
            barrier.wait()
            for _ in range(VIEWS_PER_THREAD):
                body = client.get(url).content.decode()
                shown.append(int(re.search(r'class="view-count">(\d+)<', body).group(1)))
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    total = 1 + THREADS * VIEWS_PER_THREAD
    assert sorted(shown) == list(range(2, total + 1))  # no two readers saw the same count
    assert NoticeViewCount.objects.get(notice=published).count == total


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs several real database connections (PostgreSQL)")
def test_first_views_racing_to_create_the_counter_lose_nothing(published):
    NoticeViewCount.objects.filter(notice=published).delete()
    barrier = threading.Barrier(THREADS)

    def view():
        try:
            barrier.wait()
            services.count_view(published.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=view) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert NoticeViewCount.objects.get(notice=published).count == THREADS
