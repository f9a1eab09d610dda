"""A large public XLSX is written by the task worker: the URL answers 202 and a waiting page, then the file."""

import csv
import io

import pytest
from django_tasks import default_task_backend
from openpyxl import load_workbook

from loudi_portal import public_exports
from loudi_portal.models import Department

from . import factories as f

pytestmark = pytest.mark.django_db


class Queue:
    """Jobs put on the queue but not run, as in production until the worker takes them."""

    def __len__(self):
        return len(default_task_backend.results)

    def __eq__(self, other):
        return [r.args for r in default_task_backend.results] == other

    def __getitem__(self, index):
        return default_task_backend.results[index].args


@pytest.fixture
def queued(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return Queue()


def _sheet(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_a_large_register_xlsx_answers_at_once_and_the_same_url_gives_the_file_when_written(client, settings, queued):
    settings.PUBLIC_XLSX_INLINE_ROWS = 2
    for _ in range(3):
        f.penalty(**f.published())
    url = "/enforcement/penalties/?kind=fine&format=xlsx"
    waiting = client.get(url)
    assert waiting.status_code == 202 and waiting["Retry-After"] == "5"
    assert waiting["Cache-Control"] == "no-store"
    html = waiting.content.decode()
    assert "正在生成 Excel 文件" in html and "所选记录超过 2 条" in html
    assert 'href="/enforcement/penalties/?kind=fine&amp;format=csv"' in html  # the same rows, at once
    assert 'href="/enforcement/penalties/?kind=fine"' in html  # back to the list
    assert client.get(url).status_code == 202
    assert len(queued) == 1  # asking again queues nothing more
    public_exports.build.call(*queued[0])  # the worker
    done = client.get(url)
    assert done.status_code == 200 and "attachment" in done["Content-Disposition"]
    sheet = _sheet(done)
    csv_rows = list(
        csv.reader(io.StringIO(b"".join(client.get(url.replace("xlsx", "csv")).streaming_content).decode("utf-8-sig")))
    )
    assert sheet.max_row == len(csv_rows) == 4
    assert [c.value for c in sheet[1]] == csv_rows[0]


def test_after_a_change_the_file_is_written_again(client, settings, queued):
    settings.PUBLIC_XLSX_INLINE_ROWS = 1
    Department.objects.create(name="办公室", phone="0738-8311111", position=2)
    Department.objects.create(name="危险化学品安全监督管理科", phone="0738-8312222", position=1)
    assert client.get("/data/departments.xlsx").status_code == 202
    public_exports.build.call(*queued[-1])
    assert _sheet(client.get("/data/departments.xlsx")).max_row == 3
    Department.objects.create(name="应急指挥中心", phone="0738-8313333", position=3)
    waiting = client.get("/data/departments.xlsx")
    assert waiting.status_code == 202 and 'href="/data/departments.csv"' in waiting.content.decode()
    public_exports.build.call(*queued[-1])
    assert _sheet(client.get("/data/departments.xlsx")).max_row == 4


def test_a_small_xlsx_is_still_written_in_the_request(client, settings, queued):
    settings.PUBLIC_XLSX_INLINE_ROWS = 10
    f.penalty(**f.published())
    response = client.get("/enforcement/penalties/?format=xlsx")
    assert response.status_code == 200 and _sheet(response).max_row == 2
    assert queued == []
