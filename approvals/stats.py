"""On-time figures per service and month, and the chart that shows them.

One aggregate query per page whatever the number of applications: the database
groups by service and month of acceptance.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import ExtractMonth

from .models import Application


@dataclass
class Row:
    service_code: str
    service_name: str
    month: int
    applications: int
    completed: int
    on_time_committed: int
    on_time_statutory: int
    avg_days: float | None

    @property
    def committed_rate(self) -> int | None:
        return round(100 * self.on_time_committed / self.completed) if self.completed else None

    @property
    def statutory_rate(self) -> int | None:
        return round(100 * self.on_time_statutory / self.completed) if self.completed else None


def monthly_rows(*, year: int, service=None) -> list[Row]:
    """Rows per (service, month of acceptance) for one year (one query)."""
    qs = Application.objects.filter(accepted_on__year=year)
    if service is not None:
        qs = qs.filter(service=service)
    decided = Q(decision_on__isnull=False)
    grouped = (
        qs.annotate(month=ExtractMonth("accepted_on"))
        .values("service__code", "service__name", "service__position", "month")
        .annotate(
            applications=Count("id"),
            completed=Count("id", filter=decided),
            on_time_committed=Count("id", filter=decided & Q(decision_on__lte=F("committed_due_on"))),
            on_time_statutory=Count("id", filter=decided & Q(decision_on__lte=F("statutory_due_on"))),
            avg_days=Avg("working_days_taken"),
        )
        .order_by("service__position", "service__code", "month")
    )
    return [
        Row(
            g["service__code"],
            g["service__name"],
            g["month"],
            g["applications"],
            g["completed"],
            g["on_time_committed"],
            g["on_time_statutory"],
            round(g["avg_days"], 1) if g["avg_days"] is not None else None,
        )
        for g in grouped
    ]


def totals(rows: list[Row], key) -> list[Row]:
    """Sum rows by key (e.g. month or service); the average is weighted by completed files."""
    out: dict = {}
    for r in rows:
        k = key(r)
        t = out.setdefault(k, Row(r.service_code, r.service_name, r.month, 0, 0, 0, 0, 0.0))
        t.applications += r.applications
        t.completed += r.completed
        t.on_time_committed += r.on_time_committed
        t.on_time_statutory += r.on_time_statutory
        t.avg_days += (r.avg_days or 0) * r.completed
    for t in out.values():
        t.avg_days = round(t.avg_days / t.completed, 1) if t.completed else None
    return list(out.values())


@dataclass
class Bar:
    month: int
    x: float
    width: float
    total: int
    total_y: float
    total_h: float
    x2: float
    on_time: int
    on_time_y: float
    on_time_h: float


def chart(by_month: list[Row], *, width: int = 720, height: int = 260) -> dict:
    """Geometry for a 12-month bar chart: decided files, and those on time against the promise."""
    counts = {r.month: r for r in by_month}
    top = max([r.completed for r in by_month] + [1])
    plot_h = height - 50
    slot = (width - 40) / 12
    bars = []
    for month in range(1, 13):
        r = counts.get(month)
        total = r.completed if r else 0
        on_time = r.on_time_committed if r else 0
        th = plot_h * total / top
        oh = plot_h * on_time / top
        x = 40 + (month - 1) * slot
        bars.append(
            Bar(
                month,
                round(x + slot * 0.15, 1),
                round(slot * 0.33, 1),
                total,
                round(20 + plot_h - th, 1),
                round(th, 1),
                round(x + slot * 0.5, 1),
                on_time,
                round(20 + plot_h - oh, 1),
                round(oh, 1),
            )
        )
    return {"bars": bars, "width": width, "height": height, "base_y": 20 + plot_h, "top": top, "slot": slot}
