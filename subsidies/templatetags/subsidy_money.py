"""Fund status display for the closure subsidy pages (amounts: `{% load numbers %}`)."""

from django import template

from subsidies.models import FundStatus

register = template.Library()

STATUS_CLASS = {
    FundStatus.PAID: "status-ok",
    FundStatus.PARTIAL: "status-warn",
    FundStatus.UNPAID: "status-bad",
}


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
