"""The yearly report's tables, computed from the portal's records, and their checks.

Table 二 comes from a small provider registry: each part of the portal that
keeps a register (normative documents, licensing, penalties and coercive
measures, fees) calls `register_table2_provider(row, fn)` in its
`AppConfig.ready()`; `fn(year)` returns {column: number}. Where no provider is
registered, the figure staff typed for the report (`ReportManualFigure`) is used,
and the table says which source each figure came from.

Table 三 comes from the information requests' provider (`registry.register_table3_provider`),
Table 四 from review cases.
On publication the tables are frozen into the report (`AnnualReport.tables`),
so a later correction of a record never changes a published report.
"""

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import registry

from .report_models import AnnualReport, ReviewCase, Table2Column, Table2Row

# --- Table 二: the provider registry ---------------------------------------------
TABLE2_LAYOUT = [
    # (rows, columns) of the three blocks of Table 二
    ([Table2Row.RULES, Table2Row.NORMATIVE], [Table2Column.ISSUED, Table2Column.REPEALED, Table2Column.IN_FORCE]),
    ([Table2Row.LICENSING, Table2Row.PENALTY, Table2Row.COERCION], [Table2Column.DECISIONS]),
    ([Table2Row.FEES], [Table2Column.AMOUNT]),
]


def compute_table2(report: AnnualReport) -> list[dict]:
    """Three blocks of rows, each cell with its value and where it came from."""
    manual = {(f.row, f.column): f.value for f in report.manual_figures.all()} if report.pk else {}
    blocks = []
    for rows, columns in TABLE2_LAYOUT:
        block = {"columns": [[c.value, str(c.label)] for c in columns], "rows": []}
        for row in rows:
            providers = registry.table2_providers()
            provided = providers[row](report.year) if row in providers else None
            cells, sources = [], set()
            for column in columns:
                if provided is not None and column.value in provided:
                    value, source = provided[column.value], "system"
                elif (row.value, column.value) in manual:
                    value, source = manual[(row.value, column.value)], "manual"
                else:
                    value, source = None, "missing"
                cells.append(_plain(value))
                sources.add(source)
            source = "system" if sources == {"system"} else "missing" if "missing" in sources else "manual"
            block["rows"].append({"key": row.value, "label": str(row.label), "cells": cells, "source": source})
        blocks.append(block)
    return blocks


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


def _table3(year: int) -> dict:
    """Table 三 from the information requests' registered provider (inforequests.public)."""
    provider = registry.table3_provider()
    return provider(year) if provider else {"columns": [], "rows": []}


def _table3_groups(rows: list[dict]) -> list[tuple[str, list[str]]]:
    """The result groups （一）-（六） of Table 三 and their sub-rows, read from the table itself."""
    groups: list[tuple[str, list[str]]] = []
    for row in rows:
        if row["level"] == 1 and row["key"] != "7":
            groups.append((row["key"], []))
        elif row["level"] == 2 and groups:
            groups[-1][1].append(row["key"])
    return groups


def compute_tables(report: AnnualReport) -> dict:
    """All three tables for the report's year (about four queries)."""
    year = report.year
    cases = list(ReviewCase.objects.filter(filed_on__year=year))
    return {
        "year": year,
        "computed_at": timezone.now().isoformat(timespec="seconds"),
        "table2": compute_table2(report),
        "table3": _table3(year),
        "table4": compute_table4(cases, year),
    }


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


# --- Deadline and publication ----------------------------------------------------------
def publication_deadline(year: int) -> date:
    """Art. 49: the report on year Y is published by January 31 of Y+1."""
    return date(year + 1, 1, 31)


def days_left(report: AnnualReport, today: date | None = None) -> int:
    return (publication_deadline(report.year) - (today or timezone.localdate())).days


# Called with the published report; the notices part registers one to file it under 政务公开年报.
publication_hooks: list[Callable[[AnnualReport], None]] = []


@transaction.atomic
def publish_report(*, report: AnnualReport, by) -> AnnualReport:
    """Freeze the computed tables and publish, once the sections are written and the checks hold."""
    if not by.has_perm("disclosure.publish_annualreport"):
        raise PermissionDenied
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if report.status == AnnualReport.Status.PUBLISHED:
        raise ValidationError(_("该年度报告已发布。"))
    empty = [
        str(AnnualReport._meta.get_field(name).verbose_name)
        for name in ("overview", "problems", "other_matters")
        if not getattr(report, name).strip()
    ]
    if empty:
        raise ValidationError(_("请先撰写：%(parts)s。") % {"parts": "、".join(empty)})
    tables = compute_tables(report)
    problems = check_tables(tables) + [
        _("表二“%(row)s”尚无数据，请填报。") % {"row": label} for label in missing_figures(tables)
    ]
    if problems:
        raise ValidationError(problems)
    report.tables = tables
    report.status = AnnualReport.Status.PUBLISHED
    report.published_at = timezone.now()
    report.save()
    for hook in publication_hooks:
        hook(report)
    return report


@transaction.atomic
def withdraw_report(*, report: AnnualReport, by, reason: str) -> AnnualReport:
    if not by.has_perm("disclosure.publish_annualreport"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("撤回须说明原因。"))
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    report.status = AnnualReport.Status.WITHDRAWN
    report.withdrawn_reason = reason.strip()
    report.save()
    return report
