"""Working-day arithmetic for every deadline of the portal.

One engine for approvals (《行政许可法》 Art. 42), information requests (条例
Art. 33) and publication deadlines (Art. 26). The public API:

    is_working_day(d) -> bool
    add_working_days(start, n, *, pauses=()) -> Deadline
    working_days_between(start, end, *, pauses=()) -> int

Counting convention: the start day is not counted; the deadline is the n-th
working day after it. Days inside a pause (both ends included) are not
counted: 补正 waiting, hearings, testing, expert review, third-party
consultation. A working day is a weekday that is not a statutory holiday, or
a weekend day entered as 调休上班.

The calendar is data (`WorkCalendarEntry`), seeded from the chinesecalendar
package and edited by admins. A year without any entry is "not entered": its
weekends are skipped, and so are the holidays whose dates are fixed by
《全国年节及纪念日放假办法》 (as in force from 2025: 元旦 1 January, 劳动节 1–2 May,
国庆节 1–3 October; the lunar holidays and the 调休 are only known from the State
Council's notice). Every Deadline reaching into such a year is marked provisional,
and so is each of those days in its explanation. Nothing here raises for a missing year.

Cost: the entries of a year are read with one query the first time the year
is needed, then kept in this process's memory. Saving or deleting an entry
clears this process's copy at once and tells the other processes through the
shared cache (they notice within `RECHECK_SECONDS`).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

VERSION_KEY = "loudi_portal:workcalendar-version"
RECHECK_SECONDS = 30
# Without a shared cache (one LocMemCache per process) other processes never hear of
# a change, so a process also drops its copy after this long.
MAX_AGE_SECONDS = 600
# A guard against runaway input (e.g. n = 10**9): about 55 years of calendar days.
MAX_SPAN_DAYS = 20_000

WEEKEND = "weekend"
HOLIDAY = "holiday"
PAUSE = "pause"
ADJUSTED_WORKDAY = "adjusted_workday"

_WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass(frozen=True)
class _Year:
    has_entries: bool
    holidays: dict[date, str]
    workdays: dict[date, str]


_EMPTY_YEAR = _Year(False, {}, {})
# Holidays on fixed calendar dates under 《全国年节及纪念日放假办法》 (国务院令第795号 revision, in force
# 2025-01-01), skipped provisionally in a year whose State Council notice is not entered yet.
FIXED_DATE_HOLIDAYS = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)
FIXED_DATE_HOLIDAYS_FROM = 2025
PROVISIONAL_SUFFIX = "（按放假办法暂定）"


def fixed_date_holidays(year: int) -> dict[date, str]:
    """The fixed-date statutory holidays of `year` (none before the rule's first year)."""
    if year < FIXED_DATE_HOLIDAYS_FROM or year > 9999:
        return {}
    return {date(year, month, day): name + PROVISIONAL_SUFFIX for month, day, name in FIXED_DATE_HOLIDAYS}


_lock = threading.Lock()
_years: dict[int, _Year] = {}
_seen_version: str | None = None
_checked_at = 0.0
_cleared_at = 0.0


def invalidate_cache(*, everywhere: bool = True) -> None:
    """Forget this process's copy; with `everywhere`, tell the other processes too."""
    global _seen_version, _cleared_at
    with _lock:
        _years.clear()
        _seen_version = None
        _cleared_at = time.monotonic()
    if everywhere:
        try:
            cache.set(VERSION_KEY, uuid.uuid4().hex, None)
        except Exception:  # noqa: BLE001  (a cache outage must not break a save)
            pass


def _on_calendar_change() -> None:
    invalidate_cache()
    # A reader between the save and the commit may have cached the old rows.
    transaction.on_commit(invalidate_cache)


def _check_version() -> None:
    """Drop the local copy when another process changed the calendar (cheap, throttled)."""
    global _seen_version, _checked_at, _cleared_at
    now = time.monotonic()
    if now - _cleared_at > MAX_AGE_SECONDS:
        with _lock:
            _years.clear()
            _cleared_at = now
    if now - _checked_at < RECHECK_SECONDS and _seen_version is not None:
        return
    _checked_at = now
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            cache.add(VERSION_KEY, version, None)
            version = cache.get(VERSION_KEY) or version
    except Exception:  # noqa: BLE001
        return
    with _lock:
        if version != _seen_version:
            _years.clear()
            _seen_version = version


def _year(year: int) -> _Year:
    data = _years.get(year)
    if data is not None:
        return data
    from .models import WorkCalendarEntry

    if not 1 <= year <= 9999:
        return _EMPTY_YEAR
    try:
        rows = list(
            WorkCalendarEntry.objects.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31)).values_list(
                "date", "kind", "name"
            )
        )
    except DatabaseError:
        return _EMPTY_YEAR  # no table yet (e.g. before migrate): weekends only, not cached
    holidays = {d: name for d, kind, name in rows if kind == WorkCalendarEntry.Kind.HOLIDAY}
    workdays = {d: name for d, kind, name in rows if kind == WorkCalendarEntry.Kind.WORKDAY}
    if not rows:  # not entered yet: the holidays known in advance, provisionally
        holidays = fixed_date_holidays(year)
    data = _Year(bool(rows), holidays, workdays)
    with _lock:
        _years[year] = data
    return data


def year_has_calendar(year: int) -> bool:
    """True when at least one holiday or working-weekend entry exists for `year`."""
    _check_version()
    return _year(year).has_entries


def missing_next_year(today: date) -> int | None:
    """From December 1 on, the next year if its calendar has not been entered; else None."""
    if today.month != 12:
        return None
    from .models import WorkCalendarEntry

    nxt = today.year + 1
    exists = WorkCalendarEntry.objects.filter(date__gte=date(nxt, 1, 1), date__lte=date(nxt, 12, 31)).exists()
    return None if exists else nxt


def _status(d: date) -> tuple[bool, str | None, str]:
    """(is working day, why not / why adjusted, label) for one date."""
    data = _year(d.year)
    if d in data.holidays:
        return False, HOLIDAY, data.holidays[d]
    if d in data.workdays:
        return True, ADJUSTED_WORKDAY, data.workdays[d]
    if d.weekday() >= 5:
        return False, WEEKEND, _WEEKDAY_NAMES[d.weekday()]
    return True, None, ""


def is_working_day(d: date) -> bool:
    """True for a weekday that is not a holiday, or a weekend day entered as 调休上班."""
    _check_version()
    return _status(d)[0]


@dataclass(frozen=True)
class DayNote:
    """One line of a deadline's explanation."""

    day: date
    reason: str  # weekend, holiday, pause or adjusted_workday
    label: str  # e.g. 星期六, 国庆节, the pause's reason
    counted: bool  # only adjusted working weekends are counted
    provisional: bool = False  # the day's year has no calendar entries

    @property
    def text(self) -> str:
        if self.reason == WEEKEND:
            return _("%(label)s，休息日，不计入") % {"label": self.label}
        if self.reason == HOLIDAY:
            return _("法定节假日（%(label)s），不计入") % {"label": self.label}
        if self.reason == PAUSE:
            return _("暂停计时（%(label)s），不计入") % {"label": self.label}
        return _("%(weekday)s调休上班（%(label)s），计入") % {
            "weekday": _WEEKDAY_NAMES[self.day.weekday()],
            "label": self.label,
        }


@dataclass(frozen=True)
class Deadline:
    """The n-th working day after `start`, and how it was reached."""

    start: date
    days: int
    due: date
    provisional: bool
    notes: tuple[DayNote, ...] = field(default=(), repr=False, compare=False)
    missing_years: tuple[int, ...] = field(default=(), compare=False)

    def explain(self) -> list[DayNote]:
        """Each skipped day with its reason, and each adjusted working weekend that counted."""
        return list(self.notes)

    def is_late(self, on: date) -> bool:
        return on > self.due


Pause = tuple[date, date] | tuple[date, date, str]


def _normalise_pauses(pauses: Iterable[Pause]) -> list[tuple[date, date, str]]:
    result = []
    for pause in pauses:
        begin, end = pause[0], pause[1]
        label = pause[2] if len(pause) > 2 and pause[2] else _("暂停")
        if not isinstance(begin, date) or not isinstance(end, date):
            raise TypeError("A pause is a (first_day, last_day) pair of dates.")
        if end < begin:
            raise ValueError(f"A pause ends ({end}) before it begins ({begin}).")
        result.append((begin, end, str(label)))
    return sorted(result)


def _pause_label(d: date, pauses: list[tuple[date, date, str]]) -> str | None:
    for begin, end, label in pauses:
        if begin <= d <= end:
            return label
    return None


def add_working_days(start: date, n: int, *, pauses: Iterable[Pause] = ()) -> Deadline:
    """Return the n-th working day after `start` (start not counted), skipping paused days.

    Costs at most one query per calendar year reached, and none once cached.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError("n must be a non-negative whole number of working days.")
    _check_version()
    paused = _normalise_pauses(pauses)
    notes: list[DayNote] = []
    missing: set[int] = set()
    day, counted, walked = start, 0, 0
    while counted < n:
        walked += 1
        if walked > MAX_SPAN_DAYS:
            raise ValueError("The deadline lies too far ahead to compute.")
        try:
            day += timedelta(days=1)
        except OverflowError as exc:
            raise ValueError("The deadline lies beyond the last representable date.") from exc
        provisional = not _year(day.year).has_entries
        if provisional:
            missing.add(day.year)
        pause_label = _pause_label(day, paused) if paused else None
        if pause_label is not None:
            notes.append(DayNote(day, PAUSE, pause_label, False, provisional))
            continue
        working, reason, label = _status(day)
        if working:
            counted += 1
            if reason == ADJUSTED_WORKDAY:
                notes.append(DayNote(day, reason, label, True, provisional))
        else:
            notes.append(DayNote(day, reason, label, False, provisional))
    return Deadline(
        start=start,
        days=n,
        due=day,
        provisional=bool(missing),
        notes=tuple(notes),
        missing_years=tuple(sorted(missing)),
    )


def working_days_between(start: date, end: date, *, pauses: Iterable[Pause] = ()) -> int:
    """Count the working days after `start` up to and including `end` (0 if end <= start)."""
    if end <= start:
        return 0
    if (end - start).days > MAX_SPAN_DAYS:
        raise ValueError("The period is too long to count.")
    _check_version()
    paused = _normalise_pauses(pauses)
    total = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if paused and _pause_label(day, paused) is not None:
            continue
        if _status(day)[0]:
            total += 1
    return total
