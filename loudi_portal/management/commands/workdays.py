from datetime import date

from django.core.management.base import BaseCommand, CommandError

from loudi_portal.workdays import add_working_days


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text!r}") from exc


class Command(BaseCommand):
    help = "Print the N-th working day after a date, and which days were skipped and why."

    def add_arguments(self, parser):
        parser.add_argument("start", help="The day the clock starts (not counted), YYYY-MM-DD.")
        parser.add_argument("days", type=int, help="Number of working days, e.g. 20.")
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="FROM:TO",
            help="A paused period, both days included (YYYY-MM-DD:YYYY-MM-DD); may be repeated.",
        )

    def handle(self, *args, start, days, pause, **options):
        pauses = []
        for text in pause:
            first, sep, last = text.partition(":")
            if not sep:
                raise CommandError(f"A pause is FROM:TO, got {text!r}")
            pauses.append((_parse_date(first), _parse_date(last)))
        try:
            deadline = add_working_days(_parse_date(start), days, pauses=pauses)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(deadline.due.isoformat())
        self.stdout.write(f"起算日 {deadline.start.isoformat()}（不计入），{deadline.days} 个工作日：")
        for note in deadline.explain():
            flag = "（暂定）" if note.provisional else ""
            self.stdout.write(f"  {note.day.isoformat()} {note.text}{flag}")
        if deadline.provisional:
            years = "、".join(str(y) for y in deadline.missing_years)
            self.stdout.write(f"注意：{years} 年的节假日安排尚未录入，该年只扣除周末，期限为暂定。")
