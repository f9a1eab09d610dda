"""Geometry of the server-rendered SVG bar charts (no JavaScript; every chart's numbers
are also in a table next to it).

The apps' templates draw the `<rect>`s; this module only says where they go, in SVG user
units, so that every chart scales its bars the same way:

- `slots` divides a plot's width into equal slots (a month, a year);
- `column` is a vertical bar standing on a baseline, with where its value label goes;
- `bar_length` is the length of a horizontal bar;
- `nice_ceiling` rounds an axis's top up to 1, 2, 2.5 or 5 times a power of ten.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Slot:
    x: float  # left edge
    width: float
    centre: float


@dataclass(frozen=True)
class Column:
    x: float
    y: float  # top edge (SVG's y grows downwards)
    width: float
    height: float
    label_y: float  # baseline of the value written just above the bar


def share(value, top) -> float:
    """`value` as a fraction of `top`, between 0 and 1 (0 when either is not positive)."""
    if not top or top <= 0 or not value or value <= 0:
        return 0.0
    return min(float(Decimal(value) / Decimal(top)), 1.0)


def slots(*, left: float, width: float, count: int) -> list[Slot]:
    """`count` equal slots side by side, from `left` across `width`."""
    size = width / max(count, 1)
    return [Slot(x=left + i * size, width=size, centre=round(left + i * size + size / 2, 1)) for i in range(count)]


def column(*, x: float, width: float, value, top, baseline: float, span: float, label_gap: float = 4) -> Column:
    """A vertical bar of `value` on a scale where `top` is `span` units tall, standing on `baseline`."""
    height = span * share(value, top)
    return Column(
        x=round(x, 1),
        y=round(baseline - height, 1),
        width=round(width, 1),
        height=round(height, 1),
        label_y=round(baseline - height - label_gap, 1),
    )


def bar_length(value, top, span: float, *, minimum: int = 1) -> int:
    """Whole-unit length of a horizontal bar; a positive value is never drawn shorter than `minimum`."""
    if not value or value <= 0:
        return 0
    return max(minimum, int(span * share(value, top)))


def nice_ceiling(value) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (1 for nothing to show)."""
    value = Decimal(value)
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in ("1", "2", "2.5", "5", "10"):
        candidate = magnitude * Decimal(step)
        if candidate >= value:
            return candidate
    return magnitude * 10
