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


def bulk(model, rows, total: int, desc: str, batch: int = BATCH) -> int:
    """bulk_create `rows` (an iterable of unsaved instances) in batches, with a progress bar."""
    from django.db import transaction
    from tqdm import tqdm

    saved = 0
    rows = iter(rows)
    with tqdm(total=total, desc=desc, unit="rows", file=sys.stderr, dynamic_ncols=True) as bar:
        while chunk := list(itertools.islice(rows, batch)):
            with transaction.atomic():
                model.objects.bulk_create(chunk, batch_size=batch)
            saved += len(chunk)
            bar.update(len(chunk))
    return saved


def bench_modules() -> list[str]:
    from loudi_portal.registry import app_modules

    return app_modules("bench_data")


def generate(scale: float) -> None:
    for name in bench_modules():
        print(f"== {name} (scale {scale:g})", file=sys.stderr, flush=True)
        importlib.import_module(name).generate(scale=scale, bulk=bulk)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def list_urls() -> list[str]:
    from tests.sitewalk import example_urls

    return [url for urls in example_urls().values() for url in urls]


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
