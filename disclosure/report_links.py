"""How the yearly report meets the rest of the portal.

- Table 二's normative-document row is counted from the notices in the
  catalogue's normative categories (issued, repealed, in force);
- a published report is also filed as a notice in the 政务公开年报 category,
  so it appears in the catalogue, the feeds, the sitemap and the search;
- proactive notices join the obligations board (20 working days from 成文日期).
"""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import workdays
from loudi_portal.models import BureauProfile

ANNUAL_REPORT_CATEGORY = "annual-reports"
PROACTIVE_WORKING_DAYS = 20


def normative_figures(year: int) -> dict:
    """Table 二, 行政规范性文件: issued and repealed in `year`, in force at its end (1 query)."""
    from .models import Notice

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
    from .models import Category, Notice
    from .services import format_index_number, next_index_serial

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

    from .models import Notice

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

    from .report_models import Table2Row
    from .report_services import publication_hooks

    register_table2_provider(Table2Row.NORMATIVE, normative_figures)
    if file_report_as_notice not in publication_hooks:
        publication_hooks.append(file_report_as_notice)
    register_obligation_source(
        "proactive",
        gettext_lazy("主动公开信息"),
        gettext_lazy("形成或变更之日起 20 个工作日内"),
        proactive_obligations,
    )
