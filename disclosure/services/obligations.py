"""The obligations board: every publication deadline the bureau has, in one list.

Each part of the portal adds its deadlines with `register_obligation_source(key, label, rule, fn)`,
where fn(today) returns a list of `Obligation`. This module provides the sources
it can see itself (the yearly report, 三公 budgets) and lists
the statutory rules whose source has not been plugged in yet, so nothing is forgotten.
"""

import calendar
from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import registry, work_queues, workdays
from loudi_portal.obligations import Obligation, board, register_obligation_source, register_pending

BOARD_PERMISSION = "disclosure.view_obligationboard"


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


# 政策解读: prepared, signed off and published together with the policy (国办发〔2016〕80号,
# "同步起草、同步审签、同步发布"); the days of grace after the policy are the portal's setting.
INTERPRETATION_WORKING_DAYS = 3
# 《安全生产法》 (2021) Art. 86: the 整改 is assessed and the result published within 1 year of 批复.
ASSESSMENT_MONTHS = 12
# 《安全生产法》(2021 修正) Art. 86, in force from 2021-09-01, added the duty to assess the
# rectification within a year of the 批复 and publish it; reports approved before then had none.
ASSESSMENT_DUTY_FROM = date(2021, 9, 1)


def _first_public(relations, kind):
    days = [timezone.localdate(r.source.published_at) for r in relations if r.kind == kind and r.source.is_public]
    return min(days) if days else None


def interpretation_obligations(today: date) -> list[Obligation]:
    """Every published, still valid normative document: has its 政策解读 been published? (2 queries)

    Those answered more than a year ago drop off the board.
    """
    from ..models import Notice, NoticeRelation

    policies = (
        Notice.objects.published()
        .filter(category__is_normative=True)
        .exclude(validity__in=[Notice.Validity.EXPIRED, Notice.Validity.REPEALED])
        .prefetch_related(models.Prefetch("relations_in", queryset=NoticeRelation.objects.select_related("source")))
        .order_by("published_at", "id")
    )
    items = []
    for policy in policies:
        validity = policy.effective_validity()
        if validity and validity["by"] is not None:
            continue  # repealed or replaced by a later document: nothing left to explain
        done = _first_public(policy.relations_in.all(), NoticeRelation.Kind.INTERPRETS)
        if done and (today - done).days > 365:
            continue
        published_on = timezone.localdate(policy.published_at)
        items.append(
            Obligation(
                title=_("《%(title)s》的政策解读") % {"title": policy.title},
                rule=_("与政策文件同步发布（国办发〔2016〕80号）"),
                due_on=workdays.add_working_days(published_on, INTERPRETATION_WORKING_DAYS).due,
                done_on=done,
                url=reverse("admin:disclosure_notice_change", args=[policy.pk]),
            )
        )
    return items


def assessment_obligations(today: date) -> list[Obligation]:
    """Published accident reports: is the 整改评估 published within 1 year of the 批复? (2 queries)"""
    from ..models import Notice, NoticeRelation

    reports = (
        Notice.objects.published()
        .filter(category__is_accident_report=True, approved_on__gte=ASSESSMENT_DUTY_FROM)
        .exclude(relations_out__kind=NoticeRelation.Kind.ASSESSES)
        .prefetch_related(models.Prefetch("relations_in", queryset=NoticeRelation.objects.select_related("source")))
        .order_by("approved_on", "id")
    )
    items = []
    for report in reports:
        done = _first_public(report.relations_in.all(), NoticeRelation.Kind.ASSESSES)
        if done and (today - done).days > 365:
            continue
        items.append(
            Obligation(
                title=_("《%(title)s》的整改评估") % {"title": report.title},
                rule=_("批复后 1 年内评估整改情况并公开（《安全生产法》第八十六条）"),
                due_on=add_months(report.approved_on, ASSESSMENT_MONTHS),
                done_on=done,
                url=reverse("admin:disclosure_notice_change", args=[report.pk]),
            )
        )
    return items


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def register_defaults() -> None:
    register_obligation_source(
        "annual_report", gettext_lazy("年度报告"), gettext_lazy("次年 1 月 31 日前"), report_obligations
    )
    register_obligation_source(
        "budgets", gettext_lazy("“三公”经费预决算"), gettext_lazy("批复后 20 日内"), budget_obligations
    )
    register_obligation_source(
        "interpretations",
        gettext_lazy("政策解读"),
        gettext_lazy("与政策文件同步发布"),
        interpretation_obligations,
    )
    register_obligation_source(
        "accident_assessments",
        gettext_lazy("事故整改评估"),
        gettext_lazy("事故调查报告批复后 1 年内"),
        assessment_obligations,
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


def work_queue_rows(user, today: date) -> list[registry.QueueRow]:
    """The obligations board's open items due within 3 working days or late (every source's collector)."""
    if not user.has_perm(BOARD_PERMISSION):
        return []
    rows = board(today, due_by=work_queues.due_horizon(today))["rows"]
    if not rows:
        return []
    return [
        registry.QueueRow(
            section="deadlines",
            label=_("公开义务看板（全部公开期限）"),
            count=len(rows),
            overdue=sum(1 for row in rows if row["state"] == "late"),
            url=reverse("admin:disclosure_obligationboard_changelist") + "?due=soon",
            order=10,
        )
    ]


def connect_work_queue() -> None:
    registry.register_work_queue(registry.WorkQueueProvider(key="obligations", rows=work_queue_rows, order=20))
    registry.register_admin_shortcut(
        registry.AdminShortcut(
            key="obligation_board",
            title=gettext_lazy("公开义务看板"),
            url_name="admin:disclosure_obligationboard_changelist",
            permission=BOARD_PERMISSION,
            description=gettext_lazy("每项公开期限及其完成情况"),
            order=20,
        )
    )
