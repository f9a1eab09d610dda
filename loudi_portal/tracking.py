"""Tracking: reference numbers, query codes, the client's address and rate limits.

One implementation for every app that gives the public a number to quote and a
code to prove it is theirs (approvals `LDYJ-2026-00061`, information requests
`YSQ-2026-00001`), and for every limit on anonymous posts and staff logins.
How it works, and the proxy settings it reads: docs/tracking.md.
"""

import hashlib
import ipaddress
import random
import secrets
import time
from functools import lru_cache

import redis
from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.shortcuts import render
from django.utils.crypto import constant_time_compare, salted_hmac

from . import roles
from .models import RateLimitCounter, ReferenceCounter


def register_roles() -> None:
    """The counters are machinery: no role edits them (auditors may view, as everything)."""
    roles.register("loudi_portal.referencecounter")
    roles.register("loudi_portal.ratelimitcounter")


# --- Reference numbers -----------------------------------------------------------


def format_reference(prefix: str, year: int, serial: int) -> str:
    """`LDYJ-2026-00061`: the printed format of every reference number (keep it: it is on paper)."""
    return f"{prefix}-{year}-{serial:05d}"


def next_reference(*, prefix: str, year: int, existing: models.QuerySet, field: str = "reference") -> str:
    """Take the next serial of `prefix` in `year` (2 queries; 3 on the first number of a year).

    The serial lives in one `ReferenceCounter` row raised with a single
    `UPDATE … SET last = last + 1`, so two parallel callers never get the same
    number: PostgreSQL makes the second wait for the first's row lock, SQLite
    has one writer at a time. Call it inside the transaction that saves the
    record, so a failed save gives the number back. `existing` (the model's
    rows) seeds a new year's counter from the highest number already issued.
    """
    key = f"{prefix}-{year}"
    with transaction.atomic():
        if not ReferenceCounter.objects.filter(key=key).update(last=models.F("last") + 1):
            start = f"{key}-"
            highest = (
                existing.filter(**{f"{field}__startswith": start})
                .order_by(f"-{field}")
                .values_list(field, flat=True)
                .first()
            )
            serial = int(highest.rsplit("-", 1)[1]) + 1 if highest else 1
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(key=key, last=serial)
            except IntegrityError:  # a parallel caller created the row first
                ReferenceCounter.objects.filter(key=key).update(last=models.F("last") + 1)
        serial = ReferenceCounter.objects.filter(key=key).values_list("last", flat=True).get()
    return format_reference(prefix, year, serial)


# --- Query codes (查询码) -----------------------------------------------------------

DIGITS = "0123456789"
# No 0/O, 1/I/L: read aloud over the phone and typed from paper.
LETTERS_AND_DIGITS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_KEY_SALT = "loudi_portal.tracking.query_code"


def new_query_code(*, alphabet: str = DIGITS, length: int = 8) -> str:
    """A random code, told to the applicant once and never stored."""
    return "".join(secrets.choice(alphabet) for _i in range(length))


def normalize_code(code: str) -> str:
    return (code or "").strip().upper()


def hash_query_code(code: str, *, salt: str | None = None) -> str:
    """`salt$hex`: HMAC-SHA256 of the code, keyed with SECRET_KEY and a per-record salt.

    An HMAC, not PBKDF2: the look-up is anonymous and rate-limited, and a slow
    hash there would be a denial-of-service lever. Without SECRET_KEY the stored
    values say nothing; with it, the per-record salt still makes each one a
    separate guess.
    """
    salt = salt or secrets.token_hex(8)
    digest = salted_hmac(_CODE_KEY_SALT, f"{salt}${normalize_code(code)}", algorithm="sha256").hexdigest()
    return f"{salt}${digest}"


def check_query_code(code: str, stored: str) -> bool:
    """Whether `code` is the one `stored` was made from (constant time)."""
    salt, sep, _digest = (stored or "").partition("$")
    if not sep or not code:
        # Hash something anyway so a wrong reference takes as long as a wrong code.
        hash_query_code(code or "", salt="0" * 16)
        return False
    return constant_time_compare(hash_query_code(code, salt=salt), stored)


# --- The client's address --------------------------------------------------------


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind the proxies the one they saw; None if unknown.

    The only place that reads `BEHIND_PROXY` and `PROXY_COUNT` (settings.py reads
    the environment). nginx's `proxy_add_x_forwarded_for` appends the address it
    received the request from to whatever X-Forwarded-For the client sent, so
    with N proxies of ours the N right-most entries are theirs and the client's
    address is the N-th from the right; entries further left are the client's
    own words and never used. Without BEHIND_PROXY the header is ignored (anyone
    could send it). django-ipware 8 was tried and not used: its proxy count
    counts addresses inside the header, so with one nginx it refuses the
    single-entry header nginx sends and, given a forged entry, picks that one.
    """
    remote = _valid_ip(request.META.get("REMOTE_ADDR", ""))
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    count = max(int(getattr(settings, "PROXY_COUNT", 1) or 1), 1)
    entries = [e for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < count:
        return remote  # not the chain our proxies write: count the hop we can see
    return _valid_ip(entries[-count]) or remote


# --- Rate limits -----------------------------------------------------------------

# One old-window clean-up per this many new windows (a cheap indexed delete).
CLEANUP_ONE_IN = 200


def _now() -> int:
    return int(time.time())


def hit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one attempt of `ident` in `scope`; True while within `limit` per `window` seconds.

    Fixed windows, counted atomically: Redis INCR + EXPIRE in one MULTI when
    REDIS_URL is set, else one upsert on `RateLimitCounter` (1 query, plus a
    rare clean-up). Never the cache: a culled or cleared cache would forget a
    limit. The identity is hashed, so the table holds no address.
    """
    now = _now()
    start = now - now % window
    key = f"{scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"
    if getattr(settings, "REDIS_URL", ""):
        count = _redis_hit(f"loudi:ratelimit:{key}:{start}", window)
    else:
        count = _db_hit(key, start, start + window)
    return count <= limit


def _db_hit(key: str, start: int, expires: int) -> int:
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    q = connection.ops.quote_name
    sql = (
        f"INSERT INTO {table} ({q('key')}, {q('window_start')}, {q('expires_at')}, {q('count')}) "
        f"VALUES (%s, %s, %s, 1) "
        f"ON CONFLICT ({q('key')}, {q('window_start')}) DO UPDATE SET {q('count')} = {table}.{q('count')} + 1 "
        f"RETURNING {q('count')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, start, expires])
        count = cursor.fetchone()[0]
    if count == 1 and random.randrange(CLEANUP_ONE_IN) == 0:  # noqa: S311 (not security-relevant)
        cleanup_rate_limits()
    return count


def cleanup_rate_limits(now: int | None = None) -> int:
    """Delete the counters of windows that have ended; return how many (1 indexed query).

    Plain SQL, so no delete signal fires (a signal would invalidate the page cache).
    """
    now = _now() if now is None else now
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {connection.ops.quote_name('expires_at')} < %s", [now])
        return cursor.rowcount


@lru_cache(maxsize=1)
def _redis(url: str):
    return redis.Redis.from_url(url)


def _redis_hit(key: str, window: int) -> int:
    pipe = _redis(settings.REDIS_URL).pipeline(transaction=True)
    pipe.incr(key)
    pipe.expire(key, window + 1)
    count, _ok = pipe.execute()
    return int(count)


def over_limit(request, scope: str, limit: tuple[int, int]) -> bool:
    """Count one attempt from this client in `scope`; True once over `limit` = (attempts, seconds)."""
    allowed, window = limit
    return not hit(scope, client_ip(request) or "unknown", limit=allowed, window=window)


def too_many_requests(request, template: str = "429.html", ctx: dict | None = None, *, retry_after: int = 600):
    """Answer 429 with a Chinese page: the form's own page with its `limited` notice, or 429.html."""
    ctx = {**(ctx or {}), "limited": True}
    response = render(request, template, ctx, status=429)
    response["Retry-After"] = str(retry_after)
    return response
