"""Enforcement in the yearly report (Table 二, 行政处罚) and on the obligations board."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Penalty


def penalty_figures(year: int) -> dict:
    """Table 二, 行政处罚: penalty decisions made in `year` (1 query)."""
    return {"decisions": Penalty.objects.filter(decided_on__year=year).count()}


def penalty_obligations(today: date):
    """Penalty decisions of the last 60 days: published within 7 working days? (1 query)."""
    from disclosure.obligation_services import Obligation

    rows = Penalty.objects.filter(decided_on__gte=today - timedelta(days=60)).order_by("decided_on", "id")
    return [
        Obligation(
            title=_("行政处罚决定 %(no)s") % {"no": p.decision_no},
            rule=_("作出决定之日起 7 个工作日内公示"),
            due_on=p.publication_due_on,
            done_on=timezone.localdate(p.published_at) if p.published_at else None,
            url=reverse("admin:enforcement_penalty_change", args=[p.pk]),
        )
        for p in rows
    ]


def connect() -> None:
    from disclosure.obligation_services import register_obligation_source
    from disclosure.report_models import Table2Row
    from disclosure.report_services import register_table2_provider

    register_table2_provider(Table2Row.PENALTY, penalty_figures)
    register_obligation_source(
        "penalties",
        gettext_lazy("行政处罚决定（双公示）"),
        gettext_lazy("作出决定之日起 7 个工作日内"),
        penalty_obligations,
    )
