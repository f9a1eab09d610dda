"""Auditor exports as background jobs: the request answers at once, a worker writes the file.

A whole dataset or the change history can run to a million rows and minutes of work:
longer than the app server's worker timeout (60 s). `start()` records an ExportJob and
enqueues `run_export_job` on the task queue (django-tasks, the database backend of
django-tasks-db: no broker beyond the portal's own database; `manage.py db_worker` runs
the jobs). The worker calls `audit.auditor_export()` (the same file, manifest and
ExportLog as before), stores the zip under a random name in private storage and counts
rows on the job as it writes, so the job's page can show how far it is. The zip is sent
only to the auditor who asked for it, by `download()`'s view.
"""

from __future__ import annotations

import logging
import secrets
import time
from datetime import date

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks import task

from . import audit
from .models import ExportJob

logger = logging.getLogger(__name__)

STORAGE_FOLDER = "exports"
PROGRESS_KEY = "export-job-progress:{pk}"
PROGRESS_TTL = 24 * 3600
# A running job reports every PROGRESS_EVERY rows (seconds apart at most); this long without
# a report means its worker is gone.
STALLED_SECONDS = 15 * 60


def _now() -> float:
    return time.time()


FAILED_TEXT = "导出未能完成，请重新提交；如再次失败，请联系系统管理员（任务编号 {pk}）。"


def _plain_filters(data: dict) -> dict:
    """The history filters of the export form as JSON values (kept on the job)."""
    plain = {}
    for key in ("date_from", "date_to"):
        if data.get(key):
            plain[key] = data[key].isoformat()
    if data.get("user") is not None:
        plain["user"] = data["user"].pk
    if data.get("model"):
        plain["model_label"] = data["model"]
    return plain


def _history_filters(plain: dict) -> dict:
    """The job's stored filters as `audit.change_rows()` takes them."""
    user = get_user_model().objects.filter(pk=plain["user"]).first() if "user" in plain else None
    return {
        "date_from": date.fromisoformat(plain["date_from"]) if plain.get("date_from") else None,
        "date_to": date.fromisoformat(plain["date_to"]) if plain.get("date_to") else None,
        "user": user,
        "model_label": plain.get("model_label") or None,
    }


def start(*, by, what: str, fmt: str, form_data: dict | None = None) -> ExportJob:
    """Record the job and put it on the queue. The queue is a table in the same database, so
    the job and its queue entry are written in one transaction: both or neither."""
    job = ExportJob.objects.create(
        user=by,
        what=what,
        file_format=fmt,
        history_filters=_plain_filters(form_data or {}) if what == audit.KIND_HISTORY else {},
    )
    run_export_job.enqueue(job.pk)
    return job


def _expected_rows(job: ExportJob) -> int | None:
    if job.what == audit.KIND_HISTORY:
        return audit.history_entry_count(**_history_filters(job.history_filters))
    dataset = audit.dataset_by_key(job.what.removeprefix("dataset:"))
    return dataset.everything().count() if dataset is not None else None


@task()
def run_export_job(job_id: int) -> int | None:
    """Run one export job (the worker's entry point); returns its ExportLog's id."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:  # already run (a retried task) or gone
        return None
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    try:
        ExportJob.objects.filter(pk=job_id).update(rows_expected=_expected_rows(job))

        def progress(rows: int) -> None:
            # In the cache, not the job's row: on SQLite a write while the export's read is
            # open fails ("database is locked": WAL cannot upgrade a read snapshot that an
            # app server's write has overtaken); the cache is shared by every process too.
            cache.set(PROGRESS_KEY.format(pk=job_id), (rows, _now()), PROGRESS_TTL)

        if job.what == audit.KIND_HISTORY:
            result = audit.auditor_export(
                by=job.user,
                fmt=job.file_format,
                history_filters=_history_filters(job.history_filters),
                progress=progress,
            )
        else:
            result = audit.auditor_export(
                by=job.user, fmt=job.file_format, dataset_key=job.what.removeprefix("dataset:"), progress=progress
            )
        with result.zip_file:
            name = default_storage.save(f"{STORAGE_FOLDER}/{secrets.token_hex(16)}.zip", File(result.zip_file))
    except Exception as error:
        logger.exception("export job %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED,
            finished_at=timezone.now(),
            error=FAILED_TEXT.format(pk=job_id) + f"（{type(error).__name__}）",
        )
        return None
    ExportJob.objects.filter(pk=job_id).update(
        status=ExportJob.Status.DONE,
        finished_at=timezone.now(),
        rows_done=result.log.row_count,
        storage_name=name,
        zip_name=result.zip_name,
        log=result.log,
    )
    return result.log.pk


def describe(job: ExportJob) -> str:
    """What the job exports, in words: the dataset's title, or 变更历史 with its filters."""
    if job.what != audit.KIND_HISTORY:
        dataset = audit.dataset_by_key(job.what.removeprefix("dataset:"))
        return f"{dataset.title}（全部记录）" if dataset is not None else job.what
    plain = job.history_filters
    parts = [audit.HISTORY_TITLE]
    if plain.get("model_label"):
        parts.append(dict(audit.tracked_model_choices()).get(plain["model_label"], plain["model_label"]))
    if plain.get("user"):
        user = get_user_model().objects.filter(pk=plain["user"]).first()
        parts.append(f"操作人 {user.get_username()}" if user else "")
    if plain.get("date_from") or plain.get("date_to"):
        parts.append(f"{plain.get('date_from', '')}至{plain.get('date_to', '')}")
    return "，".join(p for p in parts if p)


def with_progress(job: ExportJob) -> ExportJob:
    """The job with the rows its worker has reported so far (`rows_done`) and, while it runs,
    whether it has gone quiet for longer than a working job would (`stalled`: its worker
    was probably stopped; the page says to submit it again)."""
    job.stalled = False
    if job.status == ExportJob.Status.RUNNING:
        rows, at = cache.get(PROGRESS_KEY.format(pk=job.pk)) or (0, job.started_at.timestamp())
        job.rows_done = max(job.rows_done, rows)
        job.stalled = _now() - at > STALLED_SECONDS
    return job


def jobs_of(user, limit: int = 10):
    """The user's latest jobs, newest first (the export page lists them)."""
    return ExportJob.objects.filter(user=user).select_related("log")[:limit]


def prune_files(*, before, dry_run: bool = False) -> int:
    """Delete the stored zips of jobs finished before `before`; the jobs and their logs stay."""
    jobs = ExportJob.objects.filter(status=ExportJob.Status.DONE, finished_at__lt=before).exclude(storage_name="")
    count = 0
    for job in jobs.iterator():
        count += 1
        if not dry_run:
            default_storage.delete(job.storage_name)
            ExportJob.objects.filter(pk=job.pk).update(storage_name="")
    return count


def open_file(job: ExportJob):
    """The stored zip of a finished job, opened for reading (FileNotFoundError when pruned)."""
    return default_storage.open(job.storage_name, "rb")
