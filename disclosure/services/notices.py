"""Notices outside the publication lifecycle: the view counter and the search text.

Every change of a notice's state (submit, review, publish, withdraw, correct)
goes through `loudi_portal.publishing`, like every other public record.
"""

from django.db import connection

from ..models import Notice, NoticeViewCount


def count_view(notice_id) -> int:
    """Count one view and return the new total, in one atomic statement (an upsert).

    Concurrent readers on any number of app servers add up exactly; each sees the
    count including its own view. Used for every notice page, cached or not.
    """
    table = connection.ops.quote_name(NoticeViewCount._meta.db_table)
    count = connection.ops.quote_name("count")
    sql = (
        f"INSERT INTO {table} (notice_id, {count}) VALUES (%s, 1) "
        f"ON CONFLICT (notice_id) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}"
    )
    with connection.cursor() as cursor:  # one statement: atomic by itself
        cursor.execute(sql, [int(notice_id)])
        return cursor.fetchone()[0]


def seen_count(notice_id) -> int:
    """The current count, without counting (the print view)."""
    return NoticeViewCount.objects.filter(notice_id=int(notice_id)).values_list("count", flat=True).first() or 0


def refresh_search_text(notice: Notice) -> None:
    """Recompute the segmented search text (after attachments changed).

    search_text is not a workflow field and is left out of the history, so a plain update is fine.
    """
    from ..search import notice_search_text

    Notice.objects.filter(pk=notice.pk).update(search_text=notice_search_text(notice))
