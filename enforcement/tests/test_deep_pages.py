"""Deep pages of the big registers: the same rows as Django's plain paginator, at a constant cost.

The registers page with a deferred join (loudi_portal/listing.py): the page's ids come
from `SELECT id … ORDER BY … LIMIT 20 OFFSET n` (on PostgreSQL answered from a covering
index), then the rows are fetched by those ids. A reader must see exactly
the rows the plain OFFSET paginator would give, page 1 as the last page, and a deep page
must not cost more queries than the first.
"""

import random
import re
from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enforcement import bench_data
from enforcement.models import Hazard, HazardLevel, Inspection
from enforcement.views import public_hazards, public_inspections, public_penalties
from loudi_portal.listing import DeferredJoinPaginator


def quiet_bulk(model, rows, total, desc):
    model.objects.bulk_create(list(rows), batch_size=2000)


@pytest.fixture
def registers(db):
    """About 300 penalties and inspections, 45 enterprises and 300 hazards."""
    bench_data.generate(scale=0.0003, bulk=quiet_bulk)
    bench_data._enterprises(quiet_bulk, random.Random(19), 45)  # three pages of the directory
    today = timezone.localdate()
    inspections = list(Inspection.objects.order_by("id")[:150])
    Hazard.objects.bulk_create(
        Hazard(
            inspection=inspection,
            description=f"安全出口堵塞（第{i}处）",
            level=HazardLevel.GENERAL,
            # ties on the deadline: the id must break them the same way in both paginators
            deadline=today + timedelta(days=i % 7),
            status="published",
            published_at=timezone.now() - timedelta(days=1),
        )
        for i, inspection in enumerate(inspections * 2)
    )


def page_ids(paginator, number):
    return [row.pk for row in paginator.page(number).object_list]


@pytest.mark.parametrize(
    "queryset",
    [public_penalties, public_inspections, public_hazards, lambda: bench_data.Enterprise.objects.all()],
    ids=["penalties", "inspections", "hazards", "enterprises"],
)
def test_every_page_has_the_rows_of_the_plain_paginator(registers, queryset):
    plain = Paginator(queryset(), 20)
    deferred = DeferredJoinPaginator(queryset(), 20)
    assert plain.num_pages >= 2
    assert deferred.count == plain.count
    for number in {1, 2, plain.num_pages // 2, plain.num_pages - 1, plain.num_pages}:
        assert page_ids(deferred, number) == page_ids(plain, number), number


def test_a_deep_page_costs_the_queries_of_the_first(registers):
    paginator = DeferredJoinPaginator(public_inspections(), 20)
    assert paginator.count  # cached per content version: not part of a page's cost
    costs = {}
    for number in (1, paginator.num_pages // 2, paginator.num_pages):
        with CaptureQueriesContext(connection) as captured:
            rows = list(paginator.page(number).object_list)
            for row in rows:  # what the template reads: joined and prefetched, no query per row
                row.enterprise.name, list(row.inspectors.all()), row.hazard_count
        costs[number] = len(captured)
        assert rows
    # the page's ids, its rows by id, and one prefetch of the inspectors
    assert set(costs.values()) == {3}, costs


def test_the_page_ids_are_picked_without_joins_or_grouping(registers):
    """What lets PostgreSQL answer the skipped rows from the covering index alone."""
    for queryset, table in (
        (public_penalties(), "enforcement_penalty"),
        (public_inspections(), "enforcement_inspection"),
    ):
        sql = str(DeferredJoinPaginator(queryset, 20).page_ids(500000, 500020).query).upper()
        assert "JOIN" not in sql and "GROUP BY" not in sql and "COUNT(" not in sql, sql
        assert re.match(rf'SELECT "{table.upper()}"."ID"( AS "PK")? FROM "{table.upper()}" WHERE', sql), sql
        assert "LIMIT 20 OFFSET 500000" in sql


def test_hazard_counts_on_the_inspection_register_are_exact(registers):
    paginator = DeferredJoinPaginator(public_inspections(), 20)
    shown = {row.pk: row.hazard_count for row in paginator.page(1).object_list}
    assert shown == {pk: Hazard.objects.filter(inspection_id=pk).count() for pk in shown}


@pytest.mark.parametrize(
    "queryset",
    [public_penalties, public_inspections, public_hazards, lambda: bench_data.Enterprise.objects.all()],
    ids=["penalties", "inspections", "hazards", "enterprises"],
)
def test_pages_read_from_anchors_have_the_rows_of_the_plain_paginator(registers, queryset, monkeypatch):
    """With an anchor every 50 rows, every page past the first anchor starts from one."""
    monkeypatch.setattr(DeferredJoinPaginator, "anchor_every", 50)
    plain = Paginator(queryset(), 20)
    deferred = DeferredJoinPaginator(queryset(), 20)
    assert deferred._sort_key() is not None  # the register's order can be followed from an anchor
    for number in range(1, plain.num_pages + 1):
        assert page_ids(deferred, number) == page_ids(plain, number), number


def test_a_deep_page_from_an_anchor_does_not_skip_the_rows_before_it(registers, monkeypatch):
    monkeypatch.setattr(DeferredJoinPaginator, "anchor_every", 50)
    paginator = DeferredJoinPaginator(public_penalties(), 20)
    sql = str(paginator.page_ids(260, 280).query).upper()
    assert "LIMIT 20 OFFSET 10" in sql  # 260 = anchor 5 (row 250) + 10
    assert "OFFSET 260" not in sql
