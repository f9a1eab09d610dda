"""Generate the benchmark's large data set, and list the pages to measure.

    python -m bench.http_data --scale 1.0     # DATABASE_URL etc. in the environment
    python -m bench.http_data --list-urls     # JSON: the example URLs of tests/public_urls.py

Each app plugs its generator in with a module `<app>/bench_data.py` (found like
the demo modules: `<app>/bench_data.py`, then `<app>/*_bench_data.py`) exposing

    def generate(*, scale: float, bulk) -> None

`scale` 1.0 is the issue's full size (100,000 notices, 1,000,000 inspections and
penalties, 10,000 enterprises: compute counts as round(N * scale)); the function
tops the data up to that size (running it again, or with a larger scale, adds
only what is missing). `bulk(model, rows, total, desc)` saves an iterable of
unsaved instances with bulk_create in batches, inside a transaction per batch,
with a progress bar; use it so every app shows progress the same way.

A module may also declare the counters that the two-server run must keep exact
(e.g. a notice's 浏览量, counted on each view of its page):

    def counters() -> list[tuple[str, str, Callable[[], int]]]:
        notice = Notice.objects.published().first()
        return [("notice 浏览量", notice.get_absolute_url(),
                 lambda: Notice.objects.get(pk=notice.pk).view_count)]

The benchmark GETs the URL from both app servers at once and checks that the
count grew by exactly the number of 200 answers.
"""

import argparse
import importlib
import itertools
import json
import os
import sys

BATCH = 5000
# Deep and filtered pages of the big registers (the table), besides the example URLs:
# the same URL at every scale (a page past the end shows the last page).
DEEP_PAGES = [
    "/notices/?page=2500",
    "/enforcement/penalties/?page=25000",
    "/enforcement/penalties/?page=49999",
    "/enforcement/penalties/?year=2026&kind=fine",
    "/enforcement/inspections/?page=25000",
    "/search/?q=%E5%AE%89%E5%85%A8+%E7%94%9F%E4%BA%A7",  # 安全 生产: two words
]


def bulk(model, rows, total: int, desc: str, batch: int = BATCH) -> int:
    """Save `rows` (an iterable of unsaved instances) in batches, with a progress bar.

    On PostgreSQL each batch is written with COPY (about 3-5x faster than
    bulk_create's INSERT at a million rows); elsewhere with bulk_create.
    """
    from django.db import connection, transaction
    from tqdm import tqdm

    saved = 0
    rows = iter(rows)
    with tqdm(total=total, desc=desc, unit="rows", file=sys.stderr, dynamic_ncols=True) as bar:
        while chunk := list(itertools.islice(rows, batch)):
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    copy_rows(connection, model, chunk)
                else:
                    model.objects.bulk_create(chunk, batch_size=batch)
            saved += len(chunk)
            bar.update(len(chunk))
    return saved


def copy_rows(connection, model, chunk: list) -> None:
    """COPY unsaved instances into the model's table: what bulk_create would store, without ids back.

    Columns are the concrete fields a bulk_create would write (no auto primary key,
    no generated field, no field left to its database default); values go through
    each field's pre_save and get_db_prep_save, as in an INSERT.
    """
    from django.db.models.expressions import DatabaseDefault
    from django.db.models.fields import AutoFieldMixin

    first = chunk[0]
    fields = [
        f
        for f in model._meta.concrete_fields
        if not isinstance(f, AutoFieldMixin)
        and not getattr(f, "generated", False)
        and not isinstance(getattr(first, f.attname, None), DatabaseDefault)
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in chunk:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])


def clone_rows(model, *, where: str, have: int, wanted: int, templates: int, overrides: dict, desc: str) -> bool:
    """PostgreSQL only: top a table up from `have` to `wanted` rows by copying template rows in SQL.

    At a million rows the Python path (build each instance, COPY it) is limited by the
    interpreter: about 500 rows/s on a loaded 2-core machine. Here the first `templates`
    rows matching `where` (made by the generator in Python, so they are valid rows) are
    repeated with INSERT … SELECT over generate_series, in batches with a progress bar;
    `overrides` maps a column to an SQL expression over the template row `t` and the
    new row's number `g.i` (have ≤ i < wanted), for the columns that must differ
    (unique numbers). Returns False (nothing done) on other databases.
    """
    from django.db import connection, transaction
    from django.db.models.fields import AutoFieldMixin
    from tqdm import tqdm

    if connection.vendor != "postgresql" or wanted <= have:
        return False
    quote = connection.ops.quote_name
    columns = [
        f.column
        for f in model._meta.concrete_fields
        if not isinstance(f, AutoFieldMixin) and not getattr(f, "generated", False)
    ]
    table = quote(model._meta.db_table)
    values = ", ".join(overrides.get(c, f"t.{quote(c)}") for c in columns)
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "
        f"SELECT {values} FROM generate_series(%s, %s) AS g(i) "
        f"JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM {table} WHERE {where} "
        f"ORDER BY id LIMIT {int(templates)}) AS t ON t.k = g.i %% {int(templates)}"
    )
    step = 50_000
    with tqdm(total=wanted - have, desc=desc + " (SQL copies)", unit="rows", file=sys.stderr) as bar:
        for start in range(have, wanted, step):
            end = min(start + step, wanted) - 1
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [start, end])
            bar.update(end - start + 1)
    return True


def bench_modules() -> list[str]:
    from loudi_portal.registry import app_modules

    return app_modules("bench_data")


def generate(scale: float) -> None:
    for name in bench_modules():
        print(f"== {name} (scale {scale:g})", file=sys.stderr, flush=True)
        importlib.import_module(name).generate(scale=scale, bulk=bulk)
    from django.db import connection

    from loudi_portal.caching import bump_content_version

    bump_content_version()  # bulk_create sends no signals: cached pages and counts must go

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Index-only scans need the visibility map (deep pages). VACUUM cannot run inside a
            # transaction (a test's): there, refresh the planner's statistics only.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


def list_urls() -> list[str]:
    from tests.sitewalk import example_urls

    urls = [url for urls in example_urls().values() for url in urls]
    return urls + [u for u in DEEP_PAGES if u not in urls]


def counters() -> list[dict]:
    """Every app's declared counters with their current values."""
    found = []
    for name in bench_modules():
        declare = getattr(importlib.import_module(name), "counters", None)
        for label, url, read in declare() if declare else []:
            found.append({"label": label, "url": url, "value": read()})
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, help="data size; 1.0 = the issue's full size")
    parser.add_argument("--list-urls", action="store_true", help="print the pages to measure as JSON")
    parser.add_argument("--counters", action="store_true", help="print the apps' counters and values as JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.http_settings")
    import django

    django.setup()
    if args.scale is not None:
        generate(args.scale)
    if args.list_urls:
        print(json.dumps(list_urls()))
    if args.counters:
        print(json.dumps(counters(), ensure_ascii=False))


if __name__ == "__main__":
    main()
