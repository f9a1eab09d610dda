"""Changes of state of 互动交流 records: 找错 reports and 咨询 / 建言 messages, received from the public,
answered by staff; the public version of a reply goes through the publication lifecycle."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loudi_portal import publishing, tracking

from . import redaction, reply_clock
from .models import ErrorReport, Message, PublishedReply

REFERENCE_PREFIX = "ZC"


@transaction.atomic
def receive_report(
    *, page_url: str, kind: str, description: str, contact: str = "", code: str = ""
) -> tuple[ErrorReport, str]:
    """Save a report with its reference number; return it and the query code (`code` or a new one; kept hashed)."""
    code = code or tracking.new_query_code()
    report = ErrorReport(
        reference=tracking.next_reference(
            prefix=REFERENCE_PREFIX, year=timezone.localdate().year, existing=ErrorReport.objects
        ),
        query_code_hash=tracking.hash_query_code(code),
        page_url=page_url,
        kind=kind,
        description=description,
        contact=contact,
    )
    report.save()
    return report, code


@transaction.atomic
def record_outcome(*, report: ErrorReport, status: str, outcome: str, by) -> ErrorReport:
    """Record what was done about a report (the sender sees status and outcome)."""
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    report.status = status
    report.outcome = outcome
    report.handled_by = by
    report.handled_at = timezone.now()
    report.save()
    return report


def find_report(reference: str, code: str) -> ErrorReport | None:
    """The report with this reference whose query code matches (1 query; None otherwise, same time)."""
    report = ErrorReport.objects.filter(reference=(reference or "").strip().upper()).first()
    stored = report.query_code_hash if report is not None else ""
    if tracking.check_query_code(code, stored) and report is not None:
        return report
    return None


# --- 咨询 / 建言 messages ------------------------------------------------------------

MESSAGE_PREFIX = "LY"


@transaction.atomic
def receive_message(
    *,
    kind: str,
    subject: str,
    body: str,
    name: str = "",
    contact: str = "",
    wants_reply: bool = False,
    agrees_to_publish: bool = True,
    at=None,
    code: str = "",
) -> tuple[Message, str]:
    """Save a message with its reference and reply clock; return it and the query code (`code` or a new one)."""
    received_at = at or timezone.now()
    clock = reply_clock.reply_clock(kind, timezone.localdate(received_at))
    code = code or tracking.new_query_code()
    message = Message(
        reference=tracking.next_reference(
            prefix=MESSAGE_PREFIX, year=timezone.localdate(received_at).year, existing=Message.objects
        ),
        query_code_hash=tracking.hash_query_code(code),
        kind=kind,
        subject=subject,
        body=body,
        name=name,
        contact=contact,
        wants_reply=wants_reply,
        agrees_to_publish=agrees_to_publish,
        received_at=received_at,
        due_on=clock.due_on,
        limit_on=clock.limit_on,
        due_is_provisional=clock.provisional,
    )
    message._change_reason = "收到留言"
    message.save()
    return message, code


def _locked_message(message: Message) -> Message:
    return Message.objects.select_for_update().get(pk=message.pk)


@transaction.atomic
def answer_message(*, message: Message, reply: str, by, at=None) -> Message:
    """Record the answer (the sender reads it with the query code) and, if the sender agreed,
    draft its public version with personal data removed, submitted for a reviewer to publish."""
    message = _locked_message(message)
    if not can_handle(by):
        raise PermissionDenied(_("只有留言办理人员可以答复留言。"))
    if message.status != Message.Status.RECEIVED:
        raise ValidationError(_("该留言已经办结，不能再次答复。"))
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": _("请填写答复内容。")})
    message.reply = reply
    message.replied_at = at or timezone.now()
    message.replied_by = by
    message.status = Message.Status.ANSWERED
    message._change_reason = "答复留言"
    message._history_user = by
    message.save()
    if message.agrees_to_publish:
        draft_publication(message=message, by=by)
    return message


@transaction.atomic
def refuse_message(*, message: Message, reason: str, by) -> Message:
    """不予受理 (e.g. a 信访 or 投诉 matter, abuse, a repeat): the reason is what the sender reads."""
    message = _locked_message(message)
    if not can_handle(by):
        raise PermissionDenied(_("只有留言办理人员可以办理留言。"))
    if message.status != Message.Status.RECEIVED:
        raise ValidationError(_("该留言已经办结。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"refusal_reason": _("不予受理必须写明理由，理由会告知留言人。")})
    message.status = Message.Status.NOT_ACCEPTED
    message.refusal_reason = reason
    message.replied_at = timezone.now()
    message.replied_by = by
    message._change_reason = "不予受理"
    message._history_user = by
    message.save()
    return message


def draft_publication(*, message: Message, by) -> PublishedReply:
    """The public version of an answered message, redacted, as a submitted draft (the reviewer edits nothing:
    a handler returns to it if the reviewer sends it back)."""
    identifying = (message.name, message.contact)
    record = publishing.create_draft(
        model=PublishedReply,
        by=by,
        message=message,
        kind=message.kind,
        title=redaction.redact(message.subject, *identifying)[:100],
        question=redaction.redact(message.body, *identifying),
        answer=redaction.redact(message.reply, *identifying),
        received_on=message.received_on,
        replied_on=message.replied_on,
    )
    if not record.publication_errors():
        record = publishing.submit(record=record, by=by)
    return record


def can_handle(user) -> bool:
    return bool(user and user.is_active and user.has_perm("interact.change_message"))


def find_message(reference: str, code: str) -> Message | None:
    """The message with this reference whose query code matches (1 query; None otherwise, same time)."""
    message = Message.objects.filter(reference=(reference or "").strip().upper()).first()
    stored = message.query_code_hash if message is not None else ""
    if tracking.check_query_code(code, stored) and message is not None:
        return message
    return None
