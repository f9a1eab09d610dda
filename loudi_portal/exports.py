"""One export mechanism for every register: CSV, XLSX and JSON, streamed.

A register describes its columns once (`Column`), and its list view hands the
*filtered, ordered* queryset to `export_response()` when `?format=` is given,
so an export holds exactly the rows the page shows, all of them.

- CSV: UTF-8 with a BOM (Excel on Chinese Windows), Chinese headers, ISO dates,
  money as plain decimals, text cells that start like a formula neutralised with a
  leading `'`, and text cells that a spreadsheet would turn into a number and so
  change (all digits, 12 or more of them, or a leading zero: credit codes, 标识码,
  codes like 0738…) led by a tab, so Excel, WPS and LibreOffice open them as
  text (docs/open-data-and-audit.md says why this choice).
- JSON: {"count", "generated_at", "filters", "results": [...]} with English keys.
- Both stream from `queryset.iterator(chunk_size=2000)`: memory stays flat, and
  on PostgreSQL Django runs the query through a server-side cursor (a named
  cursor fetched 2,000 rows at a time), so the first bytes (the header) leave
  before the query has finished and a million rows need no more memory than a
  thousand (see loudi_portal/tests/test_exports.py and bench/export_bench.py). When every
  column reads a plain field (no function, no method), rows are fetched with
  `values_list()` instead of as model instances, which is about twice as fast;
  on PostgreSQL such a CSV is written by the server (`COPY (query) TO STDOUT`),
  identical byte for byte and about three times faster again.
  Rows are written in batches of about 64 KB, so the server does not make one
  socket write per row. An interrupted download closes the generator, which
  closes the cursor: nothing is left behind.
- XLSX: openpyxl's write-only mode into an anonymous temporary file (unlinked
  at once, so an interrupted download leaves nothing behind), typed cells (text
  is a string cell holding exactly the text: a string cell is never evaluated,
  so `=…` needs no escaping), frozen header row. A zip file is only complete at its end, so it is sent
  once written.
"""

import csv
import io
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx", "json")
CHUNK = 2000
BATCH_BYTES = 64 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Digit strings a spreadsheet opening a CSV would turn into a number and so change: 12 or more
# digits (shown as 9.14E+17, digits after the 15th lost) or a leading zero (dropped).
NUMBER_LOOKING_CODE = re.compile(r"0[0-9]+|[0-9]{12,}")
DIGITS = "0123456789"
KEEP_AS_TEXT = "\t"  # a leading tab: spreadsheets keep the cell as text
# Characters XML 1.0 (and so XLSX) cannot hold; openpyxl refuses them.
XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
KIND_LABELS = {
    "text": "文本",
    "int": "整数",
    "money": "金额（元）",
    "wan": "金额（万元，6 位小数）",
    "date": "日期（YYYY-MM-DD）",
    "datetime": "日期时间（ISO 8601，北京时间）",
    "bool": "是/否",
}


@dataclass(frozen=True)
class Column:
    """One exported field: a stable English key, a Chinese header, how to read it."""

    key: str
    label: str
    # An attribute path ("enterprise.name") or a function of the row.
    source: str | Callable[[Any], Any] | None = None
    kind: str = "text"  # text, int, money, date, datetime, bool
    # What the field means, for the open-data page (/data/); optional.
    help: str = ""
    # The standard or rule the field comes from, for the /data/ dictionary; empty means the
    # dataset's own `standard` (registry.Dataset).
    standard: str = ""

    def read(self, obj) -> Any:
        if callable(self.source):
            return self.source(obj)
        value = obj
        for part in (self.source or self.key).split("."):
            if value is None:
                return None
            value = getattr(value, part)
            if callable(value) and not isinstance(value, type):
                value = value()
        return value


class ExportFormatError(ValueError):
    pass


def requested_format(request) -> str | None:
    """Return the asked-for format, None for the HTML page; raise on an unknown one."""
    fmt = request.GET.get("format")
    if fmt is None or fmt == "":
        return None
    if fmt not in FORMATS:
        raise ExportFormatError(fmt)
    return fmt


def bad_format_response(fmt: str) -> HttpResponse:
    text = _("不支持的导出格式“%(fmt)s”。可用格式：csv、xlsx、json。") % {"fmt": fmt[:20]}
    return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


def _plain(value: Any, kind: str) -> Any:
    """The value as CSV/JSON want it: ISO dates, plain decimals, 是/否 for CSV booleans."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "label") and hasattr(value, "value"):  # a choices enum member
        return str(value.label)
    return value


def csv_text(value: str) -> str:
    """A text cell as the CSV writes it: formulas neutralised, number-looking codes kept as text."""
    if value.startswith(FORMULA_START):
        return "'" + value
    if value[:1] in DIGITS and value and NUMBER_LOOKING_CODE.fullmatch(value):
        return KEEP_AS_TEXT + value
    return value


def _csv_cell(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if type(value) is str:  # the common case first: most cells are text
        return csv_text(value) if kind == "text" else value
    if type(value) is int:
        return value
    value = _plain(value, kind)
    if isinstance(value, bool):
        return "是" if value else "否"
    text = str(value)
    return csv_text(text) if kind == "text" else text


def _rows(queryset: QuerySet | Iterable) -> Iterator:
    if isinstance(queryset, QuerySet):
        return queryset.iterator(chunk_size=CHUNK)
    return iter(queryset)


def value_lookups(queryset, columns: list[Column]) -> list[str] | None:
    """ORM lookups reading every column straight from the database, or None if a column needs the instance.

    A column qualifies when its source is a path of forward foreign keys ending in a plain
    (non-relation) field; functions, methods, properties and relations fall back to instances.
    """
    if (
        not isinstance(queryset, QuerySet)
        or queryset._fields is not None
        or queryset._iterable_class is not ModelIterable
    ):
        return None
    lookups = []
    for column in columns:
        if callable(column.source):
            return None
        parts = (column.source or column.key).split(".")
        model = queryset.model
        for i, part in enumerate(parts):
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                return None
            if not getattr(field, "concrete", False):
                return None
            if i == len(parts) - 1:
                if field.is_relation:
                    return None
            elif field.many_to_one or field.one_to_one:
                model = field.related_model
            else:
                return None
        lookups.append("__".join(parts))
    return lookups


def value_rows(queryset, columns: list[Column]) -> Iterator[tuple]:
    """The rows as tuples of raw values, one per column, streamed."""
    lookups = value_lookups(queryset, columns)
    if lookups is not None:
        return queryset.values_list(*lookups).iterator(chunk_size=CHUNK)
    return (tuple(c.read(obj) for c in columns) for obj in _rows(queryset))


def _batched(pieces: Iterable[str]) -> Iterator[str]:
    """Join small pieces into ~64 KB strings: one socket write per batch, not per row."""
    batch, size = [], 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= BATCH_BYTES:
            yield "".join(batch)
            batch, size = [], 0
    if batch:
        yield "".join(batch)


def _csv_lines(queryset, columns: list[Column]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    kinds = [c.kind for c in columns]
    is_text = [k == "text" for k in kinds]
    positions = range(len(columns))
    for values in value_rows(queryset, columns):
        # The common cell types are handled inline (no call per cell): this loop is the export's hot path.
        row = list(values)
        for i in positions:
            value = row[i]
            kind = type(value)
            if kind is str:
                if is_text[i] and (value.startswith(FORMULA_START) or value[:1] in DIGITS):
                    row[i] = csv_text(value)
            elif kind is int or kind is date or value is None:
                pass  # csv writes str(value): digits, ISO date, or nothing
            elif kind is Decimal:
                row[i] = format(value, "f")
            else:
                row[i] = _csv_cell(value, kinds[i])
        writer.writerow(row)
        if buffer.tell() >= BATCH_BYTES:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


# On PostgreSQL, a CSV whose columns all read plain text, integer, money or date fields is
# produced by the server itself (COPY ... TO STDOUT), several times faster than Python can
# format rows; the output is byte-for-byte what the Python path writes (tested).
USE_POSTGRES_COPY = True
# Formula escaping and number-looking codes as in csv_text, and '' as NULL so that COPY does
# not quote empty strings.
_COPY_TEXT = (
    "CASE WHEN %(expressions)s ~ '^[-=+@\\t\\r]' THEN '''' || %(expressions)s"
    " WHEN %(expressions)s ~ '^(0[0-9]+|[0-9]{12,})$' THEN chr(9) || %(expressions)s"
    " ELSE NULLIF(%(expressions)s, '') END"
)


def postgres_copy_query(queryset, columns: list[Column]) -> tuple[str, tuple] | None:
    """The SQL (and params) of a SELECT producing the CSV cells, or None when COPY cannot match Python."""
    from django.db import connections, models

    if not isinstance(queryset, QuerySet) or connections[queryset.db].vendor != "postgresql":
        return None
    lookups = value_lookups(queryset, columns)
    # One column: Python writes an empty cell as "" (a blank line would be no row), COPY would not.
    if (
        lookups is None
        or len(columns) < 2
        or queryset.query.is_sliced
        or queryset.query.distinct
        or queryset.query.combinator
    ):
        return None
    annotations = {}
    for i, (column, lookup) in enumerate(zip(columns, lookups, strict=True)):
        field = _final_field(queryset.model, lookup)
        if column.kind == "text" and isinstance(field, (models.CharField, models.TextField)):
            expr = models.Func(models.F(lookup), template=_COPY_TEXT, output_field=models.TextField())
        elif column.kind == "int" and isinstance(field, models.IntegerField):
            expr = models.F(lookup)
        elif column.kind == "money" and isinstance(field, models.DecimalField):
            expr = models.F(lookup)
        elif column.kind == "date" and type(field) is models.DateField:
            # The server writes dates as YYYY-MM-DD under DateStyle ISO (the default, reported
            # without a query); to_char() does the same under any DateStyle, at twice the cost.
            if _iso_datestyle(queryset.db):
                expr = models.F(lookup)
            else:
                template = "to_char(%(expressions)s, 'YYYY-MM-DD')"
                expr = models.Func(models.F(lookup), template=template, output_field=models.TextField())
        else:
            return None
        annotations[f"export_c{i}"] = expr
    try:
        query = queryset.annotate(**annotations).values_list(*annotations)
    except (TypeError, ValueError):
        return None
    return query.query.sql_with_params()


def _iso_datestyle(using: str) -> bool:
    from django.db import connections

    connection = connections[using]
    connection.ensure_connection()
    return (connection.connection.info.parameter_status("DateStyle") or "").startswith("ISO")


def _final_field(model, lookup: str):
    *relations, name = lookup.split("__")
    for part in relations:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(name)


def _copy_lines(using: str, sql: str, params: tuple) -> Iterator[str]:
    """Stream COPY's CSV in ~64 KB pieces; each COPY message is one row ending in LF, sent as CRLF."""
    from django.db import connections

    with connections[using].cursor() as cursor:
        buffer = bytearray()
        with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params or None) as copy:
            for data in copy:
                buffer += memoryview(data)[:-1]
                buffer += b"\r\n"
                if len(buffer) >= BATCH_BYTES:
                    yield buffer.decode("utf-8")
                    buffer.clear()
        if buffer:
            yield buffer.decode("utf-8")


def stream_csv(queryset, columns: list[Column]) -> Iterator[str]:
    """Yield the CSV: the header at once (before the query runs), then the rows in ~64 KB pieces."""
    header = io.StringIO()
    csv.writer(header).writerow([c.label for c in columns])
    yield "\ufeff" + header.getvalue()
    copy_query = postgres_copy_query(queryset, columns) if USE_POSTGRES_COPY else None
    if copy_query is not None:
        yield from _copy_lines(queryset.db, *copy_query)
    else:
        yield from _csv_lines(queryset, columns)


def _json_head(count: int, filters: dict) -> str:
    head = {"count": count, "generated_at": timezone.localtime().isoformat(timespec="seconds"), "filters": filters}
    encoded = json.dumps(head, ensure_ascii=False, cls=DjangoJSONEncoder)
    return encoded[:-1] + ', "results": ['


JSON_TAIL = "\n]}\n"


def _json_rows(queryset, columns: list[Column]) -> Iterator[str]:
    keys = [c.key for c in columns]
    kinds = [c.kind for c in columns]
    positions = range(len(columns))
    encode = json.JSONEncoder(ensure_ascii=False, default=DjangoJSONEncoder().default).encode
    first = True
    for values in value_rows(queryset, columns):
        row = list(values)
        for i in positions:
            value = row[i]
            kind = type(value)
            if kind is str or kind is int or value is None:
                continue
            if kind is date:
                row[i] = value.isoformat()
            elif kind is Decimal:
                row[i] = format(value, "f")
            else:
                row[i] = _plain(value, kinds[i])
        yield ("\n" if first else ",\n") + encode(dict(zip(keys, row, strict=True)))
        first = False


def stream_json(queryset, columns: list[Column], *, count: int, filters: dict) -> Iterator[str]:
    yield _json_head(count, filters)
    yield from _batched(_json_rows(queryset, columns))
    yield JSON_TAIL


def _xlsx_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (date, int, float, bool)):
        return value
    if isinstance(value, Decimal):
        return float(value) if kind != "text" else str(value)
    if hasattr(value, "label") and hasattr(value, "value"):
        return str(value.label)
    return XLSX_ILLEGAL.sub("\ufffd", str(value))


def write_xlsx(queryset, columns: list[Column], *, title: str, fileobj) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet_title = "".join("-" if ch in "[]:*?/\\" else ch for ch in str(title))[:31]
    sheet = workbook.create_sheet(title=sheet_title or "data")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss", "money": "#,##0.00", "wan": "0.000000"}
    for values in value_rows(queryset, columns):
        row = []
        for column, value in zip(columns, values, strict=True):
            value = _xlsx_value(value, column.kind)
            cell = WriteOnlyCell(sheet, value=value)
            if type(value) is str:
                cell.data_type = "s"  # a string cell, even when it starts with "=" (openpyxl would make a formula)
            if column.kind in formats and cell.value is not None:
                cell.number_format = formats[column.kind]
            row.append(cell)
        sheet.append(row)
    workbook.save(fileobj)


FILENAME_UNSAFE = '/\\:*?"<>|\r\n\t'
FILENAME_MAX = 150


def safe_name(text: str) -> str:
    for ch in FILENAME_UNSAFE:
        text = text.replace(ch, "-")
    return text


def export_filename(title: str, filters: dict, fmt: str) -> str:
    """`<register>_<filter>-<value>_…_<YYYY-MM-DD>.<fmt>`; long filter lists are cut, never the date."""
    filter_text = "_".join(
        f"{k}-{','.join(map(str, v)) if isinstance(v, (list, tuple)) else v}"
        for k, v in filters.items()
        if v not in (None, "", [])
    )
    day = timezone.localdate().isoformat()
    head = safe_name(str(title))[:60]
    room = FILENAME_MAX - len(head) - len(day) - 2
    middle = safe_name(filter_text)[: max(room, 0)]
    name = "_".join(p for p in (head, middle, day) if p)
    return f"{name}.{fmt}"


def _count(queryset) -> int:
    return queryset.count() if isinstance(queryset, QuerySet) else len(queryset)


def export_response(fmt: str, queryset, columns: list[Column], *, title: str, filters: dict | None = None):
    """Return the export of `queryset` in `fmt`; the caller has already filtered and ordered it.

    CSV and JSON stream (JSON costs one COUNT query first); XLSX is written to an
    anonymous temporary file and then sent. An unknown `fmt` raises ExportFormatError,
    which views answer with `bad_format_response()` (400).
    """
    if fmt not in FORMATS:
        raise ExportFormatError(fmt)
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
    filename = export_filename(title, filters, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(stream_csv(queryset, columns), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        response = StreamingHttpResponse(
            stream_json(queryset, columns, count=_count(queryset), filters=filters),
            content_type="application/json; charset=utf-8",
        )
    else:
        spool = tempfile.TemporaryFile()
        write_xlsx(queryset, columns, title=title, fileobj=spool)
        spool.seek(0)
        response = FileResponse(spool, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8", "xlsx": XLSX_TYPE}


class _Counted:
    """An iterator that counts what passes through it, telling `progress` every `every` rows."""

    def __init__(self, iterable, progress=None, every: int = 1000):
        self._it = iter(iterable)
        self.count = 0
        self._progress, self._every = progress, every

    def __iter__(self):
        return self

    def __next__(self):
        value = next(self._it)
        self.count += 1
        if self._progress is not None and self.count % self._every == 0:
            self._progress(self.count)
        return value


PROGRESS_EVERY = 5000


def write_export(
    fmt: str, rows, columns: list[Column], *, title: str, filters: dict | None, fileobj, progress=None
) -> int:
    """Write the export of `rows` (a queryset or any iterable) to a binary file; return the row count.

    Streams like the HTTP exports (flat memory); the JSON rows go through a temporary
    file first because the count comes before them. `progress(rows_so_far)` is called
    every PROGRESS_EVERY rows (the background export job's progress page).
    """
    if fmt not in FORMATS:
        raise ExportFormatError(fmt)
    counted = _Counted(value_rows(rows, columns), progress, PROGRESS_EVERY)
    identity = [Column(c.key, c.label, source=_Item(i), kind=c.kind) for i, c in enumerate(columns)]
    if fmt == "csv":
        for piece in stream_csv(counted, identity):
            fileobj.write(piece.encode("utf-8"))
    elif fmt == "json":
        with tempfile.TemporaryFile() as spool:
            for piece in _batched(_json_rows(counted, identity)):
                spool.write(piece.encode("utf-8"))
            fileobj.write(_json_head(counted.count, filters or {}).encode("utf-8"))
            spool.seek(0)
            while block := spool.read(1024 * 1024):
                fileobj.write(block)
            fileobj.write(JSON_TAIL.encode("utf-8"))
    else:
        write_xlsx(counted, identity, title=title, fileobj=fileobj)
    return counted.count


@dataclass(frozen=True)
class _Item:
    """Column source reading position `index` of an already-read row tuple."""

    index: int

    def __call__(self, values):
        return values[self.index]
