"""Export benchmark: the portal's streamed exports against PostgreSQL's own COPY, same query, same run.

Run on demand (not in CI), from the project root, with PostgreSQL on 127.0.0.1:5432:

    .venv/bin/python bench/export_bench.py                 # 1,000,000 rows, 5 rounds
    .venv/bin/python bench/export_bench.py --rows 100000 --rounds 3

It creates a private database (`bench_export` unless --database says otherwise),
fills a 6-column table like the one in the shared performance notes (Chinese
titles, dates, categories, money, status), then runs, round-robin and each in a
fresh process so that peak memory is the variant's own:

- copy:             psycopg `COPY (<the ORM query's SQL>) TO STDOUT (FORMAT csv)`
- portal-csv:       `export_response("csv", queryset, columns)`, every byte consumed
                    (on PostgreSQL this is the server's COPY behind the portal's formatting)
- portal-csv-python: the same with the COPY path switched off (values_list + csv.writer)
- portal-json:      the same in JSON
- portal-csv-model: CSV with one computed column, so rows come as model instances

and prints rows/s (median, min-max), the ratio to COPY's rows/s in the same round,
and each process's peak RSS. Before the rounds it checks that portal-csv and
portal-csv-python write the same bytes (SHA-256). The database is dropped at the
end (--keep keeps it).
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ["copy", "portal-csv", "portal-csv-python", "portal-json", "portal-csv-model"]
TABLE = "bench_export_item"
WORDS = (
    "ARRAY['年度预算','项目申请','合同审批','采购计划','人员招聘','设备维护','财务报表','会议纪要',"
    "'培训安排','质量检查','客户回访','市场调研','安全检查','资产盘点','工程验收','档案整理']"
)


def server_dsn(args, dbname: str) -> str:
    return f"host={args.host} port={args.port} user={args.user} dbname={dbname}"


def create_database(args) -> None:
    import psycopg

    with psycopg.connect(server_dsn(args, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}"')
        conn.execute(f"CREATE DATABASE \"{args.database}\" ENCODING 'UTF8' TEMPLATE template0")
    with psycopg.connect(server_dsn(args, args.database), autocommit=True) as conn:
        conn.execute(
            f"CREATE TABLE {TABLE} (id bigint PRIMARY KEY, title varchar(200) NOT NULL, created date NOT NULL,"
            " category varchar(32) NOT NULL, amount numeric(12,2) NOT NULL, status varchar(16) NOT NULL)"
        )
        started = time.perf_counter()
        conn.execute(
            f"INSERT INTO {TABLE} (id, title, created, category, amount, status) "
            f"SELECT i, (W)[1+(i*7)%16] || (W)[1+(i*11)%16] || (W)[1+(i*13)%16] || (W)[1+(i/16)%16] "
            "|| '第' || (i%997) || '号', "
            "date '2015-01-01' + ((i::bigint*7919) % 3650)::int, "
            "(ARRAY['行政','财务','人事','采购','工程','市场','法务','信息'])[1+(i*31)%8], "
            "((i::bigint*104729) % 10000000) / 100.0, "
            "(ARRAY['draft','submitted','approved','rejected','archived'])[1+(i*13)%5] "
            f"FROM generate_series(1, {args.rows}) AS i, (SELECT {WORDS} AS W) AS words"
        )
        conn.execute(f"VACUUM ANALYZE {TABLE}")
        print(f"loaded {args.rows:,} rows in {time.perf_counter() - started:.1f} s", flush=True)


def drop_database(args) -> None:
    import psycopg

    with psycopg.connect(server_dsn(args, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}"')


def django_setup(args):
    os.environ.update(
        DATABASE_URL=f"postgres://{args.user}@{args.host}:{args.port}/{args.database}",
        DJANGO_SETTINGS_MODULE="loudi_portal.settings",
        SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_HTTPS="0",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import models

    class BenchItem(models.Model):
        title = models.CharField(max_length=200)
        created = models.DateField()
        category = models.CharField(max_length=32)
        amount = models.DecimalField(max_digits=12, decimal_places=2)
        status = models.CharField(max_length=16)

        class Meta:
            app_label = "loudi_portal"
            db_table = TABLE
            managed = False

        def __str__(self):
            return self.title

    return BenchItem


def columns(model_path: bool):
    from loudi_portal.exports import Column

    cols = [
        Column("id", "编号", kind="int"),
        Column("title", "标题"),
        Column("created", "日期", kind="date"),
        Column("category", "类别"),
        Column("amount", "金额（元）", kind="money"),
        Column("status", "状态"),
    ]
    if model_path:  # a computed column: the exporter must build model instances
        cols[-1] = Column("status", "状态", source=lambda item: item.status)
    return cols


def run_variant(args) -> dict:
    """One measurement in this process; returns rows, seconds (export loop only), bytes, peak RSS."""
    BenchItem = django_setup(args)
    queryset = BenchItem.objects.order_by("id")
    if args.variant == "copy":
        import psycopg

        from loudi_portal.exports import value_lookups

        sql, params = queryset.values_list(*value_lookups(queryset, columns(False))).query.sql_with_params()
        assert not params
        with psycopg.connect(server_dsn(args, args.database)) as conn, conn.cursor() as cursor:
            started = time.perf_counter()
            size = 0
            with cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
                for data in copy:
                    size += len(data)
            seconds = time.perf_counter() - started
    else:
        import hashlib

        from django.db import connection

        from loudi_portal import exports
        from loudi_portal.exports import export_response

        exports.USE_POSTGRES_COPY = args.variant != "portal-csv-python"
        digest = hashlib.sha256() if args.hash else None
        fmt = "json" if args.variant == "portal-json" else "csv"
        connection.ensure_connection()
        started = time.perf_counter()
        response = export_response(fmt, queryset, columns(args.variant == "portal-csv-model"), title="基准")
        size = 0
        for piece in response:  # what the WSGI server does: bytes, piece by piece
            size += len(piece)
            if digest:
                digest.update(piece)
        response.close()
        seconds = time.perf_counter() - started
        if digest:
            return {"variant": args.variant, "sha256": digest.hexdigest(), "bytes": size}
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"variant": args.variant, "rows": args.rows, "seconds": seconds, "bytes": size, "peak_mib": peak_mib}


def fmt_range(values, digits=0, scale=1.0) -> str:
    values = [v / scale for v in values]
    f = f"{{:,.{digits}f}}"
    return f"{f.format(statistics.median(values))} ({f.format(min(values))}–{f.format(max(values))})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the benchmark table")
    parser.add_argument("--rounds", type=int, default=5, help="round-robin rounds over the variants")
    parser.add_argument("--host", default="127.0.0.1", help="PostgreSQL host")
    parser.add_argument("--port", default="5432", help="PostgreSQL port")
    parser.add_argument("--user", default="postgres", help="PostgreSQL user (needs CREATEDB)")
    parser.add_argument("--database", default="bench_export", help="private database, created and dropped")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards (it is always rebuilt at the start)"
    )
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)  # internal: one measurement
    parser.add_argument("--hash", action="store_true", help=argparse.SUPPRESS)  # internal: output checksum
    args = parser.parse_args()

    if args.variant:
        print(json.dumps(run_variant(args)))
        return

    create_database(args)

    def child(variant: str, *extra: str) -> dict:
        out = subprocess.run(
            [sys.executable, __file__, "--variant", variant, "--rows", str(args.rows), "--host", args.host,
             "--port", args.port, "--user", args.user, "--database", args.database, *extra],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        return json.loads(out.stdout.strip().splitlines()[-1])

    sums = {v: child(v, "--hash")["sha256"] for v in ["portal-csv", "portal-csv-python", "portal-csv-model"]}
    print("CSV SHA-256 per path:", sums, flush=True)
    if len(set(sums.values())) != 1:
        print("ERROR: the CSV paths do not write the same bytes", flush=True)
    results: dict[str, list[dict]] = {v: [] for v in VARIANTS}
    ratios: dict[str, list[float]] = {v: [] for v in VARIANTS}
    try:
        for round_no in range(1, args.rounds + 1):
            in_round = {}
            for variant in VARIANTS:
                result = child(variant)
                results[variant].append(result)
                in_round[variant] = args.rows / result["seconds"]
                print(
                    f"round {round_no} {variant:17} {result['seconds']:7.2f} s {in_round[variant]:12,.0f} rows/s "
                    f"{result['bytes'] / 2**20:8.1f} MiB out, peak RSS {result['peak_mib']:6.1f} MiB",
                    flush=True,
                )
            for variant in VARIANTS:
                ratios[variant].append(in_round[variant] / in_round["copy"])
    finally:
        if not args.keep:
            drop_database(args)

    print()
    print(f"{args.rows:,} rows x 6 columns, ORDER BY id, {args.rounds} rounds (median, min–max)")
    print()
    print("| variant | rows/s | × COPY (same round) | seconds | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for variant in VARIANTS:
        rs = results[variant]
        print(
            f"| {variant} | {fmt_range([args.rows / r['seconds'] for r in rs])} "
            f"| {fmt_range(ratios[variant], 2)} | {fmt_range([r['seconds'] for r in rs], 2)} "
            f"| {fmt_range([r['peak_mib'] for r in rs], 0)} |"
        )


if __name__ == "__main__":
    main()
