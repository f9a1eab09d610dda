"""How the public pages write numbers, so that every page writes them the same way.

- Amounts in 元: digit grouping and two decimals, exact (1,729,500.00); the unit (元 or 万元)
  is said once, in the column header, the caption or right after the number.
- Amounts in 万元: digit grouping, up to six decimals without trailing zeros (172.95, 0.5).
- Counts: digit grouping (12,345).
- Dates: YYYY-MM-DD; times: YYYY-MM-DD HH:MM (Beijing time, to the minute).

The filters in `loudi_portal/templatetags/numbers.py` apply these rules in templates.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone

CENT = Decimal("0.01")
WAN = Decimal("10000")
WAN_PLACES = Decimal("0.000001")
MISSING = "—"


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_yuan(value) -> str:
    """An amount in 元: 12,345,678.90 (— when there is none)."""
    amount = _decimal(value)
    if amount is None:
        return MISSING
    return f"{amount.quantize(CENT):,}"


def format_wan(value) -> str:
    """An amount in 元 written in 万元, without trailing zeros: 900, 21.5, 0.0001, 1,234.5."""
    amount = _decimal(value)
    if amount is None:
        return MISSING
    wan = (amount / WAN).quantize(WAN_PLACES).normalize()
    return f"{wan:,f}"


def format_count(value) -> str:
    """A whole number: 12,345 (— when there is none)."""
    number = _decimal(value)
    if number is None:
        return MISSING
    return f"{int(number):,}"


def format_day(value) -> str:
    """A date (or a datetime, in local time): 2026-08-14."""
    if not value:
        return MISSING
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def format_minute(value) -> str:
    """A datetime in local time, to the minute: 2026-08-14 09:30."""
    if not value:
        return MISSING
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%Y-%m-%d %H:%M")
    return format_day(value)
