"""The shared export and pagination mechanism, exercised on a foundation model."""

import csv
import io
import json
import zipfile
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
    # A string cell holding exactly the text: never evaluated, so no apostrophe is needed.
    assert sheet["C2"].value == "=HYPERLINK(1)" and sheet["C2"].data_type == "s"


CODES = {
    "914313001234567890": True,  # an all-digit credit code: 9.14E+17 in a spreadsheet otherwise
    "431300000001": True,  # 12 digits: shown in E notation from here on
    "0738": True,  # a leading zero would be dropped
    "12345678901": False,  # 11 digits: a spreadsheet shows it unchanged
    "0": False,
    "91431300MA4L00001X": False,  # letters: already text
    "0738-2": False,
    "2019": False,
}


@pytest.mark.parametrize(("code", "kept_as_text"), CODES.items())
def test_csv_leads_number_looking_codes_with_a_tab_so_spreadsheets_keep_them_as_text(code, kept_as_text):
    Department.objects.create(name=code, phone=code, position=1)
    raw = body(export_response("csv", Department.objects.all(), COLUMNS, title="内设机构"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][1] == ("\t" + code if kept_as_text else code)
    assert rows[1][1].strip() == code  # what a reader gets after trimming whitespace


def test_xlsx_keeps_codes_and_formula_like_text_exactly_as_string_cells():
    texts = ["914313001234567890", "0738", "=1+2", "+86 0738", "-3", "@sum", "'quoted", "换页\x0c符"]
    for i, text in enumerate(texts):
        Department.objects.create(name=f"科{i}", phone=text, position=i)
    raw = body(export_response("xlsx", Department.objects.order_by("position"), COLUMNS, title="内设机构"))
    sheet = load_workbook(io.BytesIO(raw)).active
    cells = [sheet.cell(row=r, column=3) for r in range(2, len(texts) + 2)]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in cells] == [*texts[:-1], "换页\ufffd符"]  # XLSX cannot hold a form feed
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        sheet_xml = package.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml and b"<f " not in sheet_xml  # no formula anywhere


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


# --- streaming, memory, file names, bad formats ---------------------------------------------

PLAIN = [Column("id", "编号", kind="int"), Column("name", "名称"), Column("phone", "联系电话")]
WITH_FUNCTION = PLAIN + [Column("founded_on", "日期", lambda d: date(2019, 1, 1 + d.position % 28), kind="date")]


def make_departments(n: int, *, long: bool = False) -> None:
    suffix = "应急救援指挥与综合协调" * 4 if long else ""
    Department.objects.bulk_create(
        (Department(name=f"科室{i:06d}{suffix}", phone=f"0738-{i}", position=i % 100) for i in range(n)),
        batch_size=5000,
    )


def test_plain_field_columns_read_through_values_list_with_the_same_output(departments):
    plain_columns = [Column("name", "名称"), Column("phone", "电话"), Column("position", "排序", kind="int")]
    via_function = [Column(c.key, c.label, source=lambda d, k=c.key: getattr(d, k), kind=c.kind) for c in plain_columns]
    from loudi_portal.exports import value_lookups

    assert value_lookups(departments, plain_columns) == ["name", "phone", "position"]
    assert value_lookups(departments, via_function) is None
    assert body(export_response("csv", departments, plain_columns, title="t")) == body(
        export_response("csv", departments, via_function, title="t")
    )


def test_the_header_leaves_before_the_query_runs(departments, django_assert_num_queries):
    from loudi_portal.exports import stream_csv

    stream = stream_csv(departments, WITH_FUNCTION)
    with django_assert_num_queries(0):
        assert next(stream) == "\ufeff编号,名称,联系电话,日期\r\n"
    with django_assert_num_queries(1):
        rest = "".join(stream)
    assert rest.count("\r\n") == 2


def test_on_postgresql_the_export_reads_through_a_server_side_cursor_closed_on_disconnect():
    from django.db import connection

    from loudi_portal.exports import stream_csv

    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are a PostgreSQL feature")
    make_departments(6000, long=True)

    def open_cursors():
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
            return [row[0] for row in cursor.fetchall()]

    stream = stream_csv(Department.objects.order_by("id"), WITH_FUNCTION)  # not COPY: rows come to Python
    next(stream), next(stream)  # the header, then the first ~64 KB of rows
    assert len(open_cursors()) == 1
    stream.close()  # what the WSGI server does when the client goes away
    assert open_cursors() == []


def test_on_postgresql_copy_writes_exactly_what_python_writes(monkeypatch):
    from django.db import connection

    from loudi_portal import exports

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    tricky = ["=1+2", "-3", "+x", "@sum", "\tTab", "\rcr", 'a,"b"', "多行\n文本", "多行\r\n文本", "", " 空格 ", "\\."]
    tricky += [
        "914313001234567890",
        "0738",
        "0",
        "12345678901",
        "123456789012",
        "0738-2",
        "９１４３",
        "91431300MA4L00001X",
    ]
    for i, text in enumerate(tricky):
        Department.objects.create(name=f"科{i}{text}", duties=text, phone=text, position=i)
    columns = [*PLAIN, Column("duties", "职责"), Column("position", "排序", kind="int")]
    queryset = Department.objects.order_by("-position")
    assert exports.postgres_copy_query(queryset, columns) is not None
    via_copy = "".join(exports.stream_csv(queryset, columns))
    monkeypatch.setattr(exports, "USE_POSTGRES_COPY", False)
    via_python = "".join(exports.stream_csv(queryset, columns))
    assert via_copy == via_python
    rows = list(csv.reader(io.StringIO(via_copy.removeprefix("\ufeff"))))
    assert len(rows) == len(tricky) + 1 and rows[-1][3] == "'=1+2"


def test_copy_is_not_used_where_it_could_differ():
    from loudi_portal.exports import postgres_copy_query

    queryset = Department.objects.order_by("id")
    assert postgres_copy_query(queryset, WITH_FUNCTION) is None  # a function column
    assert postgres_copy_query(queryset, [Column("name", "名称")]) is None  # a single column
    assert postgres_copy_query(queryset[:5], PLAIN) is None  # a slice
    assert postgres_copy_query(queryset, [Column("name", "名称", kind="date"), *PLAIN]) is None  # kind mismatch


def _peak_bytes(fmt: str, columns, n_rows: int) -> int:
    import tracemalloc

    response = export_response(fmt, Department.objects.order_by("id"), columns, title="内设机构")
    tracemalloc.start()
    try:
        size = sum(len(piece) for piece in response.streaming_content)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > n_rows * 20
    return peak


@pytest.mark.parametrize(
    "fmt,columns,large_rows",
    [("csv", WITH_FUNCTION, 50000), ("json", PLAIN, 20000)],
    ids=["csv-from-model-instances", "json-from-values_list"],
)
def test_memory_stays_flat_from_two_thousand_to_many_thousand_rows(fmt, columns, large_rows):
    make_departments(2000)
    small = _peak_bytes(fmt, columns, 2000)
    make_departments_from = Department.objects.count()
    Department.objects.bulk_create(
        (Department(name=f"部门{i:06d}", phone="0738-1") for i in range(make_departments_from, large_rows)),
        batch_size=5000,
    )
    large = _peak_bytes(fmt, columns, large_rows)
    # 10 to 25 times the rows: the peak may move by noise, not by the row count.
    assert large < small * 1.5 + 256 * 1024, (small, large)


def test_file_name_tells_register_filters_and_date_and_keeps_the_date_when_filters_are_long():
    from django.utils import timezone

    from loudi_portal.exports import export_filename

    today = timezone.localdate().isoformat()
    assert export_filename("行政处罚", {"year": "2019", "county": "娄星区"}, "csv") == (
        f"行政处罚_year-2019_county-娄星区_{today}.csv"
    )
    long_name = export_filename("行政处罚", {"q": "安" * 400, "kinds": ["a", "b"]}, "json")
    assert long_name.endswith(f"_{today}.json") and len(long_name) <= 160
    assert "/" not in export_filename("a/b", {"q": 'x"y:z'}, "csv")


def test_export_response_refuses_an_unknown_format(departments):
    with pytest.raises(ExportFormatError):
        export_response("pdf", departments, COLUMNS, title="内设机构")


def test_xlsx_sheet_titles_with_forbidden_characters_do_not_fail(departments):
    response = export_response("xlsx", departments, COLUMNS, title="处罚[2019]/决定?")
    assert load_workbook(io.BytesIO(body(response))).active.title == "处罚-2019--决定-"


class _DepartmentFilter:
    """Built lazily so that django_filters is imported only where it is used."""

    @staticmethod
    def make(data):
        import django_filters

        class DepartmentFilter(django_filters.FilterSet):
            q = django_filters.CharFilter(field_name="name", lookup_expr="contains", label="名称")
            position = django_filters.NumberFilter(label="排序")

            class Meta:
                model = Department
                fields = ["q", "position"]

        return DepartmentFilter(data, queryset=Department.objects.order_by("-position", "id"))


def _register(monkeypatch, params):
    from loudi_portal import listing

    monkeypatch.setattr(listing, "render", lambda request, template, ctx: ctx)
    request = RequestFactory().get("/departments/", params)
    data = {k: v for k, v in params.items() if k != "format"}
    return listing.register_page(
        request, filterset=_DepartmentFilter.make(data or None), template="x.html", columns=COLUMNS, title="内设机构"
    )


def test_filtered_exports_hold_exactly_the_rows_the_page_counts_in_its_order(monkeypatch):
    for i in range(30):
        Department.objects.create(name=f"{'执法' if i % 3 else '综合'}科{i:02d}", position=i % 4)
    page = _register(monkeypatch, {"q": "执法", "position": "2"})
    data = json.loads(body(_register(monkeypatch, {"q": "执法", "position": "2", "format": "json"})))
    assert data["count"] == len(data["results"]) == page["total"] == 5
    assert data["filters"] == {"q": "执法", "position": "2"}
    assert [r["name"] for r in data["results"]] == [d.name for d in page["page_obj"]]
    rows = list(
        csv.reader(io.StringIO(body(_register(monkeypatch, {"q": "执法", "format": "csv"})).decode("utf-8-sig")))
    )
    assert len(rows) - 1 == _register(monkeypatch, {"q": "执法"})["total"] == 20
    assert all("执法" in r[1] for r in rows[1:])


def test_register_pages_answer_bad_formats_and_bad_filters_without_a_500(monkeypatch, departments):
    response = _register(monkeypatch, {"format": "exe"})
    assert response.status_code == 400 and "不支持的导出格式“exe”" in response.content.decode()
    data = json.loads(body(_register(monkeypatch, {"position": "abc", "format": "json"})))
    assert data["count"] == 0 and data["results"] == []


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_an_interrupted_copy_download_leaves_the_connection_usable():
    from django.db import connection

    from loudi_portal.exports import stream_csv

    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    make_departments(6000, long=True)
    stream = stream_csv(Department.objects.order_by("id"), PLAIN)
    next(stream), next(stream)  # the header, then the first ~64 KB that COPY sent
    stream.close()  # the client went away: the COPY is cancelled
    assert Department.objects.count() == 6000
