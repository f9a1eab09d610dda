"""Approvals in the yearly report (Table 二, 行政许可) and on the obligations board (双公示)."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Application


def licensing_figures(year: int) -> dict:
    """Table 二, 行政许可: decisions (granted or refused) made in `year` (1 query)."""
    decided = Application.objects.filter(
        decision__in=[Application.Decision.GRANTED, Application.Decision.REFUSED], decision_on__year=year
    )
    return {"decisions": decided.count()}


def licensing_obligations(today: date):
    """Decisions of the last 60 days: published within 7 working days? (1 query)."""
    from disclosure.obligation_services import Obligation

    rows = Application.objects.filter(
        decision__in=[Application.Decision.GRANTED, Application.Decision.REFUSED],
        decision_on__gte=today - timedelta(days=60),
    ).select_related("service")
    return [
        Obligation(
            title=_("行政许可决定 %(ref)s（%(service)s）") % {"ref": app.reference, "service": app.service.name},
            rule=_("作出决定之日起 7 个工作日内公示"),
            due_on=app.result_due_on,
            done_on=app.result_published_on,
            url=reverse("admin:approvals_application_change", args=[app.pk]),
        )
        for app in rows.order_by("decision_on", "id")
    ]


def connect() -> None:
    from disclosure.obligation_services import register_obligation_source
    from disclosure.report_models import Table2Row
    from disclosure.report_services import register_table2_provider

    register_table2_provider(Table2Row.LICENSING, licensing_figures)
    register_obligation_source(
        "licensing",
        gettext_lazy("行政许可决定（双公示）"),
        gettext_lazy("作出决定之日起 7 个工作日内"),
        licensing_obligations,
    )
