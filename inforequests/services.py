"""Information requests: submission, the ledger of events, fees and tracking.

The answer clock is `inforequests.clock`, the fee bands `inforequests.fees`.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loudi_portal import tracking

from .clock import (
    MAX_EXTENSION_DAYS,
    Clock,
    compute_clock,
)
from .fees import fee_for_nth_request
from .models import InfoRequest, Outcome, RequestEvent

Kind = RequestEvent.Kind
Status = InfoRequest.Status


def validate_event(request: InfoRequest, events: list[RequestEvent], new: RequestEvent) -> None:
    """Refuse an event the ledger cannot take, with a message staff understand."""
    kinds = [e.kind for e in events]
    clock = compute_clock(events)
    today = timezone.localdate()
    if new.on > today:
        raise ValidationError(_("日期不能晚于今天。"))
    if events and new.on < max(e.on for e in events):
        raise ValidationError(_("日期不能早于上一条办理记录（%(d)s）。") % {"d": max(e.on for e in events)})
    if clock.status in (Status.ANSWERED, Status.ABANDONED):
        raise ValidationError(_("该申请已办结，不能再登记办理记录。"))
    if new.kind == Kind.RECEIVED:
        if Kind.RECEIVED in kinds:
            raise ValidationError(_("已登记收到申请。"))
        if not new.channel:
            raise ValidationError(_("请选择收到申请的渠道（决定收到之日）。"))
        return
    if Kind.RECEIVED not in kinds:
        raise ValidationError(_("请先登记收到申请的日期。"))
    pending_supplement = clock.status == Status.AWAITING_SUPPLEMENT
    consulting = clock.status == Status.CONSULTING
    if new.kind == Kind.SUPPLEMENT_ASKED:
        if Kind.SUPPLEMENT_ASKED in kinds:
            raise ValidationError(_("补正只能一次性告知申请人。"))
        if new.on > clock.supplement_deadline:
            raise ValidationError(
                _("告知补正应在收到申请之日起 7 个工作日内（最迟 %(d)s）。") % {"d": clock.supplement_deadline}
            )
        if consulting:
            raise ValidationError(_("征求第三方意见期间不能告知补正。"))
    elif new.kind == Kind.SUPPLEMENT_RECEIVED:
        if not pending_supplement:
            raise ValidationError(_("没有待补正的告知。"))
    elif new.kind == Kind.CONSULTATION_STARTED:
        if pending_supplement or consulting:
            raise ValidationError(_("当前状态不能开始征求第三方意见。"))
    elif new.kind == Kind.CONSULTATION_ENDED:
        if not consulting:
            raise ValidationError(_("没有正在进行的征求意见。"))
    elif new.kind == Kind.EXTENDED:
        if Kind.EXTENDED in kinds:
            raise ValidationError(_("答复期限只能延长一次。"))
        if not new.extension_days or not 1 <= new.extension_days <= MAX_EXTENSION_DAYS:
            raise ValidationError(_("延长期限为 1 至 20 个工作日。"))
        if not new.approved_by.strip():
            raise ValidationError(_("延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人。"))
        if not new.applicant_told:
            raise ValidationError(_("延长答复期限应告知申请人。"))
        if pending_supplement:
            raise ValidationError(_("待补正期间不能延长答复期限。"))
        if clock.due_on and new.on > clock.due_on:
            raise ValidationError(_("答复期限（%(d)s）已过，不能再延长。") % {"d": clock.due_on})
    elif new.kind == Kind.ANSWERED:
        if not new.outcome:
            raise ValidationError(_("请选择办理结果（年度报告表三的类别）。"))
        if pending_supplement or consulting:
            raise ValidationError(_("请先登记补正材料或第三方意见的收回。"))
    elif new.kind == Kind.ABANDONED:
        outcome = new.outcome or Outcome.OTHER_NO_SUPPLEMENT
        if not outcome.startswith("6."):
            raise ValidationError(_("终止办理的结果应为“其他处理”之一。"))
        if outcome == Outcome.OTHER_NO_SUPPLEMENT and not pending_supplement:
            raise ValidationError(_("只有告知补正后申请人逾期未补正，才能视为放弃申请。"))


def refresh_clock(request: InfoRequest) -> Clock:
    """Recompute the cached status and due date from the ledger and save them."""
    clock = compute_clock(list(request.events.all()))
    request.status = clock.status
    request.received_on = clock.received_on
    request.due_on = clock.due_on
    request.due_is_provisional = clock.provisional
    request.closed_on = clock.closed_on
    request.outcome = clock.outcome
    request.fee = _fee_of(request) if clock.received_on else Decimal("0")
    request.save()
    return clock


def _fee_of(request: InfoRequest) -> Decimal:
    """The fee tier this request falls in: its rank among the applicant's requests that month (1 query)."""
    if not request.applicant_key or not request.received_on:
        return Decimal("0")
    from django.db.models import Q

    earlier = InfoRequest.objects.filter(
        Q(received_on__lt=request.received_on) | Q(received_on=request.received_on, pk__lt=request.pk),
        id_number=request.id_number,
        credit_code=request.credit_code,
        received_on__gte=request.received_on.replace(day=1),
    ).count()
    return fee_for_nth_request(earlier + 1)


@transaction.atomic
def record_event(*, request: InfoRequest, by, kind: str, on: date, **details) -> RequestEvent:
    """Add one line to a request's ledger after checking it fits, and refresh the clock."""
    from .permissions import can_handle_requests

    if not can_handle_requests(by):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    request = InfoRequest.objects.select_for_update().get(pk=request.pk)
    events = list(request.events.all())
    event = RequestEvent(request=request, kind=kind, on=on, recorded_by=by, **details)
    validate_event(request, events, event)
    if kind == Kind.ABANDONED and not event.outcome:
        event.outcome = Outcome.OTHER_NO_SUPPLEMENT
    if kind == Kind.RECEIVED and not request.handler_id:
        request.handler = by
    if kind == Kind.RECEIVED and event.channel:
        request.channel = event.channel
    event.full_clean(exclude=["request", "recorded_by"])
    event.save()
    refresh_clock(request)
    return event


REFERENCE_PREFIX = "YSQ"


def new_query_code() -> str:
    """Eight letters and digits, shown to the applicant once (only their hash is kept)."""
    return tracking.new_query_code(alphabet=tracking.LETTERS_AND_DIGITS, length=8)


def next_reference(year: int) -> str:
    """`YSQ-2026-00001`: the next request number of the year (race-safe; see tracking)."""
    return tracking.next_reference(prefix=REFERENCE_PREFIX, year=year, existing=InfoRequest.objects.all())


def submit_request(*, data: dict, at=None, code: str = "") -> tuple[InfoRequest, str]:
    """Save a request sent through /apply/; return it and its query code (`code`, or a new one; shown once)."""
    at = at or timezone.now()
    code = code or new_query_code()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                request = InfoRequest(
                    **data,
                    reference=next_reference(timezone.localtime(at).year),
                    query_code_hash=tracking.hash_query_code(code),
                    submitted_at=at,
                    channel=InfoRequest._meta.get_field("channel").default,
                )
                request.save()
                return request, code
        except IntegrityError:
            continue  # two requests took the same serial at once: take the next
    raise RuntimeError("could not allocate a reference number")


def track(*, reference: str, code: str) -> InfoRequest | None:
    """Find a request by its reference and query code; None if either is wrong."""
    request = InfoRequest.objects.filter(reference=reference.strip().upper()).first()
    if not tracking.check_query_code(code, request.query_code_hash if request else ""):
        return None
    return request
