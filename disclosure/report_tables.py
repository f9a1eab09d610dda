"""The yearly report's table arithmetic: pure functions of the figures, no database.

Table 四 is counted from review cases; `check_tables()` holds every arithmetic rule
of the three tables (sums of rows and columns, Table 三's balance of received and
handled requests), so the report is never published with a broken table.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import ReviewCase


def _plain(value):
    """JSON-safe number: int when whole, else a string with two decimals."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else str(value.quantize(Decimal("0.01")))


# --- Table 四: reconsideration and litigation -------------------------------------
TABLE4_RESULTS = [(r.value, r.label) for r in ReviewCase.Result] + [("total", gettext_lazy("总计"))]


def compute_table4(cases: Iterable, year: int) -> dict:
    """Cases filed in year Y by kind and result; undecided at the year's end count as pending."""
    end = date(year, 12, 31)
    groups = []
    for kind in ReviewCase.Kind:
        cells = dict.fromkeys([r for r, _l in TABLE4_RESULTS], 0)
        for case in cases:
            if case.kind != kind or case.filed_on.year != year:
                continue
            decided = case.result != ReviewCase.Result.PENDING and case.concluded_on and case.concluded_on <= end
            cells[case.result if decided else ReviewCase.Result.PENDING] += 1
            cells["total"] += 1
        groups.append({"key": kind.value, "label": str(kind.label), "values": [cells[r] for r, _l in TABLE4_RESULTS]})
    return {"results": [[k, str(label)] for k, label in TABLE4_RESULTS], "groups": groups}


def _table3_groups(rows: list[dict]) -> list[tuple[str, list[str]]]:
    """The result groups （一）-（六） of Table 三 and their sub-rows, read from the table itself."""
    groups: list[tuple[str, list[str]]] = []
    for row in rows:
        if row["level"] == 1 and row["key"] != "7":
            groups.append((row["key"], []))
        elif row["level"] == 2 and groups:
            groups[-1][1].append(row["key"])
    return groups


# --- Cross-checks ---------------------------------------------------------------------------
def check_tables(tables: dict) -> list[str]:
    """Every arithmetic rule of the report; returns the broken ones (empty when all hold)."""
    errors = []
    t3 = {row["key"]: row for row in tables["table3"]["rows"]}
    labels = [label for _k, label in tables["table3"]["columns"]]
    for row in tables["table3"]["rows"]:
        if row["values"] is not None and sum(row["values"][:-1]) != row["values"][-1]:
            errors.append(_("表三“%(row)s”：各类申请人之和不等于总计。") % {"row": row["label"]})
    groups = _table3_groups(tables["table3"]["rows"])
    for group, subs in groups:
        if subs:
            expected = [sum(t3[s]["values"][i] for s in subs) for i in range(len(labels))]
            if expected != t3[group]["values"]:
                errors.append(_("表三“%(row)s”：不等于各分项之和。") % {"row": t3[group]["label"]})
    for i, label in enumerate(labels if t3 else []):
        total7 = sum(t3[g]["values"][i] for g, _s in groups)
        if total7 != t3["7"]["values"][i]:
            errors.append(_("表三“（七）总计”（%(col)s）：不等于（一）至（六）之和。") % {"col": label})
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
        for row in block["rows"]:
            if any(v is not None and Decimal(str(v)) < 0 for v in row["cells"]):
                errors.append(_("表二“%(row)s”：数值不能为负。") % {"row": row["label"]})
    return errors


def missing_figures(tables: dict) -> list[str]:
    return [row["label"] for block in tables["table2"] for row in block["rows"] if row["source"] == "missing"]
