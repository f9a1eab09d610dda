"""How information requests join the shared pages: the obligations board, the yearly report's Table 三, roles.

Called once from `InforequestsConfig.ready()`; disclosure never imports this app.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import annual_report_formats as formats
from loudi_portal import obligations, registry, work_queues

from .models import ApplicantKind, InfoRequest, Outcome


def _staff_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def request_obligations(today: date) -> list[obligations.Obligation]:
    """Open requests, and those closed in the last 30 days (1 query; references only, no personal data)."""
    recent = today - timedelta(days=30)
    rows = (
        InfoRequest.objects.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=recent))
        .exclude(status=InfoRequest.Status.SUBMITTED)
        .select_related("handler")
        .order_by("due_on")
    )
    return [
        obligations.Obligation(
            title=_("依申请公开 %(ref)s（%(status)s）") % {"ref": r.reference, "status": r.get_status_display()},
            rule=_("收到申请之日起 20 个工作日内答复"),
            due_on=r.due_on,
            done_on=r.closed_on if r.status == InfoRequest.Status.ANSWERED else r.closed_on,
            responsible=_staff_name(r.handler),
            url=reverse("admin:inforequests_inforequest_change", args=[r.pk]),
            provisional=r.due_is_provisional,
        )
        for r in rows
    ]


# --- Table 三 of the yearly report ----------------------------------------------------
# Columns and rows as the year's template writes them (loudi_portal.annual_report_formats).
TABLE3_COLUMNS = [("person", formats.PERSON), *formats.ORGANISATION_COLUMNS, ("total", formats.TOTAL)]
ORG_KINDS = [k.value for k in ApplicantKind if k != ApplicantKind.PERSON]


@dataclass(frozen=True)
class RequestFacts:
    """What Table 三 needs from one request (no personal data)."""

    kind: str
    received_on: date | None
    closed_on: date | None
    outcome: str


def request_facts(year: int) -> list[RequestFacts]:
    """One query: the requests that touch year Y (received by its end, not closed before it)."""
    rows = (
        InfoRequest.objects.filter(received_on__lte=date(year, 12, 31))
        .exclude(closed_on__lt=date(year, 1, 1))
        .values_list("applicant_kind", "received_on", "closed_on", "outcome")
    )
    return [RequestFacts(*row) for row in rows]


def _row_of(outcome: str, groups) -> str:
    """The Table 三 row an outcome is counted in: its own sub-row, or its group where the group has none."""
    outcome = outcome or Outcome.OTHER
    group = outcome.split(".")[0]
    for key, _label, subs in groups:
        if key == group:
            return outcome if subs else key
    return "6"


def _head(label, *, rowspan=1, colspan=1) -> dict:
    return {"label": str(label), "rowspan": rowspan, "colspan": colspan}


def compute_table3(facts: Iterable[RequestFacts], year: int) -> dict:
    """Count requests by applicant column and row for year Y, in the year's template (pure: no database).

    Every row carries its figures and the header cells that open it (`heads`, with the template's
    row and column spans), so the page draws the template's layout without logic of its own.
    """
    form = formats.format_for_year(year)
    groups = formats.TABLE3_GROUPS[form.key]
    start, end = date(year, 1, 1), date(year, 12, 31)
    keys = [k for k, _label in TABLE3_COLUMNS if k != "total"]
    counts: dict[str, dict[str, int]] = {}

    def bump(row, kind):
        counts.setdefault(row, dict.fromkeys(keys, 0))[kind] += 1

    for f in facts:
        if f.received_on is None or f.received_on > end:
            continue
        if f.closed_on is not None and f.closed_on < start:
            continue
        bump("new" if f.received_on >= start else "carried_in", f.kind)
        if f.closed_on is not None and f.closed_on <= end:
            bump(_row_of(f.outcome, groups), f.kind)
        else:
            bump("carried_out", f.kind)

    def values(row):
        cells = [counts.get(row, {}).get(k, 0) for k in keys]
        return cells + [sum(cells)]

    def top(key):
        label = formats.TABLE3_TOP_ROWS[key]
        return {"key": key, "label": str(label), "group": "", "level": 0, "values": values(key),
                "heads": [_head(label, colspan=3)]}  # fmt: skip

    results = []
    for group, label, subs in groups:
        if not subs:
            results.append({"key": group, "label": str(label), "group": "", "level": 1, "values": values(group),
                            "heads": [_head(label, colspan=2)]})  # fmt: skip
            continue
        for i, (sub, sub_label) in enumerate(subs):
            heads = ([_head(label, rowspan=len(subs))] if i == 0 else []) + [_head(sub_label)]
            results.append({"key": sub, "label": str(sub_label), "group": str(label), "level": 2,
                            "values": values(sub), "heads": heads})  # fmt: skip
    grand_key, grand_label = formats.TABLE3_GRAND_TOTAL
    results.append({"key": grand_key, "label": str(grand_label), "group": "", "level": 1,
                    "values": [sum(c) for c in zip(*(r["values"] for r in results), strict=True)],
                    "heads": [_head(grand_label, colspan=2)]})  # fmt: skip
    results[0]["heads"].insert(0, _head(formats.TABLE3_TOP_ROWS["results"], rowspan=len(results)))
    for row in results:
        row["section"] = "results"
    rows = [top("new"), top("carried_in"), *results, top("carried_out")]
    return {"format": form.key, "columns": [[k, str(label)] for k, label in TABLE3_COLUMNS], "rows": rows}


def table3(year: int) -> dict:
    """Table 三 for year Y (one query)."""
    return compute_table3(request_facts(year), year)


# The handlers' queues (home page of the back office): what the admin list's 待办 filter selects.
def open_requests():
    return InfoRequest.objects.filter(closed_on__isnull=True).exclude(status=InfoRequest.Status.SUBMITTED)


def due_requests(today: date):
    """Open requests whose answer is due within 3 working days, or late."""
    return open_requests().filter(due_on__lte=work_queues.due_horizon(today))


def work_queue_rows(user, today: date) -> list[registry.QueueRow]:
    """New online requests to register, and answers due (2 queries; handlers only)."""
    from .permissions import can_handle_requests

    if not can_handle_requests(user):
        return []
    rows = []
    new = InfoRequest.objects.filter(status=InfoRequest.Status.SUBMITTED).count()
    if new:
        rows.append(
            registry.QueueRow(
                section="incoming",
                label=_("在线提交、待登记的信息公开申请"),
                count=new,
                url=work_queues.admin_list_url(InfoRequest, status__exact=InfoRequest.Status.SUBMITTED),
                order=30,
            )
        )
    due = list(due_requests(today).values_list("due_on", flat=True))
    if due:
        rows.append(
            registry.QueueRow(
                section="deadlines",
                label=_("依申请公开答复"),
                count=len(due),
                overdue=sum(1 for d in due if d < today),
                url=work_queues.admin_list_url(InfoRequest, queue="due"),
                order=30,
            )
        )
    return rows


def connect(app_config) -> None:
    from . import permissions

    permissions.connect(app_config)
    registry.register_work_queue(registry.WorkQueueProvider(key="inforequests", rows=work_queue_rows, order=30))
    registry.register_table3_provider(table3)
    obligations.register_obligation_source(
        "requests", gettext_lazy("依申请公开答复"), gettext_lazy("20 个工作日，可延长 20 个工作日"), request_obligations
    )
