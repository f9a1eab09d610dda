"""The load benchmark's moving parts stay in working order (the benchmark itself runs on demand)."""

import pytest
from django.contrib.auth.models import User
from django.db import connection

from approvals import bench_data as approvals_bench
from approvals.models import Application
from bench import http_data, http_urls
from inforequests import bench_data as requests_bench
from inforequests.models import InfoRequest
from loudi_portal.models import Department

pytestmark = pytest.mark.django_db


def test_every_apps_benchmark_generator_runs_and_tops_up_without_duplicating(demo):
    assert "loudi_portal.bench_data" in http_data.bench_modules()
    http_data.generate(0.001)
    bench_apps = Application.objects.filter(contact_name=approvals_bench.MARK)
    bench_requests = InfoRequest.objects.filter(contact_person=requests_bench.MARK)
    counts = (
        Department.objects.count(),
        User.objects.filter(username__startswith="bench_staff_").count(),
        bench_apps.count(),
        bench_requests.count(),
    )
    assert counts[1] == 2 and counts[2] == 20 and counts[3] == 5
    # every bench request was answered within its 20 working days, with a Table 三 outcome
    assert all(r.received_on < r.closed_on <= r.due_on and r.outcome for r in bench_requests)
    # every bench application is decided in time on the working-day clock, with its deadlines
    assert not bench_apps.filter(committed_due_on__isnull=True).exists()
    assert not bench_apps.filter(working_days_taken__isnull=True).exists()
    http_data.generate(0.001)
    assert (
        Department.objects.count(),
        User.objects.filter(username__startswith="bench_staff_").count(),
        bench_apps.count(),
        bench_requests.count(),
    ) == counts


def test_the_benchmark_lists_every_example_url_as_a_page_to_measure(demo):
    urls = http_data.list_urls()
    assert "/" in urls and "/about/" in urls


def test_the_benchmark_counter_counts_every_hit(client, settings):
    settings.ROOT_URLCONF = "bench.http_urls"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {http_urls.COUNTER_TABLE} (id int PRIMARY KEY, hits bigint NOT NULL)")
        cursor.execute(f"INSERT INTO {http_urls.COUNTER_TABLE} VALUES (1, 0)")
    answers = [client.post("/__bench__/hit/").content for _ in range(3)]
    assert answers == [b"1\n", b"2\n", b"3\n"]
    assert client.get("/__bench__/ok/").content == b"ok\n"


def test_the_benchmark_reads_the_counters_apps_declare(demo, monkeypatch):
    import types

    module = types.SimpleNamespace(counters=lambda: [("about views", "/about/", lambda: 7)])
    monkeypatch.setattr(http_data, "bench_modules", lambda: ["fake.bench_data"])
    monkeypatch.setattr(http_data.importlib, "import_module", lambda name: module)
    assert http_data.counters() == [{"label": "about views", "url": "/about/", "value": 7}]
