"""Adopt history entries that have no link in the hash chain yet."""

from django.core.management.base import BaseCommand

from loudi_portal.audit_chain import adopt_unchained, chain_head


class Command(BaseCommand):
    help = "Append to the hash chain the history entries recorded before it existed or in bulk (safe to re-run)."

    def handle(self, *args, **options):
        added = adopt_unchained()
        position, head = chain_head()
        self.stdout.write(f"{added} entries chained; head #{position} {head}")
