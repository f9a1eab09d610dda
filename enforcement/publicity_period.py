"""公示期 of administrative penalties under 《信用修复管理办法》 (in force 2026-04-01).

Pure date arithmetic, no Django: the model, the admin form and the public querysets call it.

| Severity | Shown for                                   |
|----------|---------------------------------------------|
| 轻微     | normally not published; at most 3 months     |
| 一般     | at least 3 months, at most 1 year            |
| 严重     | at least 1 year, at most 3 years             |

The period counts from the decision date. The record comes down automatically at the maximum;
an earlier end (信用修复) is allowed once the minimum has passed. A period "of 3 months" from
2026-01-31 ends on 2026-04-30: months are added to the calendar, clamped to the month's last day.
"""

import calendar
from datetime import date
from enum import StrEnum


class Severity(StrEnum):
    MINOR = "minor"  # 轻微
    GENERAL = "general"  # 一般
    SERIOUS = "serious"  # 严重


# (minimum, maximum) in months from the decision. A minimum of 0: not published at all.
BOUNDS_IN_MONTHS: dict[Severity, tuple[int, int]] = {
    Severity.MINOR: (0, 3),
    Severity.GENERAL: (3, 12),
    Severity.SERIOUS: (12, 36),
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it has fewer days."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def earliest_end(severity: Severity, decided_on: date) -> date:
    """The first day the record may come down (信用修复 may be granted from then on)."""
    return add_months(decided_on, BOUNDS_IN_MONTHS[Severity(severity)][0])


def latest_end(severity: Severity, decided_on: date) -> date:
    """The last day the record may be shown; after it, it leaves the public register."""
    return add_months(decided_on, BOUNDS_IN_MONTHS[Severity(severity)][1])


def default_end(severity: Severity, decided_on: date) -> date | None:
    """公示截止期 when staff leave it empty: the maximum, or None (not published) for 轻微."""
    if Severity(severity) == Severity.MINOR:
        return None
    return latest_end(severity, decided_on)


def earliest_public_decision(severity: Severity, today: date) -> date:
    """The oldest decision date still inside its maximum period on `today`.

    Inverse of `latest_end`: a decision of day d is shown on `today` iff latest_end(d) >= today.
    """
    months = BOUNDS_IN_MONTHS[Severity(severity)][1]
    candidate = add_months(today, -months)
    # Clamping at month ends makes add_months non-injective: step back while the day before
    # still reaches today (at most 3 steps, 28-31 February/month-end cases).
    while latest_end(severity, candidate - _ONE_DAY) >= today:
        candidate -= _ONE_DAY
    while latest_end(severity, candidate) < today:
        candidate += _ONE_DAY
    return candidate


def end_error(severity: Severity, decided_on: date, ends_on: date | None) -> str | None:
    """A Chinese message if `ends_on` is outside the period the severity allows, else None."""
    severity = Severity(severity)
    if ends_on is None:
        if severity == Severity.MINOR:
            return None
        return "一般、严重失信行为的处罚须公示，请填写公示截止期（不填则取最长期限）。"
    if ends_on < decided_on:
        return "公示截止期不能早于处罚决定日期。"
    low, high = earliest_end(severity, decided_on), latest_end(severity, decided_on)
    if ends_on > high:
        return f"{_LABELS[severity]}处罚最长公示至 {high.isoformat()}（《信用修复管理办法》）。"
    if ends_on < low:
        return (
            f"{_LABELS[severity]}处罚至少公示至 {low.isoformat()}；"
            "提前撤下须经信用修复，且最短公示期已满（《信用修复管理办法》）。"
        )
    return None


_ONE_DAY = date(2000, 1, 2) - date(2000, 1, 1)
_LABELS = {Severity.MINOR: "轻微", Severity.GENERAL: "一般", Severity.SERIOUS: "严重"}
