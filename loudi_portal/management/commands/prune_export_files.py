"""Delete the stored zips of auditor export jobs older than the retention period.

The job and its ExportLog (who exported what, when, the file's SHA-256) stay for good; only
the file goes, and the job's page then says the file was removed under the retention period.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from loudi_portal import export_jobs


class Command(BaseCommand):
    help = "删除超过保留期限的审计导出文件（导出记录保留）。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="保留天数（默认 30 天）。")
        parser.add_argument("--dry-run", action="store_true", help="只列出将删除的文件，不删除。")

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days 至少为 1。")
        before = timezone.now() - timedelta(days=days)
        removed = export_jobs.prune_files(before=before, dry_run=dry_run)
        verb = "将删除" if dry_run else "已删除"
        self.stdout.write(f"{verb} {removed} 个 {days} 天前完成的导出文件。")
