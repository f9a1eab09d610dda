"""The working-day arithmetic the request clock uses, behind one small adapter.

The portal's calendar lives in `loudi_portal.workdays` (built on the approvals
branch). Until that module is merged, a stand-in with the same call shape is
used: chinesecalendar for the years it knows, Mon-Fri beyond them, and the
deadline is then flagged as provisional. The request clock only calls
`add_days()` and `days_between()` below, so switching is a one-place change.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

try:  # pragma: no cover - depends on whether the calendar branch is merged
    from loudi_portal import workdays as _portal_workdays
except ImportError:  # pragma: no cover
    _portal_workdays = None

Pause = tuple[date, date]


@dataclass(frozen=True)
class WorkdayResult:
    due: date
    provisional: bool = False
    notes: list[str] = field(default_factory=list)

    def explain(self) -> str:
        return "；".join(self.notes)


def _fallback_is_workday(day: date) -> tuple[bool, bool]:
    """Return (is_workday, provisional) for one day."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day), False
    except NotImplementedError:
        return day.weekday() < 5, True


def _in_pause(day: date, pauses: Iterable[Pause]) -> bool:
    return any(start <= day <= end for start, end in pauses)


def _fallback_add(start: date, n: int, pauses: Iterable[Pause] = ()) -> WorkdayResult:
    pauses = list(pauses)
    day, counted, provisional = start, 0, False
    while counted < n:
        day += timedelta(days=1)
        workday, guess = _fallback_is_workday(day)
        provisional = provisional or guess
        if workday and not _in_pause(day, pauses):
            counted += 1
    notes = ["该年度节假日安排尚未公布，期限按周一至周五暂算"] if provisional else []
    return WorkdayResult(due=day, provisional=provisional, notes=notes)


def _fallback_between(start: date, end: date, pauses: Iterable[Pause] = ()) -> int:
    """Working days after `start` up to and including `end`."""
    pauses = list(pauses)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if _fallback_is_workday(day)[0] and not _in_pause(day, pauses):
            count += 1
    return count


def add_days(start: date, n: int, pauses: Iterable[Pause] = ()) -> WorkdayResult:
    """The n-th working day after `start` (start itself not counted), skipping pauses."""
    pauses = [tuple(p) for p in pauses]
    if _portal_workdays is not None:
        result = _portal_workdays.add_working_days(start, n, pauses=pauses)
        due = getattr(result, "due", result)
        provisional = bool(getattr(result, "provisional", False))
        explain = getattr(result, "explain", None)
        notes = [explain()] if callable(explain) and provisional else []
        return WorkdayResult(due=due, provisional=provisional, notes=notes)
    return _fallback_add(start, n, pauses)


def days_between(start: date, end: date, pauses: Iterable[Pause] = ()) -> int:
    """Working days after `start` up to and including `end`, pauses not counted."""
    pauses = [tuple(p) for p in pauses]
    if _portal_workdays is not None:
        try:
            return _portal_workdays.working_days_between(start, end, pauses=pauses)
        except TypeError:  # pragma: no cover - a calendar without pause support
            return _portal_workdays.working_days_between(start, end)
    return _fallback_between(start, end, pauses)
