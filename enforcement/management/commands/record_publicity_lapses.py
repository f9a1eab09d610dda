from django.core.management.base import BaseCommand

from enforcement.services import record_publicity_lapses


class Command(BaseCommand):
    help = "Record in each penalty's history that its 公示期 has ended (run daily; safe to re-run)."

    def handle(self, *args, **options):
        count = record_publicity_lapses()
        self.stdout.write(f"Penalties past their publicity period, newly recorded: {count}")
