"""Reference numbers, query codes, the client's address and rate limits (loudi_portal.tracking)."""

import threading
import time
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory

from approvals import demo as approvals_demo
from approvals.models import Application
from approvals.tests import factories as f
from conftest import PASSWORD
from loudi_portal import tracking
from loudi_portal.models import RateLimitCounter, ReferenceCounter

pytestmark = pytest.mark.django_db

TRACK = "/approvals/track/"
postgres_only = pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="row locks and parallel connections: PostgreSQL (SQLite has one writer at a time)",
)


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    """Keep every test inside one rate-limit window (a slow test must not see a window roll over)."""
    monkeypatch.setattr(tracking, "_now", lambda: 1_800_000_000)


def _request(remote="127.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def _in_parallel(n, work):
    """Run work(i) in n threads released at once; return the results in order."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


# --- Reference numbers -----------------------------------------------------------


def test_reference_numbers_keep_their_printed_format_and_count_up_per_year():
    def take(year):
        return tracking.next_reference(prefix="LDYJ", year=year, existing=Application.objects.all())

    assert [take(2026), take(2026), take(2027)] == ["LDYJ-2026-00001", "LDYJ-2026-00002", "LDYJ-2027-00001"]


def test_a_new_counter_continues_after_the_numbers_already_issued():
    app = f.application()  # LDYJ-2019-00001
    ReferenceCounter.objects.all().delete()  # e.g. numbers made before the counter existed
    assert app.reference == "LDYJ-2019-00001"
    assert f.application().reference == "LDYJ-2019-00002"


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_acceptances_get_twenty_different_numbers():
    numbers = _in_parallel(
        20, lambda i: tracking.next_reference(prefix="YSQ", year=2026, existing=Application.objects.all())
    )
    assert sorted(numbers) == [f"YSQ-2026-{n:05d}" for n in range(1, 21)]


# --- Query codes -----------------------------------------------------------------


def test_a_query_code_is_stored_only_as_a_salted_hash_and_checked():
    stored = tracking.hash_query_code("12345678")
    again = tracking.hash_query_code("12345678")
    assert "12345678" not in stored and stored != again  # a salt per record
    assert tracking.check_query_code("12345678", stored) and tracking.check_query_code(" 12345678 ", again)
    assert not tracking.check_query_code("12345679", stored)
    assert not tracking.check_query_code("", stored) and not tracking.check_query_code("12345678", "")


def test_neither_the_database_nor_the_history_holds_an_approval_s_plain_code():
    app = f.application()
    code = app.query_code
    row = Application.objects.filter(pk=app.pk).values().get()
    assert not any(code in str(value) for value in row.values())
    history = app.history.model
    assert "query_code" not in {f.name for f in history._meta.get_fields()}
    assert "query_code_hash" not in {f.name for f in history._meta.get_fields()}
    for record in app.history.values():
        assert not any(code in str(value) for value in record.values())


def test_staff_pages_never_show_an_approval_s_code(client, reviewer, auditor):
    app = f.application()
    for user in (reviewer, auditor):
        client.force_login(user)
        for url in (
            "/admin/approvals/application/",
            f"/admin/approvals/application/{app.pk}/change/",
            f"/admin/approvals/application/{app.pk}/history/",
        ):
            response = client.get(url)
            assert response.status_code in (200, 302, 403)
            assert app.query_code not in response.content.decode()


def test_the_right_code_shows_the_approval_and_a_wrong_one_does_not(client):
    app = f.application()
    right = client.post(TRACK, {"reference": app.reference, "query_code": app.query_code})
    wrong = client.post(TRACK, {"reference": app.reference, "query_code": "00000000"})
    assert right.status_code == 200 and "track-result" in right.content.decode()
    assert wrong.status_code == 404 and "没有找到对应的办理记录" in wrong.content.decode()


def test_the_demo_stores_hashes_whose_sample_codes_still_work(client):
    from django.core.management import call_command

    call_command("load_demo")
    first = Application.objects.order_by("pk").first()
    code = approvals_demo.demo_query_code(1)
    assert code not in first.query_code_hash
    response = client.post(TRACK, {"reference": first.reference, "query_code": code})
    assert response.status_code == 200 and first.reference in response.content.decode()
    before = Application.objects.count()
    call_command("load_demo")
    assert Application.objects.count() == before


# --- The client's address --------------------------------------------------------


def test_without_behind_proxy_the_forwarded_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    assert tracking.client_ip(_request("10.0.0.5", "203.0.113.9")) == "10.0.0.5"


def test_behind_one_proxy_the_address_it_saw_is_the_client(settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 1
    assert tracking.client_ip(_request("127.0.0.1", "203.0.113.9")) == "203.0.113.9"
    # A forged left-hand entry is the client's own words, not its address.
    assert tracking.client_ip(_request("127.0.0.1", "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    # No header, or garbage where the proxy writes: the hop we can see.
    assert tracking.client_ip(_request("127.0.0.1")) == "127.0.0.1"
    assert tracking.client_ip(_request("127.0.0.1", "1.2.3.4, not-an-address")) == "127.0.0.1"


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 2
    assert tracking.client_ip(_request("127.0.0.1", "9.9.9.9, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"


def _limit_track(settings, attempts=3):
    settings.APPROVALS_TRACK_ATTEMPTS = attempts
    return f.application()


def test_behind_the_proxy_two_clients_are_counted_separately(client, settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 1
    app = _limit_track(settings)
    data = {"reference": app.reference, "query_code": "1"}
    for _ in range(3):
        client.post(TRACK, data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client.post(TRACK, data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    other = client.post(TRACK, data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 404  # counted on its own: not limited, just a wrong code
    # The limited client cannot pick a fresh address with a forged left-hand entry.
    forged = client.post(TRACK, data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1")
    assert forged.status_code == 429 and "查询过于频繁" in forged.content.decode()


def test_without_behind_proxy_a_forwarded_header_does_not_escape_the_limit(client, settings):
    settings.BEHIND_PROXY = False
    app = _limit_track(settings)
    data = {"reference": app.reference, "query_code": "1"}
    for n in range(3):
        client.post(TRACK, data, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert client.post(TRACK, data, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_the_staff_login_lockout_counts_the_client_not_the_proxy(settings, editor):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 1
    url = "/admin/login/"
    attacker, colleague = Client(), Client()
    wrong = {"username": "editor", "password": "wrong-password"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(url, wrong, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66")
    locked = attacker.post(
        url, {**wrong, "password": PASSWORD}, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.66"
    )
    assert locked.status_code == 429
    # The editor, through the same proxy from their own address, still gets in.
    response = colleague.post(
        url,
        {"username": "editor", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302


# --- Rate limits -----------------------------------------------------------------


def test_the_limiter_allows_exactly_the_limit_per_window():
    results = [tracking.hit("test", "203.0.113.1", limit=3, window=60) for _ in range(5)]
    assert results == [True, True, True, False, False]
    if not django_settings.REDIS_URL:  # known: with Redis, cache.clear() (FLUSHDB) also drops the counters
        cache.clear()  # the counters are not in the cache
        assert not tracking.hit("test", "203.0.113.1", limit=3, window=60)
    assert tracking.hit("test", "203.0.113.2", limit=3, window=60)
    assert tracking.hit("other-scope", "203.0.113.1", limit=3, window=60)


def test_counters_hold_no_address_and_old_windows_are_cleaned_up():
    tracking.hit("test", "203.0.113.1", limit=3, window=60)
    row = RateLimitCounter.objects.get()
    assert "203.0.113.1" not in row.key and row.count == 1
    assert tracking.cleanup_rate_limits(now=1_800_000_000) == 0
    assert tracking.cleanup_rate_limits(now=row.expires_at + 1) == 1
    assert not RateLimitCounter.objects.exists()


def test_a_rate_limit_still_holds_after_the_page_cache_culled_again_and_again(client, settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 30, "CULL_FREQUENCY": 2},
        }
    }
    settings.PUBLIC_CACHE_SECONDS = 60
    app = _limit_track(settings)
    data = {"reference": app.reference, "query_code": "1"}
    for _ in range(3):
        client.post(TRACK, data)
    assert client.post(TRACK, data).status_code == 429
    for n in range(1_000):  # each a distinct cached page: the cache culls half of itself ~60 times
        assert client.get("/about/", {"p": n}).status_code == 200
    assert 0 < len(list((tmp_path / "cache").iterdir())) <= 30  # pages were cached, and culled
    assert client.post(TRACK, data).status_code == 429


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_look_ups_let_exactly_the_limit_through(settings):
    settings.APPROVALS_TRACK_ATTEMPTS = 5
    app = f.application(accepted_on=date(2019, 9, 27))
    data = {"reference": app.reference, "query_code": app.query_code}
    statuses = _in_parallel(20, lambda i: Client().post(TRACK, data).status_code)
    assert statuses.count(200) == 5 and statuses.count(429) == 15


@pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs REDIS_URL")
def test_with_redis_the_counters_are_kept_there(settings):
    key = f"redis-test-{time.time()}"
    results = [tracking.hit(key, "203.0.113.1", limit=2, window=60) for _ in range(3)]
    assert results == [True, True, False] and not RateLimitCounter.objects.exists()


# --- Information requests (/apply/) -------------------------------------------------


def test_a_sent_request_s_code_is_hashed_kept_out_of_the_session_and_tracks(client):
    from inforequests.models import InfoRequest
    from inforequests.tests.test_request_apply import _code_on, form_data

    response = client.post("/apply/", form_data())
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    code = _code_on(response.content.decode())
    request = InfoRequest.objects.get()
    assert request.reference.startswith("YSQ-") and code not in request.query_code_hash
    assert not any(code in str(v) for v in dict(client.session).values())
    for record in request.history.values():
        assert not any(code in str(value) for value in record.values())
    right = client.post("/apply/track/", {"reference": request.reference, "code": code.lower()})
    wrong = client.post("/apply/track/", {"reference": request.reference, "code": "WRONG234"})
    assert "不正确" not in right.content.decode() and "不正确" in wrong.content.decode()


def test_request_look_ups_behind_the_proxy_are_counted_per_client(client, settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 1
    data = {"reference": "YSQ-2019-00001", "code": "WRONG234"}

    def post(forwarded):
        return client.post("/apply/track/", data, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    for _ in range(30):
        assert post("198.51.100.1").status_code == 200
    assert post("198.51.100.1").status_code == 429
    assert post("6.6.6.6, 198.51.100.1").status_code == 429
    assert post("198.51.100.2").status_code == 200
