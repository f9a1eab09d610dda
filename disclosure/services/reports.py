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

from collections.abc import Callable
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import registry, workdays
from loudi_portal.models import BureauProfile

from ..models import AnnualReport, ReviewCase, Table2Column, Table2Row
from ..report_tables import _plain, check_tables, compute_table4, missing_figures

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


def _table3(year: int) -> dict:
    """Table 三 from the information requests' registered provider (inforequests.public)."""
    provider = registry.table3_provider()
    return provider(year) if provider else {"columns": [], "rows": []}


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


# --- How the yearly report meets the rest of the portal.
#
# - Table 二's normative-document row is counted from the notices in the
#   catalogue's normative categories (issued, repealed, in force);
# - a published report is also filed as a notice in the 政务公开年报 category,
#   so it appears in the catalogue, the feeds, the sitemap and the search;
# - proactive notices join the obligations board (20 working days from 成文日期).

ANNUAL_REPORT_CATEGORY = "annual-reports"


PROACTIVE_WORKING_DAYS = 20


def normative_figures(year: int) -> dict:
    """Table 二, 行政规范性文件: issued and repealed in `year`, in force at its end (1 query)."""
    from ..models import Notice

    end = date(year, 12, 31)
    public = Notice.objects.filter(category__is_normative=True, status=Notice.Status.PUBLISHED)
    figures = public.aggregate(
        issued=Count("pk", filter=Q(written_on__year=year)),
        repealed=Count(
            "pk",
            filter=Q(validity__in=[Notice.Validity.REPEALED, Notice.Validity.EXPIRED], validity_changed_on__year=year),
        ),
        in_force=Count(
            "pk",
            filter=Q(written_on__lte=end) & (Q(validity=Notice.Validity.VALID) | Q(validity_changed_on__gt=end)),
        ),
    )
    return {key: value or 0 for key, value in figures.items()}


def report_title(year: int) -> str:
    return _("%(name)s%(year)d年政府信息公开工作年度报告") % {"name": BureauProfile.current().name, "year": year}


def file_report_as_notice(report) -> None:
    """Publication hook: file the published report in the 政务公开年报 category, once."""
    from ..models import Category, Notice
    from .notices import format_index_number, next_index_serial

    category = Category.objects.filter(slug=ANNUAL_REPORT_CATEGORY).first()
    title = report_title(report.year)
    if category is None or Notice.objects.filter(category=category, title=title).exists():
        return
    body = render_to_string("reports/_report_body.html", {"report": report, "tables": report.tables})
    url = reverse("disclosure:annual-report-detail", args=[report.year])
    body += '<p>%s<a href="%s">%s</a></p>' % (_("本报告也在年度报告栏目中公开："), url, title)
    published_at = report.published_at or timezone.now()
    year = timezone.localdate(published_at).year
    serial = next_index_serial(year)
    notice = Notice(
        title=title,
        category=category,
        body=body,
        source=BureauProfile.current().name,
        author=_("政务公开办"),
        written_on=timezone.localdate(published_at),
        status=Notice.Status.PUBLISHED,
        published_at=published_at,
        index_year=year,
        index_serial=serial,
        index_number=format_index_number(BureauProfile.current().credit_code or "0" * 18, year, serial),
    )
    notice._change_reason = _("年度报告发布时自动归档")
    notice.save()


def proactive_obligations(today: date):
    """Notices written in the last 90 days and whether each was published within 20 working days (1 query)."""
    from loudi_portal.obligations import Obligation

    from ..models import Notice

    rows = (
        Notice.objects.filter(written_on__gte=today - timedelta(days=90))
        .exclude(status=Notice.Status.WITHDRAWN)
        .select_related("created_by")
        .order_by("written_on", "id")
    )
    items = []
    for notice in rows:
        due = workdays.add_working_days(notice.written_on, PROACTIVE_WORKING_DAYS)
        done = timezone.localdate(notice.published_at) if notice.published_at else None
        items.append(
            Obligation(
                title=notice.title,
                rule=_("形成或变更之日起 20 个工作日内"),
                due_on=due.due,
                done_on=done,
                responsible=(notice.created_by.get_full_name() or notice.created_by.get_username())
                if notice.created_by
                else "",
                url=reverse("admin:disclosure_notice_change", args=[notice.pk]),
                provisional=due.provisional,
            )
        )
    return items


def connect() -> None:
    from loudi_portal.obligations import register_obligation_source
    from loudi_portal.registry import register_table2_provider

    from ..models import Table2Row

    register_table2_provider(Table2Row.NORMATIVE, normative_figures)
    if file_report_as_notice not in publication_hooks:
        publication_hooks.append(file_report_as_notice)
    register_obligation_source(
        "proactive",
        gettext_lazy("主动公开信息"),
        gettext_lazy("形成或变更之日起 20 个工作日内"),
        proactive_obligations,
    )
