"""Large Excel downloads of public registers, written by the task worker, not in the request.

CSV and JSON stream row by row, so any size starts at once. An XLSX file is a zip that
can only be sent once it is complete: 100,000 notices take about 30 s to write, a
million penalties longer than the app server's worker timeout (60 s). So when a
register's filtered rows exceed `PUBLIC_XLSX_INLINE_ROWS`, the same URL
(`…?format=xlsx`, a public contract) answers **202** with a page that says the file is
being written (and offers CSV and JSON at once), and puts one job on the task queue
(django-tasks, the same worker as the auditors' exports). The worker calls the same
view for the same URL, which then writes the file inline, and keeps it under a name
derived from the URL, the content version and the day. From then on the URL answers
the file itself, until any record changes; the page polls with `HEAD` and starts the
download when the file is there. Public data only: nothing personal is in these
exports, so the file is shared by every reader who asks for the same URL.
"""

from __future__ import annotations

import hashlib
import tempfile
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, QueryDict
from django.shortcuts import render
from django.urls import resolve
from django.utils import timezone
from django.utils.http import content_disposition_header
from django_tasks import task

from .caching import content_version
from .exports import XLSX_TYPE

FOLDER = "public-exports"
PENDING_KEY = "public-export-pending:{key}"
# A queued job that has not written its file after this long is queued again.
PENDING_SECONDS = 30 * 60
RETRY_SECONDS = 5
# Files of earlier content versions are removed by the next job after this long.
KEEP_SECONDS = 24 * 3600
WORKER_FLAG = "_public_export_worker"


def needs_worker(request, queryset) -> bool:
    """True when the XLSX of `queryset` is too large to write within the request."""
    if getattr(request, WORKER_FLAG, False):
        return False
    limit = settings.PUBLIC_XLSX_INLINE_ROWS
    return queryset.order_by()[: limit + 1].count() > limit  # counts no further than the limit


def _key(full_path: str) -> str:
    text = f"{content_version()}|{timezone.localdate():%Y%m%d}|{full_path}"
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def _path(key: str) -> str:
    return f"{FOLDER}/{key}.xlsx"


def _file_response(path: str, filename: str) -> FileResponse:
    response = FileResponse(default_storage.open(path, "rb"), content_type=XLSX_TYPE, as_attachment=True)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


def deferred_response(request, *, filename: str, alternatives: list[tuple[str, str]], back_url: str):
    """The finished file, or 202 with the page that waits for it (and the job queued once).

    `alternatives` are the (label, URL) of the same rows as CSV and JSON; `back_url` the list.
    """
    full_path = request.get_full_path()
    key = _key(full_path)
    path = _path(key)
    if not default_storage.exists(path) and cache.add(PENDING_KEY.format(key=key), time.time(), PENDING_SECONDS):
        build.enqueue(full_path, key)  # with the immediate backend (tests) the file exists after this
    if default_storage.exists(path):
        return _file_response(path, filename)
    ctx = {
        "limit": settings.PUBLIC_XLSX_INLINE_ROWS,
        "filename": filename,
        "url": full_path,
        "alternatives": alternatives,
        "retry_seconds": RETRY_SECONDS,
        "back_url": back_url,
    }
    response = render(request, "public_export_pending.html", ctx, status=202)
    response["Retry-After"] = str(RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def register_alternatives(request) -> tuple[list[tuple[str, str]], str]:
    """A register's `?format=xlsx` URL as CSV and JSON, and the list it came from."""
    query = request.GET.copy()
    alternatives = []
    for fmt in ("csv", "json"):
        query["format"] = fmt
        alternatives.append((fmt.upper(), f"{request.path}?{query.urlencode()}"))
    del query["format"]
    return alternatives, f"{request.path}?{query.urlencode()}" if query else request.path


@task()
def build(full_path: str, key: str) -> None:
    """Write the XLSX of the public URL `full_path` by calling its view as the worker."""
    path = _path(key)
    if default_storage.exists(path):
        return
    request = HttpRequest()
    request.method = "GET"
    request.path, _question, query = full_path.partition("?")
    request.path_info = request.path
    request.GET = QueryDict(query)
    request.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80", "REQUEST_METHOD": "GET", "QUERY_STRING": query}
    setattr(request, WORKER_FLAG, True)
    match = resolve(request.path)
    response = match.func(request, *match.args, **match.kwargs)
    if response.status_code != 200 or response.get("Content-Type") != XLSX_TYPE:
        cache.delete(PENDING_KEY.format(key=key))
        return
    with tempfile.TemporaryFile() as spool:
        for chunk in response.streaming_content:
            spool.write(chunk)
        # Not response.close(): that sends request_finished, which closes the worker's (or a
        # test's) database connection; the view's temporary file goes with the response.
        spool.seek(0)
        if not default_storage.exists(path):
            default_storage.save(path, File(spool))
    _remove_old_files(keep=path)


def _remove_old_files(*, keep: str) -> None:
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    cutoff = time.time() - KEEP_SECONDS
    for name in files:
        path = f"{FOLDER}/{name}"
        if path != keep and default_storage.get_modified_time(path).timestamp() < cutoff:
            default_storage.delete(path)
