"""One publication lifecycle for every record the portal ever shows the public.

    草稿 draft → 待审核 pending → 已发布 published (now, or scheduled) → 已撤回 withdrawn

- A draft is edited in place; a pending record is frozen until a reviewer
  publishes it or returns it (退回修改) with a comment.
- A published record is never edited in place. A change is a **correction**
  (`loudi_portal.models.Correction`): a proposed set of new field values with a
  public 更正说明, reviewed like a draft; publishing it applies the values and the
  old version stays in the record's history.
- Four eyes: nobody publishes a revision (or a correction) that they created,
  edited, submitted or corrected. The reviewer approves a specific `revision`:
  if the record changed after it was opened for review, publishing is refused.
- A publication time is "now" or a time in the future, never the past.
- Withdrawal keeps the record and shows a public reason; nothing published is
  ever deleted.

Models opt in by inheriting `Publishable` and declaring the three permissions
from `publication_permissions()`; views, admin actions and management commands
change state only through the functions below.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import roles
from .choice_labels import ChoiceLabels

# Workflow fields: set only by this module, never by a form or a correction.
WORKFLOW_FIELDS = frozenset(
    {
        "status", "published_at", "revision", "revision_authors", "created_by", "last_edited_by",
        "submitted_by", "submitted_at", "reviewed_by", "reviewed_at", "review_comment",
        "withdrawn_at", "withdrawn_by", "withdrawal_reason",
    }
)  # fmt: skip


# Corrections are read by every role; who may propose or publish one follows the corrected record's rights.
roles.register("loudi_portal.correction", editor={"view"}, reviewer={"view"}, admin={"view"})


class Status(models.TextChoices):
    DRAFT = "draft", gettext_lazy("草稿")
    PENDING = "pending", gettext_lazy("待审核")
    PUBLISHED = "published", gettext_lazy("已发布")
    WITHDRAWN = "withdrawn", gettext_lazy("已撤回")


def publication_permissions(noun: str, model_name: str) -> list[tuple[str, str]]:
    """The custom permissions every publishable model declares in its Meta.

    `noun` is the Chinese name used in the permission's label, e.g. "公开信息".
    """
    return [
        (f"submit_{model_name}", f"可以送审{noun}"),
        (f"publish_{model_name}", f"可以审核发布{noun}"),
        (f"withdraw_{model_name}", f"可以撤回{noun}"),
    ]


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """In force and public: published, and the publication time has come (scheduled ones appear by themselves).

        "Now" is the database's clock (`Now()`: STATEMENT_TIMESTAMP() on PostgreSQL), not a
        parameter, so a list's SQL is the same from one request to the next and its cached
        count (loudi_portal/listing.py) is found again; caching.content_version() moves on
        when a scheduled publication comes due.
        """
        return self.filter(status=Status.PUBLISHED, published_at__lte=Now())

    def withdrawn(self):
        return self.filter(status=Status.WITHDRAWN)

    def public_or_withdrawn(self):
        """What a public URL may answer for: published (200) or withdrawn (410, with the reason)."""
        return self.filter(Q(status=Status.PUBLISHED, published_at__lte=Now()) | Q(status=Status.WITHDRAWN))

    # The registers show withdrawn rows with their public reason.
    public = public_or_withdrawn

    def pending_review(self):
        return self.filter(status=Status.PENDING)


def _user_fk(verbose):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )


class Publishable(ChoiceLabels, models.Model):
    """The workflow fields every public record shares, and its hooks."""

    status = models.CharField(
        gettext_lazy("发布状态"), max_length=20, choices=Status, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField(gettext_lazy("发布时间"), null=True, blank=True, editable=False)
    revision = models.PositiveIntegerField(
        gettext_lazy("版本号"),
        default=1,
        editable=False,
        help_text=gettext_lazy("每次修改加一；审核人批准的是具体版本。"),
    )
    # Everyone who created, edited or submitted the revision under review (user ids).
    revision_authors = models.JSONField(gettext_lazy("本版本经办人"), default=list, blank=True, editable=False)
    created_by = _user_fk(gettext_lazy("录入人"))
    last_edited_by = _user_fk(gettext_lazy("最后修改人"))
    submitted_by = _user_fk(gettext_lazy("送审人"))
    submitted_at = models.DateTimeField(gettext_lazy("送审时间"), null=True, blank=True, editable=False)
    reviewed_by = _user_fk(gettext_lazy("审核发布人"))
    reviewed_at = models.DateTimeField(gettext_lazy("审核时间"), null=True, blank=True, editable=False)
    review_comment = models.TextField(gettext_lazy("审核意见"), blank=True, editable=False)
    withdrawn_at = models.DateTimeField(gettext_lazy("撤回时间"), null=True, blank=True, editable=False)
    withdrawn_by = _user_fk(gettext_lazy("撤回人"))
    withdrawal_reason = models.TextField(gettext_lazy("撤回原因"), blank=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    # Fields a correction may not change besides the workflow fields (e.g. a slug in URLs).
    correction_excluded_fields: tuple[str, ...] = ()
    # Child rows a correction may change too, {related_name: (field, ...)}, e.g. a statement's lines.
    correction_children: dict[str, tuple[str, ...]] = {}
    # A record that must stay public once published (e.g. an accident report) sets this.
    can_be_withdrawn = True

    class Meta:
        abstract = True

    # --- state, read by pages and the admin --------------------------------------------

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at > timezone.now()

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and not self.is_scheduled

    @property
    def is_editable(self) -> bool:
        """Only drafts are edited in place; published records are corrected."""
        return self.status == Status.DRAFT

    def delete(self, *args, **kwargs):
        if self.published_at is not None or self.status in (Status.PUBLISHED, Status.WITHDRAWN):
            raise PermissionDenied(_("已发布过的记录只能撤回，不能删除。"))
        return super().delete(*args, **kwargs)

    # --- hooks a model may override ----------------------------------------------------

    def publication_errors(self) -> dict:
        """What must be filled in before the record goes to review or to the public ({field: message})."""
        return {}

    def before_publish(self, *, by, at: datetime) -> None:
        """Called inside the publishing transaction, before the record is saved as published."""

    def after_publish(self, *, by) -> None:
        """Called inside the publishing transaction, after the record is saved as published."""

    @classmethod
    def correctable_fields(cls) -> list[models.Field]:
        """The concrete fields a correction may change."""
        return [
            f
            for f in cls._meta.concrete_fields
            if f.editable
            and not f.primary_key
            and f.name not in WORKFLOW_FIELDS
            and f.name not in cls.correction_excluded_fields
            and not isinstance(f, models.FileField)
        ]

    def corrections(self):
        """This record's corrections, oldest first (one query)."""
        from .models import Correction

        return Correction.objects.for_record(self)

    def published_corrections(self):
        from .models import Correction

        return Correction.objects.for_record(self).filter(status=Correction.Status.PUBLISHED)


# --- who may do what ---------------------------------------------------------------------


def _perm(record_or_model, action: str) -> str:
    meta = record_or_model._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


def authors(record) -> set[int]:
    """Everyone who created, edited or submitted the revision now under review."""
    ids = set(record.revision_authors or [])
    ids |= {pk for pk in (record.last_edited_by_id, record.submitted_by_id) if pk}
    if record.published_at is None and record.created_by_id:
        ids.add(record.created_by_id)
    return ids


def can_edit(user, record) -> bool:
    return record.status == Status.DRAFT and user.has_perm(_perm(record, "change"))


def can_submit(user, record) -> bool:
    return record.status == Status.DRAFT and user.has_perm(_perm(record, "submit"))


def can_review(user, record) -> bool:
    """Publish or return: a reviewer who had no hand in this revision."""
    return (
        record.status == Status.PENDING and user.has_perm(_perm(record, "publish")) and user.pk not in authors(record)
    )


def can_withdraw(user, record) -> bool:
    return record.status == Status.PUBLISHED and record.can_be_withdrawn and user.has_perm(_perm(record, "withdraw"))


def can_propose_correction(user, record) -> bool:
    return record.status == Status.PUBLISHED and user.has_perm(_perm(record, "change"))


def can_preview(user, record) -> bool:
    return user.has_perm(_perm(record, "view"))


# --- changes of state ----------------------------------------------------------------------


def _locked(record):
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def _add_author(record, user) -> None:
    ids = list(record.revision_authors or [])
    if user.pk not in ids:
        ids.append(user.pk)
    record.revision_authors = ids


def _check_complete(record) -> None:
    errors = record.publication_errors()
    if errors:
        raise ValidationError(errors)


def _save(record, reason: str, by) -> None:
    record._change_reason = reason
    record._history_user = by
    record.save()


def mark_edited(record, *, by) -> None:
    """Stamp an edit of a draft by `by` (before saving it): a new revision with `by` among its authors.

    Used by the admin's save, forms and imports; refuses anything but a draft.
    """
    if record.pk is None:
        record.status = Status.DRAFT
        record.created_by = record.created_by or by
    elif record.status != Status.DRAFT:
        raise PermissionDenied(_("只有草稿可以直接修改；已发布的记录请提出更正，待审核的请先退回。"))
    record.last_edited_by = by
    record.revision = (record.revision or 0) + 1 if record.pk else 1
    _add_author(record, by)


@transaction.atomic
def create_draft(*, model, by, **fields):
    """Create a draft written by `by` (validated like a form would)."""
    m2m = {f.name: fields.pop(f.name) for f in model._meta.many_to_many if f.name in fields}
    record = model(**fields)
    mark_edited(record, by=by)
    record.full_clean(exclude=list(m2m))
    _save(record, "新建草稿", by)
    for name, value in m2m.items():
        getattr(record, name).set(value)
    return record


@transaction.atomic
def edit_draft(*, record, by, **changes):
    """Change fields of a draft; `by` becomes one of its authors."""
    record = _locked(record)
    if not can_edit(by, record):
        raise PermissionDenied(_("只有草稿可以直接修改，且需要修改权限。"))
    for name, value in changes.items():
        if name in WORKFLOW_FIELDS:
            raise ValidationError(_("不能直接修改流程字段：%(f)s") % {"f": name})
        setattr(record, name, value)
    mark_edited(record, by=by)
    record.full_clean()
    _save(record, "修改草稿", by)
    return record


@transaction.atomic
def submit(*, record, by):
    """草稿 → 待审核."""
    record = _locked(record)
    if not can_submit(by, record):
        raise PermissionDenied(_("只有草稿可以送审，且需要送审权限。"))
    _check_complete(record)
    record.status = Status.PENDING
    record.submitted_by = by
    record.submitted_at = timezone.now()
    _add_author(record, by)
    _save(record, "送审", by)
    return record


@transaction.atomic
def return_for_changes(*, record, by, comment: str):
    """待审核 → 草稿, with the reviewer's comment (shown to the editors)."""
    record = _locked(record)
    if not (record.status == Status.PENDING and by.has_perm(_perm(record, "publish"))):
        raise PermissionDenied(_("只有待审核的记录可以退回，且需要审核权限。"))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("退回时请写明修改意见。")})
    record.status = Status.DRAFT
    record.review_comment = comment
    _save(record, "退回修改", by)
    return record


def _check_revision(record, revision) -> None:
    if revision is None or int(revision) != record.revision:
        raise ValidationError(
            _("该记录在您打开审核页面后已被修改（当前为第 %(now)d 版，您审核的是第 %(seen)s 版），请重新审核。")
            % {"now": record.revision, "seen": revision if revision is not None else "?"}
        )


def _check_time(at: datetime | None) -> datetime:
    now = timezone.now()
    if at is None:
        return now
    if at <= now:
        raise ValidationError({"publish_at": _("定时发布的时间必须晚于当前时间；立即发布请留空。")})
    return at


@transaction.atomic
def publish(*, record, by, revision: int, at: datetime | None = None):
    """待审核 → 已发布, now or at the future time `at`.

    `revision` is the version the reviewer saw; a record changed since is refused.
    """
    record = _locked(record)
    if record.status == Status.PENDING and by.pk in authors(record):
        raise PermissionDenied(_("不能审核发布自己起草、修改或送审的内容，请由其他审核员发布。"))
    if not can_review(by, record):
        raise PermissionDenied(_("只有待审核的记录可以发布，且需要审核发布权限。"))
    _check_revision(record, revision)
    _check_complete(record)
    published_at = _check_time(at)
    record.status = Status.PUBLISHED
    record.published_at = published_at
    record.reviewed_by = by
    record.reviewed_at = timezone.now()
    record.review_comment = ""
    record.revision_authors = []
    record.before_publish(by=by, at=published_at)
    _save(record, "定时发布" if published_at > timezone.now() else "审核发布", by)
    record.after_publish(by=by)
    return record


@transaction.atomic
def withdraw(*, record, by, reason: str):
    """已发布 → 已撤回 with a public reason; the record and its history stay."""
    record = _locked(record)
    if record.status == Status.PUBLISHED and not record.can_be_withdrawn:
        raise PermissionDenied(_("此类记录发布后须长期公开，不能撤回；如有错误请提出更正。"))
    if not can_withdraw(by, record):
        raise PermissionDenied(_("只有已发布的记录可以撤回，且需要撤回权限。"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("撤回必须写明原因，原因会公开显示。")})
    record.status = Status.WITHDRAWN
    record.withdrawn_at = timezone.now()
    record.withdrawn_by = by
    record.withdrawal_reason = reason[:2000]
    _save(record, "撤回", by)
    return record


# --- corrections of published records ------------------------------------------------------


def _field_map(model) -> dict[str, models.Field]:
    return {f.name: f for f in model.correctable_fields()}


def _encode(field: models.Field, value):
    if isinstance(field, models.ForeignKey):
        value = getattr(value, "pk", value)
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def child_key(related_name: str, child, field_name: str) -> str:
    return f"{related_name}:{child.pk}:{field_name}"


def child_fields(record) -> dict[str, tuple[models.Model, models.Field]]:
    """{key: (child row, field)} of the child fields a correction may change (one query per relation)."""
    found = {}
    for related_name, names in type(record).correction_children.items():
        for child in getattr(record, related_name).all():
            for name in names:
                found[child_key(related_name, child, name)] = (child, child._meta.get_field(name))
    return found


def label_of(model, key: str) -> str:
    """A reader's name for a changed field, child fields included ("明细 因公出国(境)费 · 金额")."""
    if ":" not in key:
        return str(model._meta.get_field(key).verbose_name)
    related_name, pk, name = key.split(":", 2)
    child_model = model._meta.get_field(related_name).related_model
    child = child_model._default_manager.filter(pk=pk).first()
    return f"{child or child_model._meta.verbose_name} · {child_model._meta.get_field(name).verbose_name}"


def current_values(record, names=None) -> dict:
    fields = _field_map(type(record))
    children = child_fields(record) if type(record).correction_children else {}
    names = list(fields) if names is None else names
    values = {}
    for name in names:
        if name in children:
            child, field = children[name]
            values[name] = _encode(field, field.value_from_object(child))
        else:
            values[name] = _encode(fields[name], fields[name].value_from_object(record))
    return values


def _set(obj, field, raw) -> None:
    if isinstance(field, models.ForeignKey):
        setattr(obj, field.attname, raw)
    else:
        setattr(obj, field.name, field.to_python(raw))


def apply_values(record, values: dict, *, by=None) -> None:
    """Set the record's corrected fields, and save corrected child rows (with their history)."""
    fields = _field_map(type(record))
    children = child_fields(record) if any(":" in k for k in values) else {}
    for name, raw in values.items():
        if name in children:
            child, field = children[name]
            _set(child, field, raw)
            child.full_clean()
            child._history_user = by
            child.save()
        else:
            _set(record, fields[name], raw)


class _Trial(Exception):
    """Rolls back a trial application of a correction."""


def _clean_changes(record, changes: dict) -> dict:
    fields = _field_map(type(record))
    children = child_fields(record) if type(record).correction_children else {}
    unknown = set(changes) - set(fields) - set(children)
    if unknown:
        raise ValidationError(_("不能通过更正修改这些字段：%(f)s") % {"f": "、".join(sorted(unknown))})
    encoded = {
        name: _encode(children[name][1] if name in children else fields[name], value) for name, value in changes.items()
    }
    before = current_values(record, list(encoded))
    encoded = {name: value for name, value in encoded.items() if value != before[name]}
    if not encoded:
        raise ValidationError(_("更正没有改变任何内容。"))
    # Validate the corrected record as a whole in a savepoint that is always rolled back.
    try:
        with transaction.atomic():
            trial = type(record)._default_manager.get(pk=record.pk)
            apply_values(trial, encoded)
            trial.full_clean(exclude=[f.name for f in type(record)._meta.many_to_many])
            errors = trial.publication_errors()
            if errors:
                raise ValidationError(errors)
            raise _Trial
    except _Trial:
        pass
    return encoded


def _clean_note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("更正必须填写更正说明，说明会公开显示。")})
    return note


@transaction.atomic
def propose_correction(*, record, by, note: str, changes: dict | None = None, **fields):
    """Draft a correction of a published record (nothing public changes until it is published).

    The new values come as `changes` (needed when the model has a field named `note`) or as keywords.
    """
    changes = {**(changes or {}), **fields}
    from .models import Correction

    record = _locked(record)
    if not can_propose_correction(by, record):
        raise PermissionDenied(_("只有已发布的记录可以更正，且需要修改权限。"))
    correction = Correction(
        record=record,
        note=_clean_note(note),
        changes=_clean_changes(record, changes),
        base_revision=record.revision,
        created_by=by,
        last_edited_by=by,
        revision_authors=[by.pk],
    )
    correction.previous = current_values(record, correction.changes)
    correction._history_user = by
    correction.save()
    return correction


def _locked_correction(correction):
    return type(correction).objects.select_for_update().get(pk=correction.pk)


@transaction.atomic
def edit_correction(*, correction, by, note: str, changes: dict | None = None, **fields):
    changes = {**(changes or {}), **fields}
    correction = _locked_correction(correction)
    if correction.status != correction.Status.DRAFT or not by.has_perm(_perm(correction.record, "change")):
        raise PermissionDenied(_("只有草稿状态的更正可以修改。"))
    record = correction.record
    correction.note = _clean_note(note)
    correction.changes = _clean_changes(record, changes)
    correction.previous = current_values(record, correction.changes)
    correction.revision += 1
    correction.last_edited_by = by
    _add_author(correction, by)
    correction._history_user = by
    correction.save()
    return correction


@transaction.atomic
def submit_correction(*, correction, by):
    correction = _locked_correction(correction)
    if correction.status != correction.Status.DRAFT or not by.has_perm(_perm(correction.record, "submit")):
        raise PermissionDenied(_("只有草稿状态的更正可以送审，且需要送审权限。"))
    correction.status = correction.Status.PENDING
    correction.submitted_by = by
    correction.submitted_at = timezone.now()
    _add_author(correction, by)
    correction._history_user = by
    correction.save()
    return correction


@transaction.atomic
def return_correction(*, correction, by, comment: str):
    correction = _locked_correction(correction)
    if correction.status != correction.Status.PENDING or not by.has_perm(_perm(correction.record, "publish")):
        raise PermissionDenied(_("只有待审核的更正可以退回，且需要审核权限。"))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("退回时请写明修改意见。")})
    correction.status = correction.Status.DRAFT
    correction.review_comment = comment
    correction._history_user = by
    correction.save()
    return correction


def correction_authors(correction) -> set[int]:
    ids = set(correction.revision_authors or [])
    ids |= {pk for pk in (correction.created_by_id, correction.last_edited_by_id, correction.submitted_by_id) if pk}
    return ids


def can_review_correction(user, correction) -> bool:
    return (
        correction.status == correction.Status.PENDING
        and user.has_perm(_perm(correction.record, "publish"))
        and user.pk not in correction_authors(correction)
    )


@transaction.atomic
def publish_correction(*, correction, by, revision: int):
    """Apply a reviewed correction: the public version changes, the 更正说明 appears, history keeps the old one."""
    correction = _locked_correction(correction)
    if correction.status == correction.Status.PENDING and by.pk in correction_authors(correction):
        raise PermissionDenied(_("不能审核发布自己提出、修改或送审的更正，请由其他审核员发布。"))
    if not can_review_correction(by, correction):
        raise PermissionDenied(_("只有待审核的更正可以发布，且需要审核发布权限。"))
    if revision is None or int(revision) != correction.revision:
        raise ValidationError(_("该更正在您打开审核页面后已被修改，请重新审核。"))
    record = _locked(correction.record)
    if record.status != Status.PUBLISHED:
        raise ValidationError(_("记录已不在发布状态，不能发布更正。"))
    if record.revision != correction.base_revision:
        raise ValidationError(_("记录在更正提出后已有其他更正发布，请重新提出更正。"))
    apply_values(record, correction.changes, by=by)
    record.full_clean(exclude=[f.name for f in type(record)._meta.many_to_many])
    _check_complete(record)
    record.revision += 1
    _save(record, ("更正：" + correction.note)[:100], by)
    now = timezone.now()
    correction.status = correction.Status.PUBLISHED
    correction.reviewed_by = by
    correction.published_at = now
    correction._history_user = by
    correction.save()
    return correction
