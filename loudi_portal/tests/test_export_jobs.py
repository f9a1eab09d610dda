"""An auditor's export as a background job on the database queue: queued, running with
progress, done with a download that holds the same rows as the streamed CSV; or failed, said so."""

import csv
import io
import json
import time
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from loudi_portal import export_jobs, exports, registry
from loudi_portal.exports import Column
from loudi_portal.models import Department, ExportJob, ExportLog

pytestmark = pytest.mark.django_db

EXPORT_URL = "/admin/loudi_portal/exportlog/export/"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """What `manage.py db_worker` does in production, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


@pytest.fixture
def queue(settings, monkeypatch):
    settings.TASKS = DATABASE_QUEUE
    # The worker drops connections that are not in autocommit mode between tasks; the test's
    # own transaction (rolled back after it) is such a connection, so keep it.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


@pytest.fixture
def dataset_watched(client):
    """A public dataset of five departments whose export looks at its own job page while it
    writes the fifth row (after the progress reports at rows 2 and 4)."""
    seen = {}

    def name_and_look(department):
        if department.position == 5:
            job = ExportJob.objects.get()
            seen["page"] = client.get(f"{EXPORT_URL}jobs/{job.pk}/?fragment=1").content.decode()
            seen["status"] = job.status
        return department.name

    columns = [Column("id", "编号", kind="int"), Column("name", "名称", source=name_and_look)]
    dataset = registry.Dataset(
        key="test-departments",
        title="测试科室",
        description="",
        url_name="about",
        columns=columns,
        public=lambda: Department.objects.order_by("id"),
        everything=lambda: Department.objects.order_by("id"),
    )
    registry.register_dataset(dataset)
    for position in range(1, 6):
        Department.objects.create(name=f"第{position}科", position=position)
    yield seen
    registry._datasets.pop(dataset.key)


def test_the_job_is_queued_runs_with_progress_and_gives_the_streamed_rows(
    client, persona, queue, dataset_watched, monkeypatch
):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 2)
    persona("auditor")
    response = client.post(EXPORT_URL, {"what": "dataset:test-departments", "file_format": "csv"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == f"{EXPORT_URL}jobs/{job.pk}/"

    # Queued: the request answered at once; the page says so and asks again by itself.
    page = client.get(response["Location"]).content.decode()
    assert "排队中" in page and "data-poll-url" in page and "download/" not in page
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY
    assert not ExportLog.objects.exists()

    run_worker()

    # Running: the page showed how far the worker was while it wrote the fifth row.
    assert dataset_watched["status"] == ExportJob.Status.RUNNING
    assert "正在导出" in dataset_watched["page"] and "已写出 4 行，共 5 行（80%）" in dataset_watched["page"]

    # Done: a download link; the zip's CSV has exactly the rows the streamed CSV has.
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.rows_done == 5 and job.log.row_count == 5
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    page = client.get(response["Location"]).content.decode()
    assert "已完成" in page and "data-poll-url" not in page and job.log.sha256 in page
    download = client.get(f"{response['Location']}download/")
    assert download.status_code == 200 and download["X-Export-SHA256"] == job.log.sha256
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    from_job = list(csv.reader(io.StringIO(archive.read(manifest["file"]).decode("utf-8-sig"))))
    streamed = client.get("/data/test-departments.csv")
    from_stream = list(csv.reader(io.StringIO(b"".join(streamed.streaming_content).decode("utf-8-sig"))))
    assert from_job == from_stream and len(from_job) == 6
    assert manifest["row_count"] == 5 and manifest["export_id"] == job.log.pk

    # The export form lists the job.
    assert f"{EXPORT_URL}jobs/{job.pk}/" in client.get(EXPORT_URL).content.decode()


def test_a_failed_job_says_so_and_offers_no_file(client, persona, queue, monkeypatch):
    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("loudi_portal.audit.auditor_export", broken)
    persona("auditor")
    response = client.post(EXPORT_URL, {"what": "history", "file_format": "xlsx"})
    run_worker()
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.FAILED and not ExportLog.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "失败" in page and f"任务编号 {job.pk}" in page and "data-poll-url" not in page
    assert client.get(f"{response['Location']}download/").status_code == 404


def test_a_job_is_seen_and_downloaded_by_the_auditor_who_asked_only(client, persona, auditor, admin_user):
    client.force_login(auditor)
    response = client.post(EXPORT_URL, {"what": "history", "file_format": "json"})
    job_url = response["Location"]
    assert client.get(f"{job_url}download/").status_code == 200
    client.force_login(admin_user)  # may export too, but this is not their job
    assert client.get(job_url).status_code == 404
    assert client.get(f"{job_url}download/").status_code == 404
    persona("editor")
    assert client.get(job_url).status_code == 403


def test_a_job_run_twice_exports_once(client, persona, queue):
    persona("auditor")
    client.post(EXPORT_URL, {"what": "history", "file_format": "csv"})
    job = ExportJob.objects.get()
    from loudi_portal.export_jobs import run_export_job

    run_worker()
    assert run_export_job.call(job.pk) is None  # a retried task finds the job already done
    assert ExportLog.objects.count() == 1


def test_a_job_whose_worker_went_quiet_says_to_submit_it_again(client, persona, queue, monkeypatch):
    persona("auditor")
    response = client.post(EXPORT_URL, {"what": "history", "file_format": "csv"})
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, started_at=timezone.now())
    assert "很久没有进展" not in client.get(response["Location"]).content.decode()
    later = time.time() + export_jobs.STALLED_SECONDS + 1
    monkeypatch.setattr(export_jobs, "_now", lambda: later)
    assert "很久没有进展" in client.get(response["Location"]).content.decode()


def test_old_export_files_are_pruned_and_their_record_stays(client, persona):
    persona("auditor")
    response = client.post(EXPORT_URL, {"what": "history", "file_format": "csv"})
    job = ExportJob.objects.get()
    stored = job.storage_name
    assert default_storage.exists(stored)
    call_command("prune_export_files", "--days", "30", stdout=io.StringIO())
    assert default_storage.exists(stored)  # finished today: kept
    ExportJob.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=31))
    out = io.StringIO()
    call_command("prune_export_files", "--days", "30", stdout=out)
    assert "已删除 1 个" in out.getvalue() and not default_storage.exists(stored)
    page = client.get(response["Location"]).content.decode()
    assert "已按保留期限删除" in page and job.log.sha256 in page
    assert client.get(f"{response['Location']}download/").status_code == 404
    assert ExportLog.objects.filter(pk=job.log_id).exists()
