"""Money and status display for the closure subsidy pages: 元 and 万元, exact."""

from django import template

from subsidies.ledger import format_wan, format_yuan
from subsidies.models import FundStatus

register = template.Library()

STATUS_CLASS = {
    FundStatus.PAID: "status-ok",
    FundStatus.PARTIAL: "status-warn",
    FundStatus.UNPAID: "status-bad",
}


@register.filter
def yuan(value):
    """12,345,678.90"""
    return format_yuan(value)


@register.filter
def wan(value):
    """1,234.567890 without trailing zeros"""
    return format_wan(value)


@register.filter
def status_label(value):
    if not value:
        return "—"
    return FundStatus(value).label


@register.filter
def status_class(value):
    if not value:
        return ""
    return STATUS_CLASS[FundStatus(value)]
