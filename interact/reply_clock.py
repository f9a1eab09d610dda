"""The reply clock of a 咨询 / 建言 message, in working days, and the 3-month veto limit.

- The bureau answers a 咨询 within 10 working days and a 建言 within 15 (the day of
  receipt not counted, as every clock of the portal), on the portal's working-day
  calendar (`loudi_portal/workdays.py`).
- The 检查指标 (国办秘函〔2019〕19号) fail the whole site when a valid message waits
  more than 3 months for an answer (单项否决), and deduct points when replies are not
  kept up to date within 2 months. The commitment is therefore far inside both:
  15 working days are at most about 4 calendar weeks even across 春节 or 国庆.
- "Near the limit": 2 working days or fewer before the commitment, or less than
  20 calendar days before the 3-month limit.

Pure apart from the calendar's look-ups.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from loudi_portal import workdays

REPLY_WORKING_DAYS = {"consult": 10, "suggest": 15}
VETO_MONTHS = 3
NEAR_DUE_WORKING_DAYS = 2
NEAR_LIMIT_DAYS = 20


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day: 11-30 + 3 → 02-28/29)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ReplyClock:
    received_on: date
    due_on: date  # the bureau's commitment
    limit_on: date  # the 3-month veto limit: an answer after this day fails the site
    provisional: bool  # the calendar of a year the period reaches is not entered yet

    def state(self, today: date, replied_on: date | None = None) -> str:
        """answered / answered_late / past_limit / late / near / open."""
        if replied_on is not None:
            return "answered_late" if replied_on > self.due_on else "answered"
        if today > self.limit_on:
            return "past_limit"
        if today > self.due_on:
            return "late"
        if (self.limit_on - today).days < NEAR_LIMIT_DAYS:
            return "near"
        if workdays.working_days_between(today, self.due_on) <= NEAR_DUE_WORKING_DAYS:
            return "near"
        return "open"


def reply_clock(kind: str, received_on: date) -> ReplyClock:
    """The commitment and the veto limit of a message of `kind` received on `received_on`."""
    deadline = workdays.add_working_days(received_on, REPLY_WORKING_DAYS[kind])
    return ReplyClock(
        received_on=received_on,
        due_on=deadline.due,
        limit_on=add_months(received_on, VETO_MONTHS),
        provisional=deadline.provisional,
    )


def working_days_taken(received_on: date, replied_on: date) -> int:
    """Working days from receipt to the answer (an answer on the day of receipt takes 0)."""
    return workdays.working_days_between(received_on, replied_on)


STATE_LABELS = {
    "answered": _("已按期答复"),
    "answered_late": _("已答复（超过承诺期限）"),
    "past_limit": _("超过 3 个月未答复（单项否决）"),
    "late": _("已超过承诺期限"),
    "near": _("即将到期"),
    "open": _("办理中"),
}
