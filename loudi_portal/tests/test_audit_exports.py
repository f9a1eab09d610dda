"""Auditor exports: every row and the full change history, with a manifest, and every export logged."""

import csv
import hashlib
import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from loudi_portal import registry
from loudi_portal.exports import Column
from loudi_portal.models import Department, ExportLog, Leader

pytestmark = pytest.mark.django_db

EXPORT_URL = "/admin/loudi_portal/exportlog/export/"


@pytest.fixture
def withdrawn_dataset():
    """Like a real register: the public sees only published rows, auditors everything."""
    dataset = registry.Dataset(
        key="test-registers",
        title="测试登记表",
        description="",
        url_name="about",
        columns=[Column("id", "编号", kind="int"), Column("name", "名称"), Column("position", "排序", kind="int")],
        public=lambda: Department.objects.filter(position__gt=0).order_by("id"),
        everything=lambda: Department.objects.order_by("id"),
    )
    registry.register_dataset(dataset)
    Department.objects.create(name="已公开科室", position=1)
    Department.objects.create(name="已撤回科室", position=0)
    yield dataset
    registry._datasets.pop(dataset.key)


def unzip(response) -> tuple[dict, str, bytes]:
    """The zip an auditor downloads: the export form queues a job (run at once in the tests)
    and shows its page, which links to the finished file."""
    if response.status_code == 302:
        page = response.client.get(response["Location"])
        assert "已完成" in page.content.decode(), page.content.decode()
        response = response.client.get(response["Location"] + "download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    return manifest, manifest["file"], archive.read(manifest["file"])


def history_csv(client, **data) -> tuple[dict, list[dict]]:
    manifest, _name, raw = unzip(client.post(EXPORT_URL, {"what": "history", "file_format": "csv", **data}))
    return manifest, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.parametrize("name", ["editor", "reviewer", "outsider"])
def test_staff_without_the_export_right_are_refused(client, persona, name):
    persona(name)
    assert client.get(EXPORT_URL).status_code == 403
    assert client.post(EXPORT_URL, {"what": "history", "file_format": "csv"}).status_code == 403
    assert not ExportLog.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(EXPORT_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("name", ["auditor", "admin_user"])
def test_auditors_and_admins_see_the_export_form(client, persona, name, withdrawn_dataset):
    persona(name)
    html = client.get(EXPORT_URL).content.decode()
    assert "全部变更历史" in html and "测试登记表" in html and 'name="date_from"' in html


def test_dataset_export_includes_unpublished_rows_with_a_manifest_that_matches(client, auditor, withdrawn_dataset):
    client.force_login(auditor)
    manifest, name, raw = unzip(client.post(EXPORT_URL, {"what": "dataset:test-registers", "file_format": "csv"}))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r[1] for r in rows] == ["名称", "已公开科室", "已撤回科室"]
    assert manifest["row_count"] == 2
    assert manifest["sha256"] == hashlib.sha256(raw).hexdigest()
    assert manifest["size_bytes"] == len(raw)
    assert manifest["requested_by"]["username"] == "auditor"
    assert manifest["dataset"] == "test-registers"
    assert name.startswith("测试登记表_全部记录_") and name.endswith(f"{timezone.localdate().isoformat()}.csv")
    log = ExportLog.objects.get()
    assert (log.user, log.row_count, log.sha256, log.kind) == (auditor, 2, manifest["sha256"], "dataset")
    assert manifest["history_chain_head"]["hash"] == log.chain_head.split(":")[1]


def test_dataset_export_as_xlsx_and_json(client, auditor, withdrawn_dataset):
    client.force_login(auditor)
    _m, _n, raw = unzip(client.post(EXPORT_URL, {"what": "dataset:test-registers", "file_format": "xlsx"}))
    sheet = load_workbook(io.BytesIO(raw)).active
    assert sheet["C3"].value == 0 and sheet["B3"].value == "已撤回科室"
    manifest, _n, raw = unzip(client.post(EXPORT_URL, {"what": "dataset:test-registers", "file_format": "json"}))
    data = json.loads(raw)
    assert data["count"] == len(data["results"]) == manifest["row_count"] == 2
    assert ExportLog.objects.count() == 2


def test_history_export_says_who_changed_which_field_from_what_to_what(client, auditor, admin_user):
    dept = Department.objects.create(name="办公室", phone="0738-1")
    client.force_login(admin_user)
    client.post(
        reverse("admin:loudi_portal_department_change", args=[dept.pk]),
        {"name": "办公室", "duties": "", "phone": "0738-2", "position": 0},
    )
    client.force_login(auditor)
    manifest, rows = history_csv(client, model="loudi_portal.historicaldepartment")
    change = next(r for r in rows if r["操作"] == "修改")
    assert change["操作人"] == "bureau_admin"
    assert (change["字段"], change["字段名称"], change["原值"], change["新值"]) == (
        "phone",
        "联系电话",
        "0738-1",
        "0738-2",
    )
    assert change["数据类型"] == "内设机构" and change["记录编号"] == str(dept.pk)
    created = [r for r in rows if r["操作"] == "新建"]
    assert {r["字段"] for r in created} == {"name", "phone", "position"}
    assert manifest["row_count"] == len(rows)


def test_history_export_filters_by_user_model_and_date_range(client, auditor, admin_user):
    Department.objects.create(name="办公室")
    Leader.objects.create(name="王强", title="局长")
    client.force_login(admin_user)
    leader = Leader.objects.get()
    client.post(
        reverse("admin:loudi_portal_leader_change", args=[leader.pk]),
        {"name": "王强", "title": "党委书记、局长", "responsibilities": "", "position": 0},
    )
    client.force_login(auditor)
    _m, rows = history_csv(client, user=admin_user.pk)
    assert {r["操作人"] for r in rows} == {"bureau_admin"} and rows[0]["原值"] == "局长"
    manifest, rows = history_csv(client, model="loudi_portal.historicaldepartment")
    assert {r["数据类型"] for r in rows} == {"内设机构"}
    assert manifest["filters"] == {"model": "loudi_portal.historicaldepartment"}
    today = timezone.localdate()
    leader_history = {"model": "loudi_portal.historicalleader"}
    _m, rows = history_csv(client, date_from=today.isoformat(), date_to=today.isoformat(), **leader_history)
    # 王强 created (name, title, position), then his title changed.
    assert [r["字段"] for r in rows] == ["name", "title", "position", "title"]
    tomorrow = (today + timedelta(days=1)).isoformat()
    manifest, rows = history_csv(client, date_from=tomorrow, **leader_history)
    assert rows == [] and manifest["row_count"] == 0
    assert "history" in ExportLog.objects.values_list("kind", flat=True)


def test_bad_export_requests_show_the_form_again_not_an_error(client, auditor):
    client.force_login(auditor)
    response = client.post(EXPORT_URL, {"what": "history", "file_format": "pdf", "date_from": "2026-02-30"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"file_format", "date_from"}
    response = client.post(
        EXPORT_URL, {"what": "history", "file_format": "csv", "date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert "起始日期不能晚于截止日期" in response.content.decode()
    response = client.post(EXPORT_URL, {"what": "dataset:nope", "file_format": "csv"})
    assert "what" in response.context["form"].errors
    assert not ExportLog.objects.exists()


def test_the_export_log_is_readable_by_auditors_and_changeable_by_nobody(client, auditor, admin_user, editor):
    Department.objects.create(name="办公室")
    client.force_login(auditor)
    client.post(EXPORT_URL, {"what": "history", "file_format": "csv", "model": "loudi_portal.historicaldepartment"})
    log = ExportLog.objects.get()
    rows_exported = log.row_count
    changelist = client.get(reverse("admin:loudi_portal_exportlog_changelist"))
    assert changelist.status_code == 200 and log.sha256 in changelist.content.decode()
    assert "新建审计导出" in changelist.content.decode()
    for user in (auditor, admin_user):
        client.force_login(user)
        change_url = reverse("admin:loudi_portal_exportlog_change", args=[log.pk])
        assert client.get(change_url).status_code == 200
        client.post(change_url, {"row_count": 0})
        assert client.get(reverse("admin:loudi_portal_exportlog_delete", args=[log.pk])).status_code == 403
        assert client.get(reverse("admin:loudi_portal_exportlog_add")).status_code == 403
    log.refresh_from_db()
    assert log.row_count == rows_exported == 2
    client.force_login(editor)
    assert client.get(reverse("admin:loudi_portal_exportlog_changelist")).status_code == 403
