"""One export mechanism for every register: CSV, XLSX and JSON, streamed.

A register describes its columns once (`Column`), and its list view hands the
*filtered, ordered* queryset to `export_response()` when `?format=` is given,
so an export holds exactly the rows the page shows, all of them.

- CSV: UTF-8 with a BOM (Excel on Chinese Windows), Chinese headers, ISO dates,
  money as plain decimals, cells that start like a formula neutralised.
- JSON: {"count", "generated_at", "filters", "results": [...]} with English keys.
- Both stream row by row from `queryset.iterator()`: memory stays flat.
- XLSX: openpyxl's write-only mode into an anonymous temporary file (unlinked
  at once, so an interrupted download leaves nothing behind), typed cells,
  frozen header row. A zip file is only complete at its end, so it is sent
  once written.
"""

import csv
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

FORMATS = ("csv", "xlsx", "json")
CHUNK = 2000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One exported field: a stable English key, a Chinese header, how to read it."""

    key: str
    label: str
    # An attribute path ("enterprise.name") or a function of the row.
    source: str | Callable[[Any], Any] | None = None
    kind: str = "text"  # text, int, money, date, datetime, bool

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


def _csv_cell(value: Any, kind: str) -> str:
    value = _plain(value, kind)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    text = str(value)
    if kind == "text" and text.startswith(FORMULA_START):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def _rows(queryset: QuerySet | Iterable) -> Iterator:
    if isinstance(queryset, QuerySet):
        return queryset.iterator(chunk_size=CHUNK)
    return iter(queryset)


def stream_csv(queryset, columns: list[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([c.label for c in columns])
    for obj in _rows(queryset):
        yield writer.writerow([_csv_cell(c.read(obj), c.kind) for c in columns])


def stream_json(queryset, columns: list[Column], *, count: int, filters: dict) -> Iterator[str]:
    head = {"count": count, "generated_at": timezone.localtime().isoformat(timespec="seconds"), "filters": filters}
    encoded = json.dumps(head, ensure_ascii=False, cls=DjangoJSONEncoder)
    yield encoded[:-1] + ', "results": ['
    first = True
    for obj in _rows(queryset):
        row = {c.key: _plain(c.read(obj), c.kind) for c in columns}
        yield ("" if first else ",") + "\n" + json.dumps(row, ensure_ascii=False, cls=DjangoJSONEncoder)
        first = False
    yield "\n]}\n"


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
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_xlsx(queryset, columns: list[Column], *, title: str, fileobj) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "data")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm:ss", "money": "#,##0.00"}
    for obj in _rows(queryset):
        row = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(column.read(obj), column.kind))
            if column.kind in formats and cell.value is not None:
                cell.number_format = formats[column.kind]
            row.append(cell)
        sheet.append(row)
    workbook.save(fileobj)


def export_filename(title: str, filters: dict, fmt: str) -> str:
    parts = [title]
    parts += [f"{k}-{v}" for k, v in filters.items() if v not in (None, "", [])]
    parts.append(timezone.localdate().isoformat())
    name = "_".join(str(p) for p in parts)
    for ch in '/\\:*?"<>|\r\n\t':
        name = name.replace(ch, "-")
    return f"{name[:150]}.{fmt}"


def export_response(fmt: str, queryset, columns: list[Column], *, title: str, filters: dict | None = None):
    """Return the export of `queryset` in `fmt`; the caller has already filtered and ordered it."""
    filters = {k: v for k, v in (filters or {}).items() if v not in (None, "", [])}
    filename = export_filename(title, filters, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(stream_csv(queryset, columns), content_type="text/csv; charset=utf-8")
    elif fmt == "json":
        count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
        response = StreamingHttpResponse(
            stream_json(queryset, columns, count=count, filters=filters), content_type="application/json; charset=utf-8"
        )
    elif fmt == "xlsx":
        spool = tempfile.TemporaryFile()
        write_xlsx(queryset, columns, title=title, fileobj=spool)
        spool.seek(0)
        response = FileResponse(spool, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise ExportFormatError(fmt)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
