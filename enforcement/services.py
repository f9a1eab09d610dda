"""Every change of state of a draw: freeze and run. Publication goes through `loudi_portal.publishing`.

Each function is keyword-only, runs in a transaction, checks the acting user's
rights (`permissions.py`) and saves through the model, so history records who
did what.
"""

import secrets
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loudi_portal import workdays
from loudi_portal.publishing import Status

from . import draw as algorithm
from . import permissions
from .models import (
    Draw,
    DrawStatus,
    InspectionPlan,
    Inspector,
    Penalty,
    publication_deadline,
)


def add_working_days(start: date, n: int) -> date:
    """Return the n-th working day after `start` (the start day itself is not counted),
    by the portal's working-day calendar (statutory holidays and 调休 included)."""
    return workdays.add_working_days(start, n).due


def latest_overdue_decision_date(today: date) -> date:
    """The last decision date whose publication deadline is already behind `today`."""
    day = today
    while publication_deadline(day) >= today:
        day -= timedelta(days=1)
    return day


def latest_decision_due_by(day: date) -> date:
    """The last decision date whose publication deadline falls on or before `day`."""
    decided = day
    while publication_deadline(decided) > day:
        decided -= timedelta(days=1)
    return decided


def penalties_publication_due(queryset, day: date):
    """Penalty decisions not yet published (draft or pending) whose 7-working-day deadline is by `day`."""
    return queryset.filter(status__in=[Status.DRAFT, Status.PENDING], decided_on__lte=latest_decision_due_by(day))


def penalties_to_withdraw(queryset, day: date):
    """Published penalties whose 公示期 ends by `day`: to be taken down (撤回) with a reason."""
    return queryset.filter(status=Status.PUBLISHED, publicity_ends_on__lte=day)


# --- The draw ---------------------------------------------------------------------------


def frozen_lists(plan: InspectionPlan) -> tuple[list, list, list]:
    """Return (candidates, inspectors, conflicts) as the draw freezes them (three queries)."""
    candidates = [
        {"credit_code": code, "name": name} for code, name in plan.candidates().values_list("credit_code", "name")
    ]
    inspectors = [
        {"cert_no": cert, "name": name}
        for cert, name in Inspector.objects.filter(is_active=True).order_by("cert_no").values_list("cert_no", "name")
    ]
    codes = {c["credit_code"] for c in candidates}
    certs = {i["cert_no"] for i in inspectors}
    pairs = Inspector.conflicts.through.objects.values_list("inspector__cert_no", "enterprise__credit_code")
    conflicts = [
        {"cert_no": cert, "credit_code": code} for cert, code in sorted(set(pairs)) if cert in certs and code in codes
    ]
    return candidates, inspectors, conflicts


def _freeze(*, plan: InspectionPlan, public_source: str, by, at=None) -> Draw:
    plan = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_public:
        # The commitment only means something once the reviewed plan is public.
        raise ValidationError(_("抽查计划须先经审核发布，才能冻结名单。"))
    if Draw.objects.filter(plan=plan).exists():
        raise ValidationError(_("该计划的抽查名单已经冻结，不能重新冻结。"))
    public_source = (public_source or "").strip()
    if not public_source:
        raise ValidationError(_("请写明将使用的公开随机数来源，例如某一未来日期的彩票开奖号码。"))
    candidates, inspectors, conflicts = frozen_lists(plan)
    k, m = plan.enterprise_count, plan.inspectors_per_enterprise
    if len(candidates) < k:
        raise ValidationError(
            _("不能冻结：符合范围的在营企业只有 %(n)d 家，少于计划抽取的 %(k)d 家。") % {"n": len(candidates), "k": k}
        )
    problems = algorithm.shortfalls(candidates, inspectors, conflicts, k, m)
    if problems:
        blocked = algorithm.conflict_pairs(conflicts)
        short = [
            c["name"]
            for c in candidates
            if sum(1 for i in inspectors if (i["cert_no"], c["credit_code"]) not in blocked) < m
        ]
        raise ValidationError(
            _("不能冻结：无回避关系的在岗检查人员不足 %(m)d 名（涉及：%(names)s）。")
            % {"m": m, "names": "、".join(short[:5]) + ("等" if len(short) > 5 else "")}
        )
    secret = secrets.token_hex(32)
    draw = Draw(
        plan=plan,
        k=k,
        m=m,
        candidates=candidates,
        candidates_sha256=algorithm.list_sha256(candidates),
        inspectors=inspectors,
        inspectors_sha256=algorithm.list_sha256(inspectors),
        conflicts=conflicts,
        conflicts_sha256=algorithm.list_sha256(conflicts),
        commitment=algorithm.commitment_for(secret),
        secret=secret,
        public_source=public_source[:300],
        frozen_at=at or timezone.now(),
        frozen_by=by,
    )
    draw._history_user = by
    draw.save()
    return draw


@transaction.atomic
def freeze_plan(*, plan: InspectionPlan, public_source: str, by) -> Draw:
    """Fix the candidate, inspector and conflict lists and publish the commitment.

    Refuses when there are fewer candidates than k, or a candidate would have fewer
    than m inspectors free of conflict.
    """
    if not permissions.can_freeze(by):
        raise PermissionDenied
    return _freeze(plan=plan, public_source=public_source, by=by)


def _draw(*, draw: Draw, public_value: str, by, at=None) -> Draw:
    draw = Draw.objects.select_for_update().get(pk=draw.pk)
    if draw.status == DrawStatus.DRAWN:
        raise ValidationError(_("该抽取已经完成，不能重新抽取或修改。"))
    typed = (public_value or "").strip()
    if not typed:
        raise ValidationError(_("请填写公开随机数（开奖日期和开奖号码）。"))
    if len(typed) > 200:
        raise ValidationError(_("公开随机数不能超过 200 个字符。"))
    try:
        public_value = algorithm.canonical_public_value(
            draw.public_source, typed, not_before=timezone.localdate(draw.frozen_at)
        )
    except algorithm.PublicValueError as exc:
        raise ValidationError(str(exc)) from None
    draw.algorithm = algorithm.ALGORITHM
    seed = algorithm.seed_for(draw.secret, public_value)
    draw.selected = algorithm.select(seed, draw.candidates, draw.inspectors, draw.conflicts, draw.k, draw.m)
    draw.public_value = public_value
    draw.seed = seed
    draw.status = DrawStatus.DRAWN
    draw.drawn_at = at or timezone.now()
    draw.drawn_by = by
    draw._history_user = by
    draw.save()
    return draw


@transaction.atomic
def run_draw(*, draw: Draw, public_value: str, by) -> Draw:
    """Enter the public value, compute the seed and the result, reveal the secret. Reviewers only."""
    if not permissions.can_run_draw(by):
        raise PermissionDenied
    return _draw(draw=draw, public_value=public_value, by=by)


LAPSE_REASON = "公示期满，自动从公开列表和公开数据撤下（《信用修复管理办法》）"
NOT_PUBLISHED_REASON = "轻微失信行为，依规不公示（《信用修复管理办法》）"


def record_publicity_lapses(*, today: date | None = None) -> int:
    """Write a history entry for each penalty that has left the public register since the last run.

    The public querysets already hide such rows on the day after their period ends; this makes
    the removal visible in the record's history (with its date and reason) for auditors.
    One query to find the rows, one save (and history row) per lapsed penalty.
    """
    today = today or timezone.localdate()
    lapsed = Penalty.objects.past_publicity_period(today).filter(publicity_lapsed_on__isnull=True).order_by("pk")
    count = 0
    for penalty in lapsed.iterator(chunk_size=500):
        with transaction.atomic():
            penalty = Penalty.objects.select_for_update().get(pk=penalty.pk)
            last_day = penalty.publicity_last_day
            penalty.publicity_lapsed_on = last_day + timedelta(days=1) if last_day else penalty.decided_on
            penalty._change_reason = LAPSE_REASON if last_day else NOT_PUBLISHED_REASON
            penalty.save(update_fields=["publicity_lapsed_on"])
        count += 1
    return count
