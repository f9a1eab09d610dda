from django.core.management.base import BaseCommand
from django.db import transaction

from approvals.models import Application
from approvals.services import refresh_deadlines


class Command(BaseCommand):
    help = "Recompute stored approval deadlines from the working-day calendar (run after editing the calendar)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Also recompute decided applications (statistics).")

    def handle(self, *args, all=False, **options):
        qs = Application.objects.prefetch_related("pauses").order_by("pk")
        if not all:
            qs = qs.open()
        changed = 0
        for application in qs.iterator(chunk_size=500):
            before = (application.committed_due_on, application.statutory_due_on, application.working_days_taken)
            refresh_deadlines(application)
            after = (application.committed_due_on, application.statutory_due_on, application.working_days_taken)
            if before != after:
                with transaction.atomic():
                    application._change_reason = "工作日历调整后重新计算期限"
                    application.save()
                changed += 1
        self.stdout.write(f"Deadlines changed: {changed}")
