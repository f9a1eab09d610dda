from django.core.management.base import BaseCommand
from django.db import connection, transaction

from disclosure.models import Notice
from disclosure.search import ensure_search_index, notice_search_text

BATCH = 500


class Command(BaseCommand):
    help = "Re-segment every notice's search text (after a change of jieba's dictionary or user words)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=BATCH, help="Notices per transaction (default 500).")

    def handle(self, *args, batch=BATCH, **options):
        ensure_search_index(connection, Notice)
        ids = list(Notice.objects.order_by("pk").values_list("pk", flat=True))
        total, done = len(ids), 0
        for start in range(0, total, batch):
            chunk = Notice.objects.filter(pk__in=ids[start : start + batch]).prefetch_related("attachments")
            with transaction.atomic():
                for notice in chunk:
                    text = notice_search_text(notice)
                    if text != notice.search_text:
                        # search_text is not a workflow field and not in the history: a plain update.
                        Notice.objects.filter(pk=notice.pk).update(search_text=text)
            done = min(total, start + batch)
            self.stdout.write(f"\r{done}/{total}", ending="")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"已重建 {total} 条公开信息的检索文本。"))
