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

from loudi_portal import obligations, registry

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
TABLE3_COLUMNS = [(k.value, k.label) for k in ApplicantKind] + [("total", gettext_lazy("总计"))]
ORG_KINDS = [k.value for k in ApplicantKind if k != ApplicantKind.PERSON]

GROUPS = [
    ("1", gettext_lazy("（一）予以公开"), []),
    ("2", gettext_lazy("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), []),
    ("3", gettext_lazy("（三）不予公开"), [o for o in Outcome.values if o.startswith("3.")]),
    ("4", gettext_lazy("（四）无法提供"), [o for o in Outcome.values if o.startswith("4.")]),
    ("5", gettext_lazy("（五）不予处理"), [o for o in Outcome.values if o.startswith("5.")]),
    ("6", gettext_lazy("（六）其他处理"), [o for o in Outcome.values if o.startswith("6.")]),
]


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


def _sub_label(outcome: str) -> str:
    label = str(Outcome(outcome).label)
    return f"{outcome.split('.')[1]}. {label.split('：', 1)[1]}" if "：" in label else label


def compute_table3(facts: Iterable[RequestFacts], year: int) -> dict:
    """Count requests by applicant column and row for year Y (pure: no database)."""
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
        if f.received_on >= start:
            bump("new", f.kind)
        else:
            bump("carried_in", f.kind)
        if f.closed_on is not None and f.closed_on <= end:
            bump(f.outcome or Outcome.OTHER, f.kind)
        else:
            bump("carried_out", f.kind)

    def values(row):
        cells = [counts.get(row, {}).get(k, 0) for k in keys]
        return cells + [sum(cells)]

    def total_of(rows):
        cols = [values(r) for r in rows]
        return [sum(c) for c in zip(*cols, strict=True)] if cols else [0] * (len(keys) + 1)

    rows = [
        {"key": "new", "label": _("一、本年新收政府信息公开申请数量"), "level": 0, "values": values("new")},
        {
            "key": "carried_in",
            "label": _("二、上年结转政府信息公开申请数量"),
            "level": 0,
            "values": values("carried_in"),
        },
        {"key": "results", "label": _("三、本年度办理结果"), "level": 0, "values": None},
    ]
    group_totals = []
    for group, label, subs in GROUPS:
        if subs:
            rows.append({"key": group, "label": str(label), "level": 1, "values": total_of(subs)})
            for sub in subs:
                rows.append({"key": sub, "label": _sub_label(sub), "level": 2, "values": values(sub)})
            group_totals.append(total_of(subs))
        else:
            rows.append({"key": group, "label": str(label), "level": 1, "values": values(group)})
            group_totals.append(values(group))
    rows.append(
        {"key": "7", "label": _("（七）总计"), "level": 1, "values": [sum(c) for c in zip(*group_totals, strict=True)]}
    )
    rows.append(
        {"key": "carried_out", "label": _("四、结转下年度继续办理"), "level": 0, "values": values("carried_out")}
    )
    return {"columns": [[k, str(label)] for k, label in TABLE3_COLUMNS], "rows": rows}


def table3(year: int) -> dict:
    """Table 三 for year Y (one query)."""
    return compute_table3(request_facts(year), year)


def connect(app_config) -> None:
    from . import permissions

    permissions.connect(app_config)
    registry.register_table3_provider(table3)
    obligations.register_obligation_source(
        "requests", gettext_lazy("依申请公开答复"), gettext_lazy("20 个工作日，可延长 20 个工作日"), request_obligations
    )
