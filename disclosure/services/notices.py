"""Notices outside the publication lifecycle: the view counter and the search text.

Every change of a notice's state (submit, review, publish, withdraw, correct)
goes through `loudi_portal.publishing`, like every other public record.
"""

from django.db import IntegrityError, transaction
from django.db.models import F

from ..models import Notice, NoticeViewCount


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
