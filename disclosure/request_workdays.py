"""The working-day arithmetic the request clock uses, from the portal's calendar.

A thin adapter over `loudi_portal.workdays` so the clock speaks in one small
result type (due date, provisional flag, human notes) and the rest of this
part never depends on the engine's internals.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from loudi_portal import workdays

Pause = tuple[date, date]


@dataclass(frozen=True)
class WorkdayResult:
    due: date
    provisional: bool = False
    notes: list[str] = field(default_factory=list)

    def explain(self) -> str:
        return "；".join(self.notes)


def add_days(start: date, n: int, pauses: Iterable[Pause] = ()) -> WorkdayResult:
    """The n-th working day after `start` (start itself not counted), paused days (inclusive) skipped."""
    result = workdays.add_working_days(start, n, pauses=[tuple(p) for p in pauses])
    notes = []
    if result.provisional:
        years = "、".join(str(y) for y in result.missing_years)
        notes.append(_("%(years)s 年节假日安排尚未录入，期限暂按周一至周五计算") % {"years": years})
    return WorkdayResult(due=result.due, provisional=result.provisional, notes=notes)


def days_between(start: date, end: date, pauses: Iterable[Pause] = ()) -> int:
    """Working days after `start` up to and including `end`, paused days not counted."""
    return workdays.working_days_between(start, end, pauses=[tuple(p) for p in pauses])
