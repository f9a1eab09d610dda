"""How 找错 reports join the shared pages: roles and the obligations board.

Called once from `InteractConfig.ready()`; no other app imports this one.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import obligations, roles, workdays

from .models import ErrorReport

# An answer to a 找错 report within this many working days (the bureau's own limit).
ANSWER_WORKING_DAYS = 5


def report_obligations(today: date) -> list[obligations.Obligation]:
    """Open reports, and those handled in the last 30 days (1 query; references only)."""
    recent = today - timedelta(days=30)
    rows = ErrorReport.objects.filter(Q(handled_at__isnull=True) | Q(handled_at__date__gte=recent)).order_by(
        "received_at"
    )
    return [
        obligations.Obligation(
            title=_("网站找错 %(ref)s（%(status)s）") % {"ref": r.reference, "status": r.get_status_display()},
            rule=_("收到后 5 个工作日内处理并反馈"),
            due_on=workdays.add_working_days(timezone.localdate(r.received_at), ANSWER_WORKING_DAYS).due,
            done_on=timezone.localdate(r.handled_at) if r.handled_at else None,
            url=reverse("admin:interact_errorreport_change", args=[r.pk]),
        )
        for r in rows
    ]


def connect(app_config) -> None:
    # Editors work the queue (view, record the outcome); nobody adds or deletes a report by hand.
    roles.register("interact.errorreport", editor={"view", "change"}, reviewer={"view"})
    obligations.register_obligation_source(
        "error-reports", gettext_lazy("网站找错反馈"), gettext_lazy("5 个工作日"), report_obligations
    )
