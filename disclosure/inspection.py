"""What the 自查 (loudi_portal/selfcheck.py) reads from the disclosure catalogue: each column's last
update and its update limit, and whether the yearly report was published by January 31.

Registered from `DisclosureConfig.ready()`; the shell never imports this app.
"""

from datetime import date

from django.db.models import Count, Max, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import selfcheck

from .models import AnnualReport, Category, CategoryTree

LIMIT_DAYS = {
    Category.UpdateRule.DYNAMIC: selfcheck.DYNAMIC_LIMIT_DAYS,
    Category.UpdateRule.NOTICES: selfcheck.NOTICE_LIMIT_DAYS,
}
REPORT_DUE = (1, 31)  # 条例 Art. 49: the previous year's report by January 31


def column_states() -> list[selfcheck.ColumnState]:
    """Every catalogue column, counting its sub-columns' notices as its own (1 query for the counts, 1 for the tree)."""
    published = Q(notices__status="published", notices__published_at__lte=Now())
    direct = {
        row["pk"]: (row["n"], row["last"])
        for row in Category.objects.annotate(
            n=Count("notices", filter=published), last=Max("notices__published_at", filter=published)
        ).values("pk", "n", "last")
    }
    tree = CategoryTree.load()
    states = []
    for category in tree.categories:
        ids = tree.descendant_ids(category)
        counts = [direct.get(pk, (0, None)) for pk in ids]
        lasts = [last for _n, last in counts if last is not None]
        states.append(
            selfcheck.ColumnState(
                name=category.name,
                url=category.get_absolute_url(),
                admin_url=reverse("admin:disclosure_notice_add") + f"?category={category.pk}",
                last_updated=max(lasts) if lasts else None,
                items=sum(n for n, _last in counts),
                limit_days=LIMIT_DAYS.get(category.update_rule),
            )
        )
    return states


def report_due_year(today: date) -> tuple[int, date]:
    """The latest report that should be out by `today`, and its due date."""
    due = date(today.year, *REPORT_DUE)
    if today > due:
        return today.year - 1, due
    return today.year - 2, date(today.year - 1, *REPORT_DUE)


def annual_report_check(check, context) -> selfcheck.Result:
    year, due = report_due_year(context.today)
    report = AnnualReport.objects.filter(year=year).first()
    published_on = (
        timezone.localdate(report.published_at)
        if report and report.published_at and report.status == "published"
        else None
    )
    if published_on is None:
        finding = selfcheck.Finding(
            _("%(year)d 年政府信息公开工作年度报告尚未发布（应于 %(due)s 前发布）") % {"year": year, "due": due},
            reverse("admin:disclosure_annualreport_changelist"),
        )
        return selfcheck.result(check, passed=False, summary=finding.text, findings=[finding])
    on_time = published_on <= due
    summary = _("%(year)d 年度报告于 %(on)s 发布（期限 %(due)s）") % {"year": year, "on": published_on, "due": due}
    findings = [] if on_time else [selfcheck.Finding(_("年度报告发布超期"), report.get_absolute_url())]
    return selfcheck.result(check, passed=on_time, summary=summary, findings=findings)


def connect() -> None:
    selfcheck.register_column_source(column_states)
    selfcheck.register_check(
        selfcheck.Check(
            key="annual_report",
            title=gettext_lazy("政府信息公开工作年度报告"),
            rule=gettext_lazy("上一年度报告于 1 月 31 日前发布（《政府信息公开条例》第四十九、五十条）"),
            veto=False,
            run=annual_report_check,
            order=80,
        )
    )
