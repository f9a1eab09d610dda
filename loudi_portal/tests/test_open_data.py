"""/data/: every registered dataset, its fields with meaning, row counts, downloads, licence."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from loudi_portal import registry
from loudi_portal.exports import Column
from loudi_portal.models import Department, Leader

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments():
    Department.objects.create(name="办公室", duties="文电会务", phone="0738-8311111", position=2)
    Department.objects.create(name="危险化学品安全监督管理科", phone="0738-8312222", position=1)


@pytest.fixture
def extra_dataset():
    """A register another app would register: only its published rows are public."""
    dataset = registry.Dataset(
        key="test-published-departments",
        title="测试登记表",
        description="只公开排序号大于 1 的记录。",
        url_name="no-such-page",
        columns=[Column("name", "名称", help="测试字段的含义。")],
        public=lambda: Department.objects.filter(position__gt=1).order_by("id"),
        everything=lambda: Department.objects.order_by("id"),
    )
    registry.register_dataset(dataset)
    yield dataset
    registry._datasets.pop(dataset.key)


def test_data_page_lists_every_dataset_with_fields_counts_links_and_licence(client, departments, extra_dataset):
    Leader.objects.create(name="王强", title="局长")
    response = client.get(reverse("data"))
    assert response.status_code == 200
    html = response.content.decode()
    for title in ["内设机构", "领导信息", "机关信息", "测试登记表"]:
        assert f">{title}</h2>" in html
    assert "CC BY 4.0" in html and "更新频率" in html
    assert "测试字段的含义。" in html and "<code>duties</code>" in html
    counts = {e["dataset"].key: e["count"] for e in response.context["entries"]}
    assert {k: counts[k] for k in ["test-published-departments", "departments", "leaders", "bureau"]} == {
        "test-published-departments": 1,
        "departments": 2,
        "leaders": 1,
        "bureau": 0,
    }
    extra = next(e for e in response.context["entries"] if e["dataset"].key == "test-published-departments")
    for fmt in ["csv", "xlsx", "json"]:
        assert reverse("data-download", args=["departments", fmt]) in html
    # A dataset whose page does not exist (yet) still lists; only the browse link is missing.
    assert extra["page_url"] is None


def test_data_page_query_count_does_not_grow_with_data(client, departments, django_assert_max_num_queries):
    Department.objects.bulk_create(Department(name=f"科室{i}") for i in range(50))
    with django_assert_max_num_queries(2 + len(registry.datasets())):
        assert client.get(reverse("data")).status_code == 200
    with django_assert_max_num_queries(2):  # row counts cached
        assert client.get(reverse("data")).status_code == 200


def test_data_page_is_linked_from_the_main_navigation(client):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("data")}"' in html


def test_download_csv_round_trips_chinese_and_counts_only_public_rows(client, departments, extra_dataset):
    response = client.get(reverse("data-download", args=["test-published-departments", "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows == [["名称"], ["办公室"]]
    assert "filename*=utf-8''%E6%B5%8B%E8%AF%95%E7%99%BB%E8%AE%B0%E8%A1%A8_" in response["Content-Disposition"]


def test_download_json_and_xlsx_hold_every_row(client, departments):
    data = json.loads(b"".join(client.get(reverse("data-download", args=["departments", "json"])).streaming_content))
    assert data["count"] == len(data["results"]) == 2
    assert [r["name"] for r in data["results"]] == ["危险化学品安全监督管理科", "办公室"]
    response = client.get(reverse("data-download", args=["departments", "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 3 and sheet["E3"].value == 2 and sheet["B3"].value == "办公室"


def test_unknown_dataset_is_404_and_unknown_format_is_a_clear_400(client):
    assert client.get("/data/no-such-thing.csv").status_code == 404
    response = client.get("/data/departments.pdf")
    assert response.status_code == 400
    assert "不支持的导出格式" in response.content.decode()


def test_data_pages_refuse_post(client):
    assert client.post(reverse("data")).status_code == 405
    assert client.post(reverse("data-download", args=["departments", "csv"])).status_code == 405
