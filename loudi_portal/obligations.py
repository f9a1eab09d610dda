"""The obligations board's registration API: every publication deadline the bureau has, in one list.

Each app adds its deadlines in its `AppConfig.ready()` with
`register_obligation_source(key, label, rule, fn)`, where fn(today) returns a
list of `Obligation`; `disclosure` shows the board. A source registered without
a collector is a statutory rule whose register has not been plugged in yet.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy

from . import workdays

DUE_SOON_DAYS = 5  # calendar days


@dataclass
class Obligation:
    title: str
    rule: str
    due_on: date | None
    done_on: date | None = None
    responsible: str = ""
    url: str = ""
    provisional: bool = False

    def state(self, today: date) -> str:
        if self.done_on:
            return "done_late" if self.due_on and self.done_on > self.due_on else "done"
        if self.due_on is None:
            return "open"
        if today > self.due_on:
            return "late"
        return "due_soon" if (self.due_on - today).days <= DUE_SOON_DAYS else "open"


STATE_LABELS = {
    "late": gettext_lazy("已逾期"),
    "due_soon": gettext_lazy("即将到期"),
    "open": gettext_lazy("进行中"),
    "done_late": gettext_lazy("已完成（逾期）"),
    "done": gettext_lazy("已按期完成"),
}
STATE_ORDER = ["late", "due_soon", "open", "done_late", "done"]


@dataclass
class Source:
    key: str
    label: str
    rule: str
    collect: Callable[[date], list[Obligation]] | None = None


_sources: dict[str, Source] = {}


def register_obligation_source(key: str, label: str, rule: str, collect=None) -> None:
    _sources[key] = Source(key=key, label=label, rule=rule, collect=collect)


def sources() -> list[Source]:
    return list(_sources.values())


def board(today: date, *, due_by: date | None = None) -> dict:
    """Every obligation from every registered source, worst first.

    With `due_by`: only the open ones due on or before that day (late ones included).
    """
    items, waiting = [], []
    for source in sources():
        if source.collect is None:
            waiting.append(source)
            continue
        for item in source.collect(today):
            if due_by is not None and (item.done_on or item.due_on is None or item.due_on > due_by):
                continue
            state = item.state(today)
            left = None
            if item.due_on and not item.done_on:
                left = (
                    workdays.working_days_between(today, item.due_on)
                    if item.due_on >= today
                    else -workdays.working_days_between(item.due_on, today)
                )
            items.append(
                {
                    "source": source,
                    "item": item,
                    "state": state,
                    "state_label": STATE_LABELS[state],
                    "working_days_left": left,
                }
            )
    items.sort(key=lambda row: (STATE_ORDER.index(row["state"]), row["item"].due_on or date.max))
    counts = {state: sum(1 for row in items if row["state"] == state) for state in STATE_ORDER}
    return {"rows": items, "waiting": waiting, "counts": [(STATE_LABELS[s], counts[s]) for s in STATE_ORDER]}


def register_pending(key: str, label: str, rule: str) -> None:
    """A statutory rule whose register is not plugged in yet (an app's collector replaces it)."""
    _sources.setdefault(key, Source(key=key, label=label, rule=rule))
