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

from datetime import date, timedelta

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _l

from loudi_portal import annual_report_formats as formats
from loudi_portal import registry, workdays
from loudi_portal.models import BureauProfile

from ..models import AnnualReport, ReviewCase, Table2Column, Table2Row
from ..report_tables import _plain, compute_table4

# --- Table 二: the provider registry ---------------------------------------------
R, C = Table2Row, Table2Column
# Per format: the blocks of Table 二, each (title, [(row, label)], [(column, label)]), labels as written
# in the template (the 2019 format writes 规范性文件, the 2021 one 行政规范性文件).
TABLE2_LAYOUTS = {
    formats.FORMAT_2019: [
        (_l("第二十条第（一）项"), [(R.RULES, _l("规章")), (R.NORMATIVE, _l("规范性文件"))],
         [(C.MADE, _l("本年新制作数量")), (C.NEWLY_PUBLISHED, _l("本年新公开数量")), (C.PUBLIC_TOTAL, _l("对外公开总数量"))]),
        (_l("第二十条第（五）项"), [(R.LICENSING, _l("行政许可")), (R.OTHER_SERVICES, _l("其他对外管理服务事项"))],
         [(C.PREVIOUS_ITEMS, _l("上一年项目数量")), (C.CHANGE, _l("本年增/减")), (C.DECISIONS, _l("处理决定数量"))]),
        (_l("第二十条第（六）项"), [(R.PENALTY, _l("行政处罚")), (R.COERCION, _l("行政强制"))],
         [(C.PREVIOUS_ITEMS, _l("上一年项目数量")), (C.CHANGE, _l("本年增/减")), (C.DECISIONS, _l("处理决定数量"))]),
        (_l("第二十条第（八）项"), [(R.FEES, _l("行政事业性收费"))],
         [(C.PREVIOUS_ITEMS, _l("上一年项目数量")), (C.CHANGE, _l("本年增/减"))]),
        (_l("第二十条第（九）项"), [(R.PROCUREMENT, _l("政府集中采购"))],
         [(C.PURCHASES, _l("采购项目数量")), (C.PURCHASE_AMOUNT, _l("采购总金额"))]),
    ],
    formats.FORMAT_2021: [
        (_l("第二十条第（一）项"), [(R.RULES, _l("规章")), (R.NORMATIVE, _l("行政规范性文件"))],
         [(C.ISSUED, _l("本年制发件数")), (C.REPEALED, _l("本年废止件数")), (C.IN_FORCE, _l("现行有效件数"))]),
        (_l("第二十条第（五）项"), [(R.LICENSING, _l("行政许可"))], [(C.DECISIONS, _l("本年处理决定数量"))]),
        (_l("第二十条第（六）项"), [(R.PENALTY, _l("行政处罚")), (R.COERCION, _l("行政强制"))],
         [(C.DECISIONS, _l("本年处理决定数量"))]),
        (_l("第二十条第（八）项"), [(R.FEES, _l("行政事业性收费"))], [(C.AMOUNT, _l("本年收费金额（单位：万元）"))]),
    ],
}  # fmt: skip


def table2_layout(year: int) -> list:
    return TABLE2_LAYOUTS[formats.format_for_year(year).key]


def table2_cells(year: int) -> set[tuple[str, str]]:
    """The (row, column) cells of Table 二 in the format of `year`'s report."""
    return {(r.value, c.value) for _t, rows, cols in table2_layout(year) for r, _rl in rows for c, _cl in cols}


def compute_table2(report: AnnualReport) -> list[dict]:
    """The blocks of the year's format, each cell with its value and where it came from."""
    manual = {(f.row, f.column): f.value for f in report.manual_figures.all()} if report.pk else {}
    providers = registry.table2_providers()
    blocks = []
    for title, rows, columns in table2_layout(report.year):
        block = {"title": str(title), "columns": [[c.value, str(label)] for c, label in columns], "rows": []}
        for row, row_label in rows:
            provided = providers[row](report.year) if row in providers else None
            cells, sources = [], set()
            for column, _label in columns:
                if provided is not None and column.value in provided:
                    value, source = provided[column.value], "system"
                elif (row.value, column.value) in manual:
                    value, source = manual[(row.value, column.value)], "manual"
                else:
                    value, source = None, "missing"
                cells.append(_plain(value))
                sources.add(source)
            source = "system" if sources == {"system"} else "missing" if "missing" in sources else "manual"
            block["rows"].append({"key": row.value, "label": str(row_label), "cells": cells, "source": source})
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
    form = formats.format_for_year(year)
    return {
        "year": year,
        "format": form.key,
        "format_document": form.document,
        "format_title": str(form.title),
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
    """Table 二, 行政规范性文件: issued and repealed in `year`, in force at its end (1 query).

    For the 2019 format also: made in `year` (本年新制作), published in `year` (本年新公开) and
    published by its end (对外公开总数量).
    """
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
        made=Count("pk", filter=Q(written_on__year=year)),
        newly_published=Count("pk", filter=Q(published_at__year=year)),
        public_total=Count("pk", filter=Q(published_at__date__lte=end)),
    )
    return {key: value or 0 for key, value in figures.items()}


def report_title(year: int) -> str:
    return _("%(name)s%(year)d年政府信息公开工作年度报告") % {"name": BureauProfile.current().name, "year": year}


def same_title_notice(year: int):
    """A notice of the 政务公开年报 column, not withdrawn, already titled as the report of `year` would be."""
    from ..models import Notice

    return (
        Notice.objects.filter(category__slug=ANNUAL_REPORT_CATEGORY, title=report_title(year))
        .exclude(status=Notice.Status.WITHDRAWN)
        .first()
    )


def file_report_as_notice(report, *, by):
    """File a report being published in the 政务公开年报 column, once, as a notice.

    The notice goes through the same lifecycle as any other: drafted and submitted
    by whoever submitted the report, published by the reviewer publishing the report.
    """
    from loudi_portal import publishing

    from ..models import Category, Notice

    category = Category.objects.filter(slug=ANNUAL_REPORT_CATEGORY).first()
    title = report_title(report.year)
    if category is None:
        return None
    existing = same_title_notice(report.year)
    if existing is not None:
        return existing  # filed already (publication_errors refuses a report whose title another notice holds)
    body = render_to_string("reports/_report_body.html", {"report": report, "tables": report.tables})
    url = reverse("disclosure:annual-report-detail", args=[report.year])
    body += '<p>%s<a href="%s">%s</a></p>' % (_("本报告也在年度报告栏目中公开："), url, title)
    author = report.submitted_by or report.created_by
    notice = publishing.create_draft(
        model=Notice, by=author, title=title, category=category, body=body,
        source=BureauProfile.current().name, author=_("政务公开办"), written_on=timezone.localdate(),
    )  # fmt: skip
    attach_report_pdf(notice, report, title)
    notice = publishing.submit(record=notice, by=author)
    return publishing.publish(record=notice, by=by, revision=notice.revision)


def attach_report_pdf(notice, report, title: str):
    """The report as a PDF (reportlab, Chinese CID font), from the same frozen tables and text."""
    from django.core.files.base import ContentFile

    from ..models import NoticeAttachment
    from ..report_pdf import report_pdf

    pdf = report_pdf(report, title)
    attachment = NoticeAttachment(
        notice=notice, name=_("%(title)s（PDF版）") % {"title": title}, kind="PDF", size=len(pdf)
    )
    attachment.file.save(f"{report.year}-annual-report.pdf", ContentFile(pdf), save=False)
    attachment.save()
    return attachment


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
    register_obligation_source(
        "proactive",
        gettext_lazy("主动公开信息"),
        gettext_lazy("形成或变更之日起 20 个工作日内"),
        proactive_obligations,
    )
