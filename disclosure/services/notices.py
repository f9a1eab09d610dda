"""Every change of a notice's state: submit, publish (now or scheduled), return,
withdraw, correct, and the view counter. Views, admin actions and commands call
these; nothing else changes workflow state.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from loudi_portal.models import BureauProfile

from .. import permissions
from ..models import Notice, NoticeCorrection, NoticeViewCount


def _locked(notice: Notice) -> Notice:
    return Notice.objects.select_for_update().get(pk=notice.pk)


def _check_complete(notice: Notice) -> None:
    """What must be filled in before a notice goes to review or to the public."""
    errors = {}
    if notice.category.is_normative and not notice.validity:
        errors["validity"] = _("规范性文件必须填写有效性（有效/失效/废止）。")
    if notice.validity in (Notice.Validity.EXPIRED, Notice.Validity.REPEALED) and not notice.validity_changed_on:
        errors["validity_changed_on"] = _("失效或废止的文件必须填写有效性变更日期。")
    if not notice.body.strip() and not notice.attachments.exists():
        errors["body"] = _("正文和附件不能都为空。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_notice(*, by, **fields) -> Notice:
    """Create a draft written by `by`."""
    related = fields.pop("related", None)
    notice = Notice(**fields, status=Notice.Status.DRAFT, created_by=by, last_edited_by=by)
    notice.full_clean(exclude=["related"])
    notice.save()
    if related:
        notice.related.set(related)
    return notice


@transaction.atomic
def submit_notice(*, notice: Notice, by) -> Notice:
    """草稿 → 待审核."""
    notice = _locked(notice)
    if not permissions.can_submit(by, notice):
        raise PermissionDenied(_("只有草稿可以送审，且需要送审权限。"))
    _check_complete(notice)
    notice.status = Notice.Status.PENDING
    notice.submitted_by = by
    notice.submitted_at = timezone.now()
    notice._change_reason = "送审"
    notice.save()
    return notice


@transaction.atomic
def return_notice(*, notice: Notice, by, comment: str) -> Notice:
    """待审核 → 草稿, with the reviewer's comment."""
    notice = _locked(notice)
    if not permissions.can_return(by, notice):
        raise PermissionDenied(_("只有待审核的信息可以退回，且需要审核权限。"))
    if not comment.strip():
        raise ValidationError({"comment": _("退回时请写明修改意见。")})
    notice.status = Notice.Status.DRAFT
    notice.review_comment = comment.strip()
    notice._change_reason = "退回修改"
    notice.save()
    return notice


def next_index_serial(year: int) -> int:
    current = Notice.objects.filter(index_year=year).aggregate(m=Max("index_serial"))["m"]
    return (current or 0) + 1


def format_index_number(credit_code: str, year: int, serial: int) -> str:
    return f"{credit_code}/{year}-{serial:05d}"


@transaction.atomic
def publish_notice(*, notice: Notice, by, at: datetime | None = None) -> Notice:
    """待审核 → 已发布, now or at `at` (a scheduled notice shows up by itself at that time).

    Assigns the 索引号 (credit code / year / serial). The publisher must not be
    the notice's drafter, submitter or last editor.
    """
    notice = _locked(notice)
    if notice.status == Notice.Status.PENDING and by.pk in permissions._authors(notice):
        raise PermissionDenied(_("不能审核发布自己起草、修改或送审的信息，请由其他审核员发布。"))
    if not permissions.can_publish(by, notice):
        raise PermissionDenied(_("只有待审核的信息可以发布，且需要审核发布权限。"))
    _check_complete(notice)
    credit_code = BureauProfile.current().credit_code
    if not credit_code:
        raise ValidationError(_("请先在“机关信息”中填写统一社会信用代码，索引号由它生成。"))
    now = timezone.now()
    published_at = at or now
    notice.status = Notice.Status.PUBLISHED
    notice.published_at = published_at
    notice.reviewed_by = by
    notice.review_comment = ""
    if not notice.index_number:
        year = timezone.localtime(published_at).year
        # The unique constraint settles a race between two publishers; retry once with the next serial.
        for _attempt in range(5):
            notice.index_year = year
            notice.index_serial = next_index_serial(year)
            notice.index_number = format_index_number(credit_code, year, notice.index_serial)
            try:
                with transaction.atomic():
                    notice._change_reason = "定时发布" if published_at > now else "审核发布"
                    notice.save()
                break
            except IntegrityError:
                continue
        else:
            raise ValidationError(_("索引号生成冲突，请稍后重试。"))
    else:
        notice.save()
    NoticeViewCount.objects.get_or_create(notice=notice)
    return notice


@transaction.atomic
def withdraw_notice(*, notice: Notice, by, reason: str) -> Notice:
    """已发布 → 已撤回 with a public reason; the notice and its history stay."""
    notice = _locked(notice)
    if not permissions.can_withdraw(by, notice):
        raise PermissionDenied(_("只有已发布的信息可以撤回，且需要撤回权限。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("撤回必须写明原因，原因会公开显示。")})
    notice.status = Notice.Status.WITHDRAWN
    notice.withdrawn_at = timezone.now()
    notice.withdrawn_by = by
    notice.withdrawal_reason = reason
    notice._change_reason = "撤回"
    notice.save()
    return notice


@transaction.atomic
def correct_notice(*, notice: Notice, by, note: str, **changes) -> NoticeCorrection:
    """Correct a published notice: keep what it said, apply `changes`, publish the 更正说明."""
    notice = _locked(notice)
    if not permissions.can_correct(by, notice):
        raise PermissionDenied(_("只有已发布的信息可以更正，且需要更正权限。"))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("更正必须填写更正说明，说明会公开显示。")})
    allowed = {"title", "doc_number", "body", "keywords", "source", "author", "editor_name", "written_on",
               "validity", "validity_changed_on"}  # fmt: skip
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("不能通过更正修改这些字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    correction = NoticeCorrection(
        notice=notice,
        note=note,
        corrected_by=by,
        previous_title=notice.title,
        previous_doc_number=notice.doc_number,
        previous_body=notice.body,
    )
    for field, value in changes.items():
        setattr(notice, field, value)
    notice.full_clean(exclude=["related"])
    _check_complete(notice)
    notice.last_edited_by = by
    notice._change_reason = "更正：" + note[:80]
    notice.save()
    correction.save()
    return correction


def record_view(notice_id: int) -> None:
    """Count one view: an atomic increment in its own short transaction, no lock on the notice."""
    with transaction.atomic():
        updated = NoticeViewCount.objects.filter(notice_id=notice_id).update(count=F("count") + 1)
    if updated:
        return
    try:
        with transaction.atomic():
            NoticeViewCount.objects.create(notice_id=notice_id, count=1)
    except IntegrityError:
        with transaction.atomic():
            NoticeViewCount.objects.filter(notice_id=notice_id).update(count=F("count") + 1)


def refresh_search_text(notice: Notice) -> None:
    """Recompute the segmented search text (after attachments changed).

    search_text is not a workflow field and is left out of the history, so a plain update is fine.
    """
    from ..search import notice_search_text

    Notice.objects.filter(pk=notice.pk).update(search_text=notice_search_text(notice))
