"""Each page runs the same number of queries whatever the data size (the benchmark generators' data).

The apps' benchmark generators (`<app>/bench_data.py`, what `make bench` loads) fill the
database at two small sizes, 5x apart; every register page, first and deep, filtered
or not, must stay within the same query budget at both. The page cache is off, so each
request does the full work (a cache miss).
"""

import re

import pytest

from bench import http_data
from enforcement.models import Penalty
from loudi_portal.caching import bump_content_version

PAGES = [
    "/",
    "/notices/",
    "/notices/?page=4",
    "/search/?q=煤矿",
    "/enforcement/",
    "/enforcement/enterprises/",
    "/enforcement/penalties/",
    "/enforcement/penalties/?page=40",
    "/enforcement/penalties/?kind=fine",
    "/enforcement/inspections/",
    "/enforcement/inspections/?page=40",
]


SQL = {}
SCHEDULE_LOOKUP = "SELECT MIN(published_at) FROM"


def quiet_bulk(model, rows, total, desc):
    model.objects.bulk_create(list(rows), batch_size=2000)


def queries_per_page(client, django_assert_max_num_queries) -> dict[str, int]:
    counts = {}
    for path in PAGES:
        with django_assert_max_num_queries(60) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        # The look-up of the next scheduled publication (caching.next_scheduled_publication) runs
        # once after a bulk load or when a scheduled record comes due, on whichever request is
        # first: not the page's work, so not in its count.
        queries = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(SCHEDULE_LOOKUP)]
        counts[path] = len(queries)
        SQL[path] = [sql[:150] for sql in queries]
    return counts


def total_shown(client, path) -> int:
    return int(re.search(r"全部\s*([\d,]+)\s*条", client.get(path).content.decode()).group(1).replace(",", ""))


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data(client, settings, django_assert_max_num_queries):
    settings.PUBLIC_CACHE_SECONDS = 0
    for name in http_data.bench_modules():
        __import__(name, fromlist=["generate"]).generate(scale=0.0002, bulk=quiet_bulk)
    bump_content_version()  # as bench/http_data.py does after loading
    small = queries_per_page(client, django_assert_max_num_queries)
    assert total_shown(client, "/enforcement/penalties/") == Penalty.objects.public().count() >= 200
    for name in http_data.bench_modules():
        __import__(name, fromlist=["generate"]).generate(scale=0.001, bulk=quiet_bulk)
    bump_content_version()
    small_sql = dict(SQL)
    large = queries_per_page(client, django_assert_max_num_queries)
    assert large == small, {p: ("\n".join(small_sql[p]), "\n".join(SQL[p])) for p in PAGES if small[p] != large[p]}
    # the generators topped up (5x the rows), and the cached count shown is exact at each size
    assert total_shown(client, "/enforcement/penalties/") == Penalty.objects.public().count() >= 1000
