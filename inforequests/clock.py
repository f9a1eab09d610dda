"""The answer clock of an information request (Arts. 30-33 of the disclosure regulation).

- 20 working days from receipt (the day of receipt not counted);
- a 补正 may be asked once, within 7 working days of receipt; the clock stops
  until the supplement arrives and then restarts from that day;
- time consulting a third party (at most 15 working days) is not counted;
- one extension of at most 20 working days, approved and told to the applicant.

`compute_clock()` replays the ledger of events (pure: no database). The
working-day arithmetic comes from the portal's calendar through a thin adapter
(`add_days`, `days_between`) so the clock speaks in one small result type (due
date, provisional flag, human notes) and never depends on the engine's internals.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from loudi_portal import workdays

from .models import InfoRequest, Outcome, RequestEvent

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


ANSWER_DAYS = 20
SUPPLEMENT_ASK_DAYS = 7
CONSULTATION_DAYS = 15
MAX_EXTENSION_DAYS = 20

Kind = RequestEvent.Kind
Status = InfoRequest.Status


@dataclass
class Clock:
    """What the events say about a request: computed, never typed."""

    status: str = Status.SUBMITTED
    received_on: date | None = None
    started_on: date | None = None
    due_on: date | None = None
    provisional: bool = False
    closed_on: date | None = None
    outcome: str = ""
    supplement_deadline: date | None = None
    extension_days: int = 0
    pauses: list[tuple[date, date]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def is_late(self) -> bool:
        if not self.due_on:
            return False
        end = self.closed_on or timezone.localdate()
        return end > self.due_on and self.status not in (Status.ABANDONED,)

    def explain(self) -> str:
        return "；".join(self.lines)


def compute_clock(events) -> Clock:
    """Replay the ledger (event-like objects with kind, on, extension_days, outcome)."""
    clock = Clock()
    supplement_pending = False
    consultation_from: date | None = None
    for event in sorted(events, key=lambda e: (e.on, getattr(e, "pk", 0) or 0)):
        if event.kind == Kind.RECEIVED:
            clock.received_on = clock.started_on = event.on
            clock.status = Status.IN_PROGRESS
            clock.supplement_deadline = add_days(event.on, SUPPLEMENT_ASK_DAYS).due
            clock.lines.append(_("%(d)s 收到申请，自次日起计算 %(n)d 个工作日") % {"d": event.on, "n": ANSWER_DAYS})
        elif event.kind == Kind.SUPPLEMENT_ASKED:
            supplement_pending = True
            clock.lines.append(_("%(d)s 告知补正，答复期限中止") % {"d": event.on})
        elif event.kind == Kind.SUPPLEMENT_RECEIVED:
            supplement_pending = False
            clock.started_on = event.on
            # The period restarts: earlier pauses lie before the new start anyway.
            clock.pauses = []
            clock.lines.append(_("%(d)s 收到补正材料，答复期限重新计算") % {"d": event.on})
        elif event.kind == Kind.CONSULTATION_STARTED:
            consultation_from = event.on
            clock.lines.append(_("%(d)s 征求第三方意见，征求意见期间不计入答复期限") % {"d": event.on})
        elif event.kind == Kind.CONSULTATION_ENDED:
            if consultation_from is not None and event.on > consultation_from:
                clock.pauses.append((consultation_from + timedelta(days=1), event.on))
            consultation_from = None
            clock.lines.append(_("%(d)s 第三方意见收回") % {"d": event.on})
        elif event.kind == Kind.EXTENDED:
            clock.extension_days = int(event.extension_days or 0)
            clock.lines.append(_("%(d)s 经批准延长 %(n)d 个工作日") % {"d": event.on, "n": clock.extension_days})
        elif event.kind == Kind.ANSWERED:
            clock.status, clock.closed_on, clock.outcome = Status.ANSWERED, event.on, event.outcome
            clock.lines.append(_("%(d)s 作出答复") % {"d": event.on})
        elif event.kind == Kind.ABANDONED:
            clock.status, clock.closed_on = Status.ABANDONED, event.on
            clock.outcome = event.outcome or Outcome.OTHER_NO_SUPPLEMENT
            clock.lines.append(_("%(d)s 视为放弃申请，不再处理") % {"d": event.on})
    if clock.started_on is None:
        return clock
    if clock.status in (Status.ANSWERED, Status.ABANDONED):
        pass
    elif supplement_pending:
        clock.status = Status.AWAITING_SUPPLEMENT
    elif consultation_from is not None:
        clock.status = Status.CONSULTING
    pauses = list(clock.pauses)
    if consultation_from is not None and clock.status == Status.CONSULTING:
        # An open consultation is assumed to last its full 15 working days.
        third_party_due = add_days(consultation_from, CONSULTATION_DAYS)
        pauses.append((consultation_from + timedelta(days=1), third_party_due.due))
        clock.provisional = True
        clock.lines.append(_("第三方意见尚未收回，按 %(n)d 个工作日暂算") % {"n": CONSULTATION_DAYS})
    if supplement_pending and clock.status == Status.AWAITING_SUPPLEMENT:
        clock.due_on = None  # stopped until the supplement arrives
        return clock
    result = add_days(clock.started_on, ANSWER_DAYS + clock.extension_days, pauses)
    clock.due_on = result.due
    clock.provisional = clock.provisional or result.provisional
    if result.provisional:
        clock.lines.append(result.explain())
    return clock
