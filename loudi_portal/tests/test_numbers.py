"""One way of writing numbers on the public pages (loudi_portal/numbers.py and its filters)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template import Context, Template

from loudi_portal.numbers import format_count, format_day, format_minute, format_wan, format_yuan


def test_amounts_in_yuan_have_digit_grouping_and_two_decimals():
    assert format_yuan(Decimal("1729500")) == "1,729,500.00"
    assert format_yuan(217000) == "217,000.00"
    assert format_yuan("12000.5") == "12,000.50"
    assert format_yuan(Decimal("-36000")) == "-36,000.00"
    assert format_yuan(None) == "—"
    assert format_yuan("not a number") == "—"


def test_amounts_in_wan_yuan_drop_trailing_zeros():
    assert format_wan(Decimal("9000000")) == "900"
    assert format_wan(Decimal("1729500")) == "172.95"
    assert format_wan(Decimal("123456789")) == "12,345.6789"
    assert format_wan(None) == "—"


def test_counts_dates_and_times():
    assert format_count(12345) == "12,345"
    assert format_day(date(2026, 8, 14)) == "2026-08-14"
    # A datetime is shown in Beijing time (TIME_ZONE), to the minute.
    at = datetime(2026, 8, 14, 1, 30, 59, tzinfo=ZoneInfo("UTC"))
    assert format_minute(at) == "2026-08-14 09:30"
    assert format_day(datetime(2026, 8, 13, 17, 0, tzinfo=ZoneInfo("UTC"))) == "2026-08-14"


def test_the_template_filters_apply_the_same_rules():
    html = Template(
        "{% load numbers %}{{ a|yuan }} 元|{{ a|wan }} 万元|{{ n|count }}|{{ d|day }}|{{ t|minute }}"
    ).render(
        Context(
            {
                "a": Decimal("1729500"),
                "n": 55000,
                "d": date(2026, 1, 2),
                "t": datetime(2026, 1, 2, 0, 5, tzinfo=ZoneInfo("Asia/Shanghai")),
            }
        )
    )
    assert html == "1,729,500.00 元|172.95 万元|55,000|2026-01-02|2026-01-02 00:05"
