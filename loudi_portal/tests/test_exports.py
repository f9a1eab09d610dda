"""The shared export and pagination mechanism, exercised on a foundation model."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from loudi_portal.exports import Column, ExportFormatError, export_response, requested_format
from loudi_portal.listing import DeferredJoinPaginator
from loudi_portal.models import Department

pytestmark = pytest.mark.django_db

COLUMNS = [
    Column("id", "编号", kind="int"),
    Column("name", "名称"),
    Column("phone", "联系电话"),
    Column("founded_on", "成立日期", lambda d: date(2019, 1, d.position or 1), kind="date"),
    Column("budget", "预算（元）", lambda d: Decimal("1234.50") * d.position, kind="money"),
]


@pytest.fixture
def departments():
    Department.objects.create(name="办公室", phone="=HYPERLINK(1)", position=1)
    Department.objects.create(name="执法监督科", phone="0738-2", position=2)
    return Department.objects.order_by("position")


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_has_bom_chinese_headers_iso_dates_plain_money_and_no_formulas(departments):
    response = export_response("csv", departments, COLUMNS, title="内设机构", filters={"year": 2019})
    raw = body(response)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["编号", "名称", "联系电话", "成立日期", "预算（元）"]
    assert rows[1][1:] == ["办公室", "'=HYPERLINK(1)", "2019-01-01", "1234.50"]
    assert rows[2][1] == "执法监督科"
    assert "attachment" in response["Content-Disposition"]
    assert "%E5%86%85%E8%AE%BE%E6%9C%BA%E6%9E%84_year-2019_" in response["Content-Disposition"]


def test_json_count_equals_results_and_keys_are_english(departments):
    data = json.loads(body(export_response("json", departments, COLUMNS, title="内设机构", filters={"q": "科"})))
    assert data["count"] == len(data["results"]) == 2
    assert data["filters"] == {"q": "科"}
    assert data["results"][1] == {
        "id": departments[1].pk,
        "name": "执法监督科",
        "phone": "0738-2",
        "founded_on": "2019-01-02",
        "budget": "2469.00",
    }


def test_xlsx_has_typed_cells_and_a_frozen_header(departments):
    response = export_response("xlsx", departments, COLUMNS, title="内设机构")
    book = load_workbook(io.BytesIO(body(response)))
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["编号", "名称", "联系电话", "成立日期", "预算（元）"]
    assert sheet["D2"].value.date() == date(2019, 1, 1)
    assert sheet["E3"].value == pytest.approx(2469.0)
    assert sheet["C2"].value == "'=HYPERLINK(1)"


def test_unknown_format_is_refused():
    request = RequestFactory().get("/x/", {"format": "pdf"})
    with pytest.raises(ExportFormatError):
        requested_format(request)
    assert requested_format(RequestFactory().get("/x/")) is None


def test_deferred_join_pages_keep_order_and_tolerate_bad_page_numbers():
    for i in range(45):
        Department.objects.create(name=f"科室{i:02d}", position=i)
    paginator = DeferredJoinPaginator(Department.objects.order_by("-position"), 20)
    assert [d.position for d in paginator.get_page(1)] == list(range(44, 24, -1))
    assert [d.position for d in paginator.get_page(3)] == [4, 3, 2, 1, 0]
    assert paginator.get_page("abc").number == 1
    assert paginator.get_page("999999").number == 3
