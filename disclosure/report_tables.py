"""The yearly report's table arithmetic: pure functions of the figures, no database.

Table 四 is counted from review cases; `check_tables()` holds every arithmetic rule
of the three tables (sums of rows and columns, Table 三's balance of received and
handled requests), so the report is never published with a broken table.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from loudi_portal import annual_report_formats as formats

from .models import ReviewCase, Table2Column

# 本年增/减 (2019 format) is a change and may be negative.
SIGNED_TABLE2_COLUMNS = {Table2Column.CHANGE.value}


def _plain(value):
    """JSON-safe number: int when whole, else a string with two decimals."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else str(value.quantize(Decimal("0.01")))


# --- Table 四: reconsideration and litigation -------------------------------------
TABLE4_RESULTS = formats.TABLE4_RESULTS


def compute_table4(cases: Iterable, year: int) -> dict:
    """Cases filed in year Y by kind and result; undecided at the year's end count as pending.

    `groups` hold the figures; `header` is the template's orientation: 行政复议 and 行政诉讼 side by
    side (the latter split into 未经复议直接起诉 and 复议后起诉), five results each, one row of 15 figures.
    """
    end = date(year, 12, 31)
    groups = []
    for kind, label in formats.TABLE4_GROUPS:
        cells = dict.fromkeys([r for r, _l in TABLE4_RESULTS], 0)
        for case in cases:
            if case.kind != kind or case.filed_on.year != year:
                continue
            decided = case.result != ReviewCase.Result.PENDING and case.concluded_on and case.concluded_on <= end
            cells[case.result if decided else ReviewCase.Result.PENDING] += 1
            cells["total"] += 1
        groups.append({"key": kind, "label": str(label), "values": [cells[r] for r, _l in TABLE4_RESULTS]})
    return {
        "format": formats.format_for_year(year).key,
        "results": [[k, str(label)] for k, label in TABLE4_RESULTS],
        "groups": groups,
        "header": {
            "reconsideration": str(formats.TABLE4_RECONSIDERATION),
            "litigation": str(formats.TABLE4_LITIGATION),
        },
        "row": [v for g in groups for v in g["values"]],
    }


# --- Cross-checks ---------------------------------------------------------------------------
def _cell_label(row: dict) -> str:
    return f"{row['group']}{row['label']}" if row.get("group") else row["label"]


def check_tables(tables: dict) -> list[str]:
    """Every arithmetic rule of the report; returns the broken ones (empty when all hold)."""
    errors = []
    rows = tables["table3"]["rows"]
    t3 = {row["key"]: row for row in rows}
    labels = [label for _k, label in tables["table3"]["columns"]]
    for row in rows:
        if row["values"] is not None and sum(row["values"][:-1]) != row["values"][-1]:
            errors.append(_("表三“%(row)s”：各类申请人之和不等于总计。") % {"row": _cell_label(row)})
    results = [r for r in rows if r.get("section") == "results" and r["key"] != "7"]
    for i, label in enumerate(labels if t3 else []):
        if sum(r["values"][i] for r in results) != t3["7"]["values"][i]:
            errors.append(_("表三“（七）总计”（%(col)s）：不等于（一）至（六）各项之和。") % {"col": label})
        left = t3["new"]["values"][i] + t3["carried_in"]["values"][i]
        right = t3["7"]["values"][i] + t3["carried_out"]["values"][i]
        if left != right:
            errors.append(
                _("表三（%(col)s）：本年新收 + 上年结转（%(left)d）不等于办理结果总计 + 结转下年（%(right)d）。")
                % {"col": label, "left": left, "right": right}
            )
    for group in tables["table4"]["groups"]:
        if sum(group["values"][:-1]) != group["values"][-1]:
            errors.append(_("表四“%(row)s”：各结果之和不等于总计。") % {"row": group["label"]})
    for block in tables["table2"]:
        signed = [i for i, (key, _label) in enumerate(block["columns"]) if key in SIGNED_TABLE2_COLUMNS]
        for row in block["rows"]:
            if any(v is not None and i not in signed and Decimal(str(v)) < 0 for i, v in enumerate(row["cells"])):
                errors.append(_("表二“%(row)s”：数值不能为负。") % {"row": row["label"]})
    return errors


def missing_figures(tables: dict) -> list[str]:
    return [row["label"] for block in tables["table2"] for row in block["rows"] if row["source"] == "missing"]
