"""The obligations board: every publication deadline the bureau has, in one list.

Each part of the portal adds its deadlines with `register_obligation_source(key, label, rule, fn)`,
where fn(today) returns a list of `Obligation`. This module provides the sources
it can see itself (the yearly report, 三公 budgets) and lists
the statutory rules whose source has not been plugged in yet, so nothing is forgotten.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal.obligations import Obligation, register_obligation_source, register_pending


def _staff_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def report_obligations(today: date) -> list[Obligation]:
    """Last year's report (due January 31 of this year), 1 query."""
    from ..models import AnnualReport
    from .reports import publication_deadline

    year = today.year - 1
    report = AnnualReport.objects.filter(year=year).first()
    published = report.published_at.date() if report and report.published_at and report.status == "published" else None
    return [
        Obligation(
            title=_("%(year)d 年政府信息公开工作年度报告") % {"year": year},
            rule=_("每年 1 月 31 日前公布上一年度报告"),
            due_on=publication_deadline(year),
            done_on=published,
            url=reverse("admin:disclosure_annualreport_change", args=[report.pk]) if report else "",
        )
    ]


def budget_obligations(today: date) -> list[Obligation]:
    """This year's 三公 budget and last year's final accounts (1 query); no fixed date recorded."""
    from ..models import SanGongStatement

    have = {(s.year, s.stage): s for s in SanGongStatement.objects.filter(year__in=[today.year, today.year - 1])}
    items = []
    for year, stage, label in ((today.year, "budget", _("预算")), (today.year - 1, "final", _("决算"))):
        s = have.get((year, stage))
        done = s.published_at.date() if s and s.published_at and s.status == "published" else None
        items.append(
            Obligation(
                title=_("%(year)d 年“三公”经费%(stage)s") % {"year": year, "stage": label},
                rule=_("预决算批复后 20 日内公开"),
                due_on=None,
                done_on=done,
                url=reverse("admin:disclosure_sangongstatement_change", args=[s.pk]) if s else "",
            )
        )
    return items


def register_defaults() -> None:
    register_obligation_source(
        "annual_report", gettext_lazy("年度报告"), gettext_lazy("次年 1 月 31 日前"), report_obligations
    )
    register_obligation_source(
        "budgets", gettext_lazy("“三公”经费预决算"), gettext_lazy("批复后 20 日内"), budget_obligations
    )
    # Rules whose registers live in other parts of the portal; they replace these entries with a collector.
    for key, label, rule in [
        ("proactive", gettext_lazy("主动公开信息"), gettext_lazy("形成或变更之日起 20 个工作日内")),
        ("licensing", gettext_lazy("行政许可决定（双公示）"), gettext_lazy("作出决定之日起 7 个工作日内")),
        ("penalties", gettext_lazy("行政处罚决定（双公示）"), gettext_lazy("作出决定之日起 7 个工作日内")),
        ("penalty_withdrawals", gettext_lazy("处罚决定撤回"), gettext_lazy("变更、撤销或确认违法、无效后 3 日内")),
        ("inspections", gettext_lazy("双随机抽查结果"), gettext_lazy("抽查完成后 20 个工作日内")),
    ]:
        register_pending(key, label, rule)
