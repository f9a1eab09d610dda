"""“三公” tables: the change against last year, the change rate, the checks, the chart.

Everything shown is computed here from the amounts staff typed; only the
explanations are written by hand, and one is required for every change.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import COUNT_LABELS, PEOPLE_LABELS, BudgetCategory, SanGongStatement

VEHICLE_CATEGORIES = (BudgetCategory.VEHICLE_PURCHASE, BudgetCategory.VEHICLE_OPERATION)
ZERO = Decimal("0.00")


def change_rate(current: Decimal, previous: Decimal | None) -> Decimal | None:
    """Change in per cent, one decimal; None when there is nothing to compare with."""
    if previous is None or previous == 0:
        return None
    return ((current - previous) * 100 / previous).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Row:
    key: str
    label: str
    amount: Decimal
    previous: Decimal | None
    explanation: str = ""
    count: int | None = None
    people: int | None = None
    count_label: str = ""
    people_label: str = ""
    level: int = 1  # 0 = total, 1 = category, 2 = vehicle sub-item

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.amount - self.previous

    @property
    def rate(self) -> Decimal | None:
        return change_rate(self.amount, self.previous)

    @property
    def changed(self) -> bool:
        return self.previous is not None and self.amount != self.previous


def _lines_by_category(statement) -> dict:
    return {line.category: line for line in statement.lines.all()} if statement else {}


def statement_rows(statement: SanGongStatement, previous: SanGongStatement | None) -> list[Row]:
    """The table of one statement: total, outbound, reception, vehicles (purchase + running)."""
    now, before = _lines_by_category(statement), _lines_by_category(previous)

    def amount(lines, cat):
        return lines[cat].amount if cat in lines else ZERO

    def prev(cat):
        return amount(before, cat) if previous is not None else None

    def line_row(cat, level):
        line = now.get(cat)
        return Row(
            key=cat,
            label=str(BudgetCategory(cat).label),
            amount=amount(now, cat),
            previous=prev(cat),
            explanation=line.explanation if line else "",
            count=line.count if line else None,
            people=line.people if line else None,
            count_label=str(COUNT_LABELS.get(cat, "")),
            people_label=str(PEOPLE_LABELS.get(cat, "")),
            level=level,
        )

    outbound = line_row(BudgetCategory.OUTBOUND, 1)
    reception = line_row(BudgetCategory.RECEPTION, 1)
    purchase = line_row(BudgetCategory.VEHICLE_PURCHASE, 2)
    running = line_row(BudgetCategory.VEHICLE_OPERATION, 2)
    vehicles = Row(
        key="vehicles",
        label=_("公务用车购置及运行维护费"),
        amount=purchase.amount + running.amount,
        previous=None if previous is None else purchase.previous + running.previous,
        level=1,
    )
    total = Row(
        key="total",
        label=_("合计"),
        amount=outbound.amount + reception.amount + vehicles.amount,
        previous=None if previous is None else outbound.previous + reception.previous + vehicles.previous,
        level=0,
    )
    return [total, outbound, reception, vehicles, purchase, running]


def missing_explanations(statement: SanGongStatement, previous: SanGongStatement | None) -> list[str]:
    """Names of the categories whose amount changed without a written reason."""
    return [
        row.label
        for row in statement_rows(statement, previous)
        if row.key in BudgetCategory.values and row.changed and not row.explanation.strip()
    ]


def previous_statement(statement: SanGongStatement) -> SanGongStatement | None:
    return (
        SanGongStatement.objects.filter(year=statement.year - 1, stage=statement.stage)
        .exclude(status=SanGongStatement.Status.WITHDRAWN)
        .prefetch_related("lines")
        .first()
    )


@transaction.atomic
def publish_statement(*, statement: SanGongStatement, by) -> SanGongStatement:
    """Publish a statement once every category is filled in and every change explained."""
    if not by.has_perm("disclosure.publish_sangongstatement"):
        raise PermissionDenied
    statement = SanGongStatement.objects.select_for_update().get(pk=statement.pk)
    present = {line.category for line in statement.lines.all()}
    absent = [str(BudgetCategory(c).label) for c in BudgetCategory.values if c not in present]
    if absent:
        raise ValidationError(_("以下项目尚未填写：%(items)s。") % {"items": "、".join(absent)})
    missing = missing_explanations(statement, previous_statement(statement))
    if missing:
        raise ValidationError(
            _("以下项目与上年相比有变化，须填写增减变化原因：%(items)s。") % {"items": "、".join(missing)}
        )
    statement.status = SanGongStatement.Status.PUBLISHED
    statement.published_at = timezone.now()
    statement.save()
    return statement


@transaction.atomic
def withdraw_statement(*, statement: SanGongStatement, by, reason: str) -> SanGongStatement:
    if not by.has_perm("disclosure.publish_sangongstatement"):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("撤回须说明原因。"))
    statement = SanGongStatement.objects.select_for_update().get(pk=statement.pk)
    statement.status = SanGongStatement.Status.WITHDRAWN
    statement.withdrawn_reason = reason.strip()
    statement.save()
    return statement


# --- The chart -------------------------------------------------------------------
CHART_WIDTH, CHART_HEIGHT = 640, 300
CHART_LEFT, CHART_BOTTOM, CHART_TOP = 70, 40, 36


def _nice_max(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        candidate = magnitude * Decimal(str(step))
        if candidate >= value:
            return candidate
    return magnitude * 10


def chart(years: list[dict]) -> dict:
    """Bar geometry for the yearly 三公 totals (budget and final side by side), in 万元.

    `years` is a list of {"year", "budget", "final"} with Decimal totals in 元 or None.
    """
    values = [y[k] / 10000 for y in years for k in ("budget", "final") if y.get(k) is not None]
    top = _nice_max(max(values, default=Decimal(1)))
    plot_h = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    plot_w = CHART_WIDTH - CHART_LEFT - 20
    slot = plot_w / max(len(years), 1)
    bar_w = min(40, slot / 3)
    bars, labels = [], []
    for i, y in enumerate(years):
        x0 = CHART_LEFT + i * slot + (slot - 2 * bar_w) / 2
        for j, key in enumerate(("budget", "final")):
            if y.get(key) is None:
                continue
            wan = y[key] / 10000
            h = float(wan / top) * plot_h
            bars.append(
                {
                    "x": round(x0 + j * bar_w, 1),
                    "y": round(CHART_TOP + plot_h - h, 1),
                    "w": round(bar_w - 2, 1),
                    "h": round(h, 1),
                    "kind": key,
                    "value": wan.quantize(Decimal("0.01")),
                    "label_y": round(CHART_TOP + plot_h - h - 4, 1),
                    "label_x": round(x0 + j * bar_w + bar_w / 2 - 1, 1),
                }
            )
        labels.append({"x": round(CHART_LEFT + i * slot + slot / 2, 1), "text": str(y["year"])})
    ticks = []
    for k in range(5):
        value = top * k / 4
        ticks.append(
            {"y": round(CHART_TOP + plot_h - plot_h * k / 4, 1), "text": f"{value:.1f}".rstrip("0").rstrip(".")}
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - 20,
        "baseline": CHART_TOP + plot_h,
        "label_y": CHART_HEIGHT - CHART_BOTTOM + 18,
        "bars": bars,
        "labels": labels,
        "ticks": ticks,
    }


def budget_page_data() -> dict:
    """Everything /budgets/ shows, in three queries (statements, their lines, withdrawn ones)."""
    statements = list(SanGongStatement.objects.published().prefetch_related("lines").order_by("-year", "stage"))
    by_key = {(s.year, s.stage): s for s in statements}
    years = sorted({s.year for s in statements}, reverse=True)
    blocks = []
    for year in years:
        tables = []
        for stage in (SanGongStatement.Stage.BUDGET, SanGongStatement.Stage.FINAL):
            statement = by_key.get((year, stage))
            if statement:
                previous = by_key.get((year - 1, stage))
                tables.append(
                    {
                        "statement": statement,
                        "rows": statement_rows(statement, previous),
                        "has_previous": previous is not None,
                    }
                )
        blocks.append({"year": year, "tables": tables})
    series = []
    for year in sorted(years):
        entry = {"year": year, "budget": None, "final": None}
        for stage in ("budget", "final"):
            statement = by_key.get((year, stage))
            if statement:
                entry[stage] = statement_rows(statement, None)[0].amount
        series.append(entry)
    withdrawn = list(
        SanGongStatement.objects.filter(status=SanGongStatement.Status.WITHDRAWN).order_by("-year", "stage")
    )
    return {"blocks": blocks, "series": series, "chart": chart(series) if series else None, "withdrawn": withdrawn}
