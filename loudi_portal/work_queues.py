"""What is waiting for a staff member: the work queues of the back office's home page.

The shell's own queues cover the publication lifecycle of every publishable model
(loudi_portal/publishing.py): 待我审核 (pending records and corrections that someone
else submitted and this user may publish) and 被退回 (drafts this user worked on that a
reviewer sent back, with the reviewer's reason). Apps add their deadline queues through
`registry.register_work_queue` in their `public.py`.

`queues_for(user, today)` runs every provider; the lifecycle queues cost two small
queries per publishable model the user can act on (about a dozen models).
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import publishing, registry, workdays
from .models import Correction
from .publishing import Publishable, Status
from .roles import PROJECT_APPS

# How far ahead the deadline queues look.
DUE_WITHIN_WORKING_DAYS = 3
# Returned drafts are listed one by one (with the reason) up to this many per model.
RETURNED_ITEMS_SHOWN = 5
QUEUE_PARAMETER = "queue"


def due_horizon(today: date) -> date:
    """The last day a deadline counts as "due within 3 working days" of `today`."""
    return workdays.add_working_days(today, DUE_WITHIN_WORKING_DAYS).due


def publishable_models() -> list[type[Publishable]]:
    return [
        model
        for app_label in PROJECT_APPS
        for model in apps.get_app_config(app_label).get_models()
        if issubclass(model, Publishable)
    ]


def admin_list_url(model, **params) -> str | None:
    """The model's admin list with these filters, or None when the model has no admin."""
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(params)}" if params else url


AUTHOR_FIELDS = ("pk", "revision_authors", "last_edited_by_id", "submitted_by_id", "created_by_id", "published_at")


def reviewable_ids(model, user) -> list[int]:
    """Pending records of `model` that `user` may publish: someone else's revision (1 query)."""
    if not user.has_perm(publishing._perm(model, "publish")):
        return []
    rows = model._default_manager.filter(status=Status.PENDING).values(*AUTHOR_FIELDS)
    return [row["pk"] for row in rows if user.pk not in publishing.authors(SimpleNamespace(**row))]


def returned_queryset(model, user):
    """Drafts sent back by a reviewer (a reason is kept) that `user` created, edited or submitted."""
    mine = Q(last_edited_by=user) | Q(submitted_by=user) | Q(created_by=user, published_at__isnull=True)
    return model._default_manager.filter(mine, status=Status.DRAFT).exclude(review_comment="")


def reviewable_correction_ids(user) -> list[int]:
    """Pending corrections someone else proposed, of records `user` may publish (1 query + content types)."""
    ids = []
    for correction in Correction.objects.pending_review().select_related("content_type"):
        model = correction.content_type.model_class()
        if model is None or not user.has_perm(publishing._perm(model, "publish")):
            continue
        if user.pk not in publishing.correction_authors(correction):
            ids.append(correction.pk)
    return ids


def lifecycle_rows(user, today: date) -> list[registry.QueueRow]:
    """待我审核 and 被退回 over every publishable model (and the corrections)."""
    rows = []
    for order, model in enumerate(publishable_models()):
        meta = model._meta
        if not user.has_perm(publishing._perm(model, "view")):
            continue
        label = str(meta.verbose_name_plural)
        pending = reviewable_ids(model, user)
        url = admin_list_url(model, **{QUEUE_PARAMETER: "review"})
        if pending and url:
            rows.append(registry.QueueRow(section="review", label=label, count=len(pending), url=url, order=order))
        if user.has_perm(publishing._perm(model, "change")):
            returned = list(returned_queryset(model, user).order_by("-pk")[: RETURNED_ITEMS_SHOWN + 1])
            url = admin_list_url(model, **{QUEUE_PARAMETER: "returned"})
            if returned and url:
                count = (
                    returned_queryset(model, user).count() if len(returned) > RETURNED_ITEMS_SHOWN else len(returned)
                )
                items = tuple(
                    registry.QueueItem(
                        title=str(record),
                        url=reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk]),
                        note=record.review_comment,
                    )
                    for record in returned[:RETURNED_ITEMS_SHOWN]
                )
                rows.append(
                    registry.QueueRow(section="returned", label=label, count=count, url=url, items=items, order=order)
                )
    corrections = reviewable_correction_ids(user)
    url = admin_list_url(Correction, **{QUEUE_PARAMETER: "review"})
    if corrections and url:
        rows.append(
            registry.QueueRow(section="review", label=str(_("更正")), count=len(corrections), url=url, order=999)
        )
    return rows


def queues_for(user, today: date) -> list[dict]:
    """The home page's queues: every section, its rows (sorted), and its total."""
    by_section: dict[str, list[registry.QueueRow]] = {}
    for provider in registry.work_queue_providers():
        for row in provider.rows(user, today):
            if row.count:
                by_section.setdefault(row.section, []).append(row)
    sections = []
    for section in registry.work_queue_sections():
        rows = sorted(by_section.get(section.key, []), key=lambda r: (r.order, r.label))
        if not rows and not section.shown_when_empty:
            continue
        sections.append(
            {
                "section": section,
                "rows": rows,
                "total": sum(r.count for r in rows),
                "overdue": sum(r.overdue for r in rows),
            }
        )
    return sections


def connect() -> None:
    registry.register_work_queue(registry.WorkQueueProvider(key="lifecycle", rows=lifecycle_rows, order=10))
    registry.register_admin_shortcut(
        registry.AdminShortcut(
            key="audit_export",
            title=_("审计导出"),
            url_name="admin:loudi_portal_exportlog_export",
            permission="loudi_portal.export_audit",
            description=_("导出任一数据集的全部记录或变更历史"),
            order=10,
        )
    )
