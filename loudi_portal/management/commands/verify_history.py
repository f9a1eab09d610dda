"""Check the hash chain over the change history; exit 1 at the first broken link."""

import sys

from django.core.management.base import BaseCommand

from loudi_portal.audit_chain import verify


class Command(BaseCommand):
    help = "Verify the tamper-evident change history: print OK or the first broken link (exit code 1)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect-head",
            metavar="HASH",
            help="a head hash noted earlier (e.g. from an export manifest) that must still be in the chain",
        )

    def handle(self, *args, expect_head=None, **options):
        verdict = verify()
        if verdict.ok and expect_head:
            from loudi_portal.models import HistoryLink

            if not HistoryLink.objects.filter(link_hash=expect_head.strip().lower()).exists():
                verdict.ok = False
                verdict.problem = f"the expected head {expect_head} is not a link of the chain (rewritten history?)"
        if verdict.ok:
            self.stdout.write(f"OK: {verdict.links} links, head #{verdict.head_position} {verdict.head_hash}")
            return
        self.stdout.write(f"BROKEN: {verdict.problem}")
        self.stdout.write(f"The chain is intact up to link #{verdict.links}.")
        sys.exit(1)
