"""留言统计: messages received and answered per month, and the average working days to answer.

What the public statistics page, the 年度报表's 互动交流 rows and the self-check read.
`month_rows()` is pure (it takes the facts); `facts()` reads them in one query.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from .models import Message
from .reply_clock import working_days_taken


@dataclass(frozen=True)
class Fact:
    """What the statistics need from one message (no personal data)."""

    received_on: date
    replied_on: date | None
    due_on: date
    valid: bool
    published: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    received: int
    answered: int
    on_time: int
    open: int
    average_days: float | None  # working days from receipt to answer, answered ones only

    @property
    def average_text(self) -> str:
        return "—" if self.average_days is None else f"{self.average_days:.1f}"


def _row(label: str, facts: list[Fact]) -> Row:
    valid = [f for f in facts if f.valid]
    answered = [f for f in valid if f.replied_on is not None]
    taken = [working_days_taken(f.received_on, f.replied_on) for f in answered]
    return Row(
        label=label,
        received=len(valid),
        answered=len(answered),
        on_time=sum(1 for f in answered if f.replied_on <= f.due_on),
        open=len(valid) - len(answered),
        average_days=round(sum(taken) / len(taken), 1) if taken else None,
    )


def month_rows(year: int, facts: list[Fact], today: date) -> tuple[list[Row], Row]:
    """One row per month of `year` up to `today` (by month of receipt), and the year's total."""
    in_year = [f for f in facts if f.received_on.year == year]
    last_month = 12 if year < today.year else today.month
    rows = [
        _row(f"{year}-{month:02d}", [f for f in in_year if f.received_on.month == month])
        for month in range(1, last_month + 1)
    ]
    return rows, _row(f"{year}", in_year)


def facts(year: int | None = None) -> list[Fact]:
    """One query: every message (of `year`, when given) as statistics facts."""
    rows = Message.objects.all()
    if year is not None:
        tz = timezone.get_current_timezone()
        rows = rows.filter(
            received_at__gte=datetime.combine(date(year, 1, 1), time.min, tz),
            received_at__lt=datetime.combine(date(year + 1, 1, 1), time.min, tz),
        )
    values = rows.values_list("received_at", "replied_at", "due_on", "status", "publication__status")
    return [
        Fact(
            received_on=timezone.localdate(received_at),
            replied_on=timezone.localdate(replied_at) if replied_at and status == Message.Status.ANSWERED else None,
            due_on=due_on,
            valid=status != Message.Status.NOT_ACCEPTED,
            published=publication_status == "published",
        )
        for received_at, replied_at, due_on, status, publication_status in values
    ]


def years_with_messages() -> list[int]:
    """The years of receipt, newest first (1 query)."""
    return sorted({d.year for d in Message.objects.dates("received_at", "year")}, reverse=True)
