"""Whole-page caching of public pages for anonymous readers, and conditional GET.

A register page costs several milliseconds to render (PERFORMANCE.md); most
readers are anonymous and see the same bytes. `PublicPageCacheMiddleware` keeps
each public page's bytes in the cache, keyed by the full URL, the reader's font
size, care mode and language, and a site-wide content version that every save or
delete of a portal record bumps, so a change is visible at once.

Which pages are cached is decided from the response, not from a list of views:
a GET answered 200, not streamed, that set no cookie, wrote nothing to the
session and used no CSRF token (so no form posting back), for a reader without a
session or pending message cookie, outside `/admin/`, and not marked
`private`/`no-store`/`no-cache` by its view. Everything else that is personal
(a form with a CSRF token, tracking results, any signed-in user) is answered
`Cache-Control: private, no-store`, so neither a proxy nor the browser keeps it.

The hit path runs before sessions, authentication and templates: two cache
reads (the content version and the page), no template work, no database query,
except for the live numbers a page shows that must be exact. Those (the notice
page's 浏览量) are rendered as a placeholder, and every response carrying one,
cached or not, gets it replaced by the value of a counter registered in
`loudi_portal.registry` (one `UPDATE … RETURNING`).

Cached public pages carry an `ETag` and `Last-Modified` and answer `304 Not
Modified` to a matching `If-None-Match` (or `If-Modified-Since`), and
`Cache-Control: public, max-age=PUBLIC_PROXY_SECONDS` with `Vary: Cookie`, so a
reverse proxy may keep them for a few seconds per font size and care mode.
"""

import contextvars
import hashlib
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from . import registry
from .context_processors import care_mode, font_size
from .publishing import Status
from .work_queues import publishable_models

VERSION_KEY = "loudi_portal:content-version"
SCHEDULE_KEY = "loudi_portal:next-scheduled-publication"
NONE_SCHEDULED = 0.0

# Rendered where a live number goes; the middleware replaces it on every response.
LIVE_MARK = "\u2063live:"  # U+2063 INVISIBLE SEPARATOR never occurs in our texts
LIVE_END = "\u2063"

# Response headers never stored with a cached page (per request, or set outside the view).
_NOT_STORED = {"set-cookie", "content-length", "date", "etag", "last-modified"}

PERSONAL = "private, no-store"

# The content version read once for a public GET and reused by everything that request keys
# on it (the page, counts, anchors, shared fragments); any write through a signal forgets it.
# The middleware gives each such request an empty box; the first read fills it.
_request_version: contextvars.ContextVar[dict | None] = contextvars.ContextVar("content_version", default=None)


def content_version() -> int:
    """The site's content version, moved on by every write and by every scheduled publication that comes due.

    A scheduled record (定时发布) becomes public at its time without any write, so the
    earliest future publication time is kept beside the version (SCHEDULE_KEY; 0 when
    nothing is scheduled); the first read after it passes moves the version on, so cached
    pages and counts show the record at once. One cache round trip on the hit path.
    """
    box = _request_version.get()
    if box:
        return box["version"]
    version = _read_content_version()
    if box is not None:
        box["version"] = version
    return version


def _read_content_version() -> int:
    values = cache.get_many([VERSION_KEY, SCHEDULE_KEY])
    version = values.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), None)
        version = cache.get(VERSION_KEY) or _fresh_version()
    due = values.get(SCHEDULE_KEY)
    if due is None:
        due = _remember_next_scheduled()
    if due and time.time() >= due:
        cache.delete(SCHEDULE_KEY)  # the next read looks up the one after it
        bump_content_version()
        version = cache.get(VERSION_KEY, version + 1)
    return version


def per_content(name: str, compute, seconds: int = 3600):
    """`compute()` once per content version and day, kept in the cache (figures, counts).

    Exact: every write and every scheduled publication that comes due moves the version
    on, and which records are public can change at midnight, so the day is in the key too.
    The timeout only bounds the cache's size.
    """
    key = f"figures:{content_version()}:{timezone.localdate():%Y%m%d}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _fresh_version() -> int:
    """A first version above any earlier one, even after the cache was emptied (the clock in µs).

    Files and counts kept elsewhere under a version (loudi_portal/public_exports.py) must never
    be taken for the data of a later version that happens to have the same number.
    """
    return time.time_ns() // 1000


def bump_content_version(**kwargs) -> None:
    box = _request_version.get()
    if box is not None:
        box.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), None)


def next_scheduled_publication() -> float:
    """The earliest future publication time of any record (a Unix time), or 0: one query for all types."""
    tables = [connection.ops.quote_name(model._meta.db_table) for model in publishable_models()]
    sql = " UNION ALL ".join(
        f"SELECT MIN(published_at) FROM {table} WHERE status = %s AND published_at > %s" for table in tables
    )
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(sql, [Status.PUBLISHED.value, now] * len(tables))
        values = [row[0] for row in cursor.fetchall() if row[0] is not None]
    # PostgreSQL answers datetimes; SQLite the stored text (UTC).
    times = [v if isinstance(v, datetime) else parse_datetime(v).replace(tzinfo=UTC) for v in values]
    return min((t.timestamp() for t in times), default=NONE_SCHEDULED)


def _remember_next_scheduled() -> float:
    due = next_scheduled_publication()
    cache.set(SCHEDULE_KEY, due, None)
    return due


def note_scheduled(instance) -> None:
    """A record saved as published at a future time: the version must move on when that time comes."""
    at = getattr(instance, "published_at", None)
    if isinstance(at, str):  # assigned as text (a fixture, a script): the database parses it on save
        at = parse_datetime(at)
        if at is not None and timezone.is_naive(at):
            at = timezone.make_aware(at)
    if getattr(instance, "status", None) != Status.PUBLISHED or at is None or at <= timezone.now():
        return
    due = cache.get(SCHEDULE_KEY)
    # Missing: the next read looks every type up (never here: a migration's save may run
    # before the other tables exist).
    if due is not None and (due == NONE_SCHEDULED or at.timestamp() < due):
        cache.set(SCHEDULE_KEY, at.timestamp(), None)


_bulk = threading.local()


@contextmanager
def one_bump():
    """Within the block, saves do not bump the content version one by one; it is bumped once at the end.

    For bulk writers such as the demo loader (thousands of saves, one change to readers).
    """
    outer = getattr(_bulk, "active", False)
    _bulk.active = True
    try:
        yield
    finally:
        _bulk.active = outer
        if not outer:
            cache.delete(SCHEDULE_KEY)  # the block's saves were not looked at one by one
            bump_content_version()


def connect_invalidation(project_apps) -> None:
    """Bump the content version on any save or delete in the portal's own apps."""

    def handler(sender, instance=None, **kwargs):
        if sender._meta.app_label in project_apps and not getattr(_bulk, "active", False):
            note_scheduled(instance)
            bump_content_version()

    post_save.connect(handler, weak=False, dispatch_uid="loudi_portal.cache.save")
    post_delete.connect(handler, weak=False, dispatch_uid="loudi_portal.cache.delete")


def live_value(counter: str, key) -> str:
    """The placeholder a template renders for a live number (see `registry.register_live_counter`).

    Declare it on the response with `declare_live()`: only declared placeholders are
    replaced, so a placeholder typed into a search box and echoed counts nothing.
    """
    return f"{LIVE_MARK}{counter}:{key}{LIVE_END}"


def declare_live(response, placeholder: str):
    counter, _colon, key = placeholder[len(LIVE_MARK) : -len(LIVE_END)].partition(":")
    response.live_values = [*getattr(response, "live_values", ()), (placeholder, counter, key)]
    return response


def _fill_live_values(content: bytes, live) -> bytes:
    for placeholder, counter, key in live:
        value = registry.live_counter(counter)(key)
        content = content.replace(placeholder.encode(), str(value).encode())
    return content


def _personal_request(request) -> bool:
    """A request that may carry or change something personal: never shared, never cached."""
    cookies = request.COOKIES
    return (
        request.method not in ("GET", "HEAD")
        or settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or request.path.startswith(tuple(settings.PUBLIC_CACHE_EXCLUDED_PATHS))
    )


def _shareable_request(request) -> bool:
    # Exports (?format=) stream or are large: never kept in the page cache.
    return not _personal_request(request) and "format" not in request.GET


def page_key(request) -> str:
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = settings.LANGUAGE_CODE
    return "page:%s:%s:%s:%s:%s" % (
        content_version(),
        font_size(request),
        "care" if care_mode(request) else "std",
        language,
        hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest(),
    )


def _is_personal(request, response) -> bool:
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or request.META.get("CSRF_COOKIE_USED")
        or (session is not None and session.modified)
        or (user is not None and user.is_authenticated)
        or _personal_request(request)
    )


def _view_forbids_sharing(response) -> bool:
    control = response.get("Cache-Control", "")
    return any(word in control for word in ("private", "no-store", "no-cache"))


def _public_headers(response, etag: str | None, stored_at: float) -> None:
    if etag:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stored_at)
        if not response.has_header("Cache-Control"):  # a view's own public max-age wins
            response["Cache-Control"] = f"public, max-age={settings.PUBLIC_PROXY_SECONDS}"
    else:
        # Shows a live number (the view count): every request must reach us.
        response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ["Cookie"])


class PublicPageCacheMiddleware:
    """Serve public pages from the cache; mark personal responses uncacheable (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        shareable = _shareable_request(request)
        if not shareable:
            return self._serve(request, shareable)
        remembered = _request_version.set({})
        try:
            return self._serve(request, shareable)
        finally:
            _request_version.reset(remembered)

    def _serve(self, request, shareable):
        seconds = settings.PUBLIC_CACHE_SECONDS
        key = page_key(request) if shareable and seconds > 0 else None
        if key is not None:
            entry = cache.get(key)
            if entry is not None:
                return self._from_entry(request, entry)
        response = self.get_response(request)
        return self._after_view(request, response, key, seconds)

    def _from_entry(self, request, entry):
        status, headers, content, etag, stored_at, live = entry
        response = HttpResponse(_fill_live_values(content, live) if live else content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(response.content))
        _public_headers(response, etag, stored_at)
        if etag:
            return get_conditional_response(request, etag=etag, last_modified=int(stored_at), response=response)
        return response

    def _after_view(self, request, response, key, seconds):
        if response.streaming:
            if _is_personal(request, response):
                response["Cache-Control"] = PERSONAL
            return response
        content = response.content
        live = list(getattr(response, "live_values", ()))
        if _is_personal(request, response):
            response["Cache-Control"] = PERSONAL
        elif response.status_code == 200 and not _view_forbids_sharing(response) and request.method in ("GET", "HEAD"):
            stored_at = time.time()
            etag = None if live else '"%s"' % hashlib.md5(content, usedforsecurity=False).hexdigest()
            if key is not None and request.method == "GET":
                headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
                cache.set(key, (response.status_code, headers, content, etag, stored_at, live), seconds)
            _public_headers(response, etag, stored_at)
            if etag:
                conditional = get_conditional_response(
                    request, etag=etag, last_modified=int(stored_at), response=response
                )
                if conditional is not response:
                    return conditional
        if live:
            response.content = _fill_live_values(content, live)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
