"""The shared SVG chart geometry: bars in proportion, nothing drawn for nothing, no
division by zero, axis tops a reader can read."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loudi_portal.charts import bar_length, column, nice_ceiling, share, slots


def test_slots_divide_the_width_evenly_with_their_centres():
    twelve = slots(left=40, width=600, count=12)
    assert len(twelve) == 12
    assert twelve[0].x == 40 and twelve[0].width == 50 and twelve[0].centre == 65
    assert twelve[-1].x + twelve[-1].width == pytest.approx(640)


def test_the_tallest_column_fills_the_span_and_half_the_value_half_of_it():
    tallest = column(x=8, width=34, value=10, top=10, baseline=190, span=170)
    half = column(x=58, width=34, value=5, top=10, baseline=190, span=170)
    assert (tallest.y, tallest.height, tallest.label_y) == (20, 170, 16)
    assert (half.y, half.height) == (105, 85)


def test_nothing_to_show_draws_flat_columns_and_no_bars():
    flat = column(x=0, width=10, value=0, top=0, baseline=100, span=80)
    assert flat.height == 0 and flat.y == 100
    assert bar_length(Decimal("0"), Decimal("0"), 420) == 0
    assert bar_length(Decimal("-5"), Decimal("10"), 420) == 0
    assert share(3, 0) == 0


def test_a_tiny_positive_amount_still_shows_a_bar():
    assert bar_length(Decimal("1"), Decimal("100000000"), 420) == 1
    assert bar_length(Decimal("4000000"), Decimal("4000000"), 420) == 420
    assert bar_length(Decimal("1000000"), Decimal("4000000"), 420) == 105


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_a_column_never_leaves_its_plot(value, top):
    bar = column(x=0, width=10, value=min(value, top), top=top, baseline=200, span=150)
    assert 0 <= bar.height <= 150
    assert 50 <= bar.y <= 200


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "1"), ("0.4", "1"), (7, "10"), (12, "20"), ("23.5", "25"), (41, "50"), (99, "100"), (1000, "1000")],
)
def test_the_axis_top_is_a_round_number_at_or_above_the_largest_value(value, expected):
    assert nice_ceiling(Decimal(value)) == Decimal(expected)
