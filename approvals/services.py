"""Every change of an application's state: accept, review, pause, resume, extend,
decide (which drafts the 双公示 result, `draft_result`) and complete. Each runs in a transaction,
re-reads the row under lock, checks the rule, recomputes the deadlines from the
working-day calendar and leaves a history record."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from loudi_portal import publishing, tracking
from loudi_portal.doc_number import doc_number_error
from loudi_portal.identifiers import normalize_credit_code, validate_credit_code
from loudi_portal.publishing import Status
from loudi_portal.workdays import add_working_days, working_days_between

from .models import MAX_EXTENSION_DAYS, RESULT_PUBLICATION_DAYS, Application, ApprovalResult, Pause, Service
from .permissions import can_process


def _check(by) -> None:
    if by is not None and not can_process(by):
        raise PermissionDenied


def _locked(application: Application) -> Application:
    return Application.objects.select_for_update().select_related("service").get(pk=application.pk)


def _save(application: Application, by, reason: str) -> Application:
    if by is not None:
        application._history_user = by
    application._change_reason = reason
    application.save()
    return application


def refresh_deadlines(application: Application) -> Application:
    """Recompute both deadlines (and the days taken) from acceptance, extension and pauses.

    Does not save. While a pause is open the deadlines are unknown (None).
    Costs one query for the pauses (none if prefetched) plus the calendar's cache.
    """
    pauses = list(application.pauses.all())
    if any(p.ends_on is None for p in pauses):
        application.committed_due_on = application.statutory_due_on = None
        application.due_is_provisional = False
    else:
        periods = [(p.starts_on, p.ends_on, p.get_kind_display()) for p in pauses]
        extra = application.extension_days
        committed = add_working_days(application.accepted_on, application.committed_limit_days + extra, pauses=periods)
        statutory = add_working_days(application.accepted_on, application.statutory_limit_days + extra, pauses=periods)
        application.committed_due_on = committed.due
        application.statutory_due_on = statutory.due
        application.due_is_provisional = committed.provisional or statutory.provisional
    if application.decision_on:
        periods = [(p.starts_on, p.ends_on or application.decision_on, "") for p in pauses]
        application.working_days_taken = working_days_between(
            application.accepted_on, application.decision_on, pauses=periods
        )
    else:
        application.working_days_taken = None
    return application


def last_decision_day_overdue(today: date) -> date:
    """The latest decision date whose 7-working-day publication deadline is already past."""
    return last_decision_day_due_by(today - timedelta(days=1))


def last_decision_day_due_by(day: date) -> date:
    """The latest decision date whose 7-working-day publication deadline falls on or before `day`."""
    decided = day
    while add_working_days(decided, RESULT_PUBLICATION_DAYS).due > day:
        decided -= timedelta(days=1)
    return decided


def results_due(queryset, day: date):
    """Decided applications whose 双公示 result is unpublished and due on or before `day`."""
    return queryset.exclude(decision="").filter(
        Q(result__isnull=True) | Q(result__published_at__isnull=True),
        decision_on__lte=last_decision_day_due_by(day),
    )


REFERENCE_PREFIX = "LDYJ"


def new_query_code() -> str:
    """Eight random digits, told to the applicant at acceptance (only their hash is kept)."""
    return tracking.new_query_code(alphabet=tracking.DIGITS, length=8)


def next_reference(year: int) -> str:
    """`LDYJ-2026-00061`: the next acceptance number of the year (race-safe; see tracking)."""
    return tracking.next_reference(prefix=REFERENCE_PREFIX, year=year, existing=Application.objects.all())


def check_query_code(application: Application | None, code: str) -> bool:
    """Whether `code` is this application's query code (constant time; False for no application)."""
    return tracking.check_query_code(code, application.query_code_hash if application else "")


@transaction.atomic
def accept_application(
    *,
    service: Service,
    enterprise_name: str,
    credit_code: str,
    contact_name: str,
    contact_phone: str,
    received_on: date,
    accepted_on: date,
    by=None,
    query_code: str | None = None,
) -> Application:
    """Log an accepted application, give it a reference number and a query code, start the clock.

    The code is kept only as a salted hash; the returned instance carries it in
    `query_code` (not a field, never saved) for the acceptance slip, once.
    `query_code` is for the demo's known sample codes; normally it is random.
    """
    _check(by)
    if not service.is_public:
        raise ValidationError(_("该事项未公开办理，不能受理。"))
    if accepted_on < received_on:
        raise ValidationError(_("受理日期不得早于收件日期。"))
    credit_code = normalize_credit_code(credit_code)
    validate_credit_code(credit_code)
    application = Application(
        service=service,
        enterprise_name=enterprise_name.strip(),
        credit_code=credit_code,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        received_on=received_on,
        accepted_on=accepted_on,
        statutory_limit_days=service.statutory_limit_days,
        committed_limit_days=service.committed_limit_days,
        stage=Application.Stage.ACCEPTED,
    )
    code = query_code or new_query_code()
    application.query_code_hash = tracking.hash_query_code(code)
    application.full_clean(exclude=["reference", "query_code_hash"])
    refresh_deadlines_new(application)
    for _attempt in range(5):
        application.reference = next_reference(accepted_on.year)
        try:
            with transaction.atomic():
                saved = _save(application, by, "受理")
                saved.query_code = code
                return saved
        except IntegrityError:
            application.pk = None  # a parallel acceptance took the number: take the next one
    raise ValidationError(_("暂时无法生成受理编号，请重试。"))


def refresh_deadlines_new(application: Application) -> None:
    """Deadlines of an application that has no pauses yet (it is not saved)."""
    committed = add_working_days(application.accepted_on, application.committed_limit_days)
    statutory = add_working_days(application.accepted_on, application.statutory_limit_days)
    application.committed_due_on, application.statutory_due_on = committed.due, statutory.due
    application.due_is_provisional = committed.provisional or statutory.provisional


def _open(application: Application) -> None:
    if application.decision:
        raise ValidationError(_("该申请已作出决定，不能再变更办理过程。"))


@transaction.atomic
def start_review(*, application: Application, on: date, by=None) -> Application:
    _check(by)
    application = _locked(application)
    _open(application)
    if application.stage != Application.Stage.ACCEPTED:
        raise ValidationError(_("该申请已在审查中。"))
    if on < application.accepted_on:
        raise ValidationError(_("审查日期不得早于受理日期。"))
    application.stage = Application.Stage.REVIEW
    application.review_started_on = on
    return _save(application, by, "进入审查")


@transaction.atomic
def pause(*, application: Application, kind: str, starts_on: date, reason: str = "", by=None) -> Pause:
    """Stop the clock from `starts_on` (that day included)."""
    _check(by)
    application = _locked(application)
    _open(application)
    if kind not in Pause.Kind.values:
        raise ValidationError(_("未知的暂停事由。"))
    if starts_on <= application.accepted_on:
        raise ValidationError(_("暂停只能从受理次日起。"))
    pauses = list(application.pauses.all())
    if any(p.ends_on is None for p in pauses):
        raise ValidationError(_("该申请正在暂停计时，请先恢复计时。"))
    if any(p.ends_on and p.ends_on >= starts_on for p in pauses):
        raise ValidationError(_("暂停期间不得与已有暂停重叠。"))
    item = Pause(application=application, kind=kind, starts_on=starts_on, reason=reason[:300])
    if by is not None:
        item._history_user = by
    item.save()
    refresh_deadlines(application)
    _save(application, by, f"暂停计时：{item.get_kind_display()}")
    return item


@transaction.atomic
def resume(*, application: Application, last_paused_day: date, by=None) -> Application:
    """Restart the clock: `last_paused_day` is the last day not counted."""
    _check(by)
    application = _locked(application)
    current = application.pauses.filter(ends_on__isnull=True).first()
    if current is None:
        raise ValidationError(_("该申请没有正在进行的暂停。"))
    if last_paused_day < current.starts_on:
        raise ValidationError(_("恢复计时日期不得早于暂停起始日。"))
    current.ends_on = last_paused_day
    if by is not None:
        current._history_user = by
    current.save()
    refresh_deadlines(application)
    return _save(application, by, "恢复计时")


@transaction.atomic
def extend(
    *,
    application: Application,
    days: int,
    reason: str,
    approved_by: str,
    approved_on: date,
    notified_on: date,
    by=None,
) -> Application:
    """Grant the one extension the law allows: approved by the head, reason given, applicant told."""
    _check(by)
    application = _locked(application)
    _open(application)
    if application.extension_days:
        raise ValidationError(_("办理时限只能延长一次。"))
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError(_("延长期限为 1 至 %(max)d 个工作日。") % {"max": MAX_EXTENSION_DAYS})
    if not reason.strip() or not approved_by.strip():
        raise ValidationError(_("延期须写明理由和批准的负责人。"))
    if application.is_paused:
        raise ValidationError(_("暂停计时期间不能办理延期。"))
    if approved_on < application.accepted_on or (
        application.statutory_due_on and approved_on > application.statutory_due_on
    ):
        raise ValidationError(_("延期须在法定期限届满前批准。"))
    if notified_on < approved_on:
        raise ValidationError(_("告知申请人的日期不得早于批准日期。"))
    application.extension_days = days
    application.extension_reason = reason.strip()[:300]
    application.extension_approved_by = approved_by.strip()[:50]
    application.extension_approved_on = approved_on
    application.extension_notified_on = notified_on
    refresh_deadlines(application)
    return _save(application, by, "延长办理时限")


@transaction.atomic
def decide(
    *,
    application: Application,
    decision: str,
    on: date,
    decision_number: str = "",
    reason: str = "",
    licence_number: str = "",
    valid_from: date | None = None,
    valid_until: date | None = None,
    by=None,
) -> Application:
    """Record the decision: granted with licence number and validity, or refused with a reason."""
    _check(by)
    application = _locked(application)
    if application.result_is_public:
        raise ValidationError(_("该决定的结果已公示，不能再变更决定；如有错误，请对行政许可结果提出更正。"))
    _open(application)
    if decision not in (Application.Decision.GRANTED, Application.Decision.REFUSED):
        raise ValidationError(_("决定只能是准予许可或不予许可。"))
    if application.is_paused:
        raise ValidationError(_("暂停计时期间不能作出决定，请先恢复计时。"))
    if on < application.accepted_on:
        raise ValidationError(_("决定日期不得早于受理日期。"))
    last_pause_end = max((p.ends_on for p in application.pauses.all()), default=None)
    if last_pause_end and on <= last_pause_end:
        raise ValidationError(_("决定日期应在暂停结束之后。"))
    if application.extension_approved_on and on < application.extension_approved_on:
        raise ValidationError(_("决定日期不得早于延期批准日期：延期须在作出决定之前批准。"))
    if decision_number.strip() and (message := doc_number_error(decision_number)):
        raise ValidationError(_("决定书文号有误：%(message)s") % {"message": message})
    if decision == Application.Decision.REFUSED:
        if not reason.strip():
            raise ValidationError(_("不予许可须说明理由。"))
        licence_number, valid_from, valid_until = "", None, None
    elif application.service.kind == Service.Kind.LICENSING:
        if not licence_number.strip() or not valid_from or not valid_until:
            raise ValidationError(_("准予许可须填写许可证编号和有效期。"))
        if valid_until <= valid_from:
            raise ValidationError(_("有效期截止日应晚于起始日。"))
    application.decision = decision
    application.decision_on = on
    application.decision_number = decision_number.strip()[:100]
    application.decision_reason = reason.strip()
    application.licence_number = licence_number.strip()[:100]
    application.licence_valid_from = valid_from
    application.licence_valid_until = valid_until
    application.stage = Application.Stage.DECIDED
    refresh_deadlines(application)
    application = _save(application, by, "作出决定")
    draft_result(application=application, by=by)
    return application


def _result_values(application: Application) -> dict:
    """The public fields of a decision, as the 双公示 result shows them."""
    return {
        "reference": application.reference,
        "service": application.service,
        "enterprise_name": application.enterprise_name,
        "credit_code": application.credit_code,
        "decision": application.decision,
        "decision_on": application.decision_on,
        "decision_number": application.decision_number,
        "licence_number": application.licence_number,
        "licence_valid_from": application.licence_valid_from,
        "licence_valid_until": application.licence_valid_until,
        "decision_reason": application.decision_reason,
        "certificate_name": application.service.result_name if application.licence_number else "",
    }


@transaction.atomic
def complete(*, application: Application, on: date, by=None) -> Application:
    """Delivered to the applicant (送达): the file is closed."""
    _check(by)
    application = _locked(application)
    if not application.decision:
        raise ValidationError(_("尚未作出决定，不能办结。"))
    if application.completed_on:
        raise ValidationError(_("该申请已办结。"))
    if on < application.decision_on:
        raise ValidationError(_("办结日期不得早于决定日期。"))
    application.completed_on = on
    application.stage = Application.Stage.COMPLETED
    return _save(application, by, "办结")


@transaction.atomic
def draft_result(*, application: Application, by=None) -> ApprovalResult:
    """The decision's 双公示 result as a draft (created, or refreshed while still a draft).

    It then goes through the shared lifecycle: an editor submits it, another reviewer publishes it.
    """
    application = _locked(application)
    if not application.decision:
        raise ValidationError(_("尚未作出决定，没有可公示的结果。"))
    values = _result_values(application)
    result = ApprovalResult.objects.select_for_update().filter(application=application).first()
    if result is None:
        if by is None:  # a system import: nobody is the author yet
            result = ApprovalResult(application=application, **values)
            result.full_clean()
            result._change_reason = "根据决定生成结果草稿"
            result.save()
            return result
        return publishing.create_draft(model=ApprovalResult, by=by, application=application, **values)
    if result.status != Status.DRAFT:
        raise ValidationError(_("该结果已送审或已公示，不能再从决定重新生成；如有错误，请提出更正。"))
    for name, value in values.items():
        setattr(result, name, value)
    if by is not None:
        publishing.mark_edited(result, by=by)
    result.full_clean()
    result._change_reason = "根据决定更新结果草稿"
    result.save()
    return result
