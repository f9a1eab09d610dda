"""How 互动交流 joins the shared pages: roles (and the 留言办理 duty group), the obligations board,
the home page's 留言选登 section.

Called once from `InteractConfig.ready()`; no other app imports this one.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import obligations, registry, roles, selfcheck, work_queues, workdays

from . import sitemaps
from .models import ErrorReport, Message, PublishedReply
from .reply_clock import REPLY_WORKING_DAYS, ReplyClock, add_months

# The duty group that answers the public's messages (and drafts their public versions).
MESSAGE_HANDLER_GROUP = "留言办理"

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


def message_obligations(today: date) -> list[obligations.Obligation]:
    """Open messages, and those closed in the last 30 days (1 query; references and subjects' kinds only)."""
    recent = timezone.now() - timedelta(days=30)
    rows = (
        Message.objects.valid()
        .filter(Q(status=Message.Status.RECEIVED) | Q(replied_at__gte=recent))
        .only("pk", "reference", "kind", "status", "due_on", "replied_at", "due_is_provisional")
        .order_by("due_on")
    )
    return [
        obligations.Obligation(
            title=_("留言 %(ref)s（%(kind)s，%(status)s）")
            % {"ref": m.reference, "kind": m.get_kind_display(), "status": m.get_status_display()},
            rule=_("收到后 %(n)d 个工作日内答复；最迟不超过 3 个月") % {"n": REPLY_WORKING_DAYS[m.kind]},
            due_on=m.due_on,
            done_on=m.replied_on if m.status == Message.Status.ANSWERED else None,
            url=reverse("admin:interact_message_change", args=[m.pk]),
            provisional=m.due_is_provisional,
        )
        for m in rows
    ]


def latest_replies(n: int) -> list[registry.Item]:
    """The home page's 留言选登: the n latest published replies (1 query)."""
    rows = PublishedReply.objects.published().order_by("-published_at", "-pk")[:n]
    return [
        registry.Item(title=r.title, url=r.get_absolute_url(), when=r.published_at, label=r.get_kind_display())
        for r in rows
    ]


def work_queue_rows(user, today: date) -> list[registry.QueueRow]:
    """New messages and 找错 reports waiting, and messages due within 3 working days or late (2 queries)."""
    rows = []
    if user.has_perm("interact.change_message"):
        horizon = work_queues.due_horizon(today)
        due = list(Message.objects.open().values_list("due_on", flat=True))
        if due:
            rows.append(
                registry.QueueRow(
                    section="incoming",
                    label=_("待答复的咨询和建言"),
                    count=len(due),
                    url=work_queues.admin_list_url(Message, status__exact=Message.Status.RECEIVED),
                    order=50,
                )
            )
        near = [d for d in due if d <= horizon]
        if near:
            rows.append(
                registry.QueueRow(
                    section="deadlines",
                    label=_("留言答复（承诺期限）"),
                    count=len(near),
                    overdue=sum(1 for d in near if d < today),
                    url=work_queues.admin_list_url(Message, due="due"),
                    order=50,
                )
            )
    if user.has_perm("interact.change_errorreport"):
        open_reports = ErrorReport.objects.filter(status=ErrorReport.Status.RECEIVED).count()
        if open_reports:
            rows.append(
                registry.QueueRow(
                    section="incoming",
                    label=_("待处理的网站找错"),
                    count=open_reports,
                    url=work_queues.admin_list_url(ErrorReport, status__exact=ErrorReport.Status.RECEIVED),
                    order=51,
                )
            )
    return rows


def messages_check(check, context) -> selfcheck.Result:
    """互动回应差: the channel works, and no valid message of the past year waited over 3 months (1 query)."""
    today = context.today
    since = add_months(today, -12)
    rows = list(
        Message.objects.valid()
        .filter(Q(status=Message.Status.RECEIVED) | Q(received_at__date__gte=since))
        .only("pk", "reference", "kind", "status", "received_at", "due_on", "limit_on", "replied_at")
    )
    findings, warnings = [], []
    for m in rows:
        clock = ReplyClock(m.received_on, m.due_on, m.limit_on, False)
        replied = m.replied_on if m.status == Message.Status.ANSWERED else None
        state = clock.state(today, replied)
        url = reverse("admin:interact_message_change", args=[m.pk])
        if state == "past_limit" or (replied is not None and replied > m.limit_on):
            findings.append(
                selfcheck.Finding(
                    _("留言 %(ref)s 超过 3 个月未答复（最迟 %(limit)s）") % {"ref": m.reference, "limit": m.limit_on},
                    url,
                )
            )
        elif state in ("late", "near"):
            warnings.append(
                selfcheck.Finding(
                    _("留言 %(ref)s %(state)s（承诺 %(due)s，最迟 %(limit)s）")
                    % {"ref": m.reference, "state": _("已超过承诺期限") if state == "late" else _("即将到期"),
                       "due": m.due_on, "limit": m.limit_on},
                    url,
                )
            )  # fmt: skip
    try:
        reverse("interact:message-write")
    except Exception:  # noqa: BLE001  (the channel is not installed)
        findings.insert(0, selfcheck.Finding(_("没有可用的咨询、建言渠道"), "/"))
    summary = _("近一年有效留言 %(n)d 条；超过 3 个月未答复 %(bad)d 条；临近或超过承诺期限 %(near)d 条") % {
        "n": sum(1 for m in rows if m.received_on >= since),
        "bad": len(findings),
        "near": len(warnings),
    }
    return selfcheck.result(check, passed=not findings, summary=summary, findings=findings, warnings=warnings)


def website_report_figures(year: int) -> dict:
    """The 年度报表's 互动交流 rows: messages received, answered, average working days, published; 找错 (3 queries)."""
    from . import statistics

    facts = statistics.facts(year)
    _rows, total = statistics.month_rows(year, facts, date(year, 12, 31))
    reports = ErrorReport.objects.filter(received_at__year=year)
    return {
        "received": total.received,
        "answered": total.answered,
        "average_days": total.average_text,
        "published": sum(1 for f in facts if f.published),
        "error_reports": reports.count(),
        "error_reports_handled": reports.exclude(status=ErrorReport.Status.RECEIVED).count(),
    }


def connect(app_config) -> None:
    # Editors work the 找错 queue (view, record the outcome); nobody adds or deletes a report by hand.
    roles.register("interact.errorreport", editor={"view", "change"}, reviewer={"view"})
    # Messages hold the sender's name and contact: only the 留言办理 group (and auditors) see them.
    roles.register("interact.message", editor=set(), reviewer=set(), admin=set())
    # The public version of a reply: drafted by a handler (or an editor), published by a reviewer.
    roles.register(
        "interact.publishedreply",
        editor={"view", "change", "submit_publishedreply"},
        reviewer={"view", "publish_publishedreply", "withdraw_publishedreply"},
    )
    roles.register_duty_group(
        MESSAGE_HANDLER_GROUP,
        rights={
            "interact.message": {"view", "change"},
            "interact.publishedreply": {"view", "change", "submit_publishedreply"},
        },
        exclusive_with=[roles.REVIEWER],
    )
    roles.register_group("message_handler", MESSAGE_HANDLER_GROUP)  # a demo account of its own
    obligations.register_obligation_source(
        "error-reports", gettext_lazy("网站找错反馈"), gettext_lazy("5 个工作日"), report_obligations
    )
    obligations.register_obligation_source(
        "messages", gettext_lazy("互动交流留言答复"), gettext_lazy("10 / 15 个工作日，最迟 3 个月"), message_obligations
    )
    registry.register_work_queue(registry.WorkQueueProvider(key="interact", rows=work_queue_rows, order=50))
    registry.register_website_report_provider("interact", website_report_figures)
    for key, sitemap in sitemaps.SITEMAPS.items():
        registry.register_sitemap(key, sitemap)
    selfcheck.register_check(
        selfcheck.Check(
            key="messages",
            title=gettext_lazy("互动回应"),
            rule=gettext_lazy("有可用的咨询、建言渠道；近一年没有超过 3 个月未答复的有效留言（单项否决：互动回应差）"),
            veto=True,
            run=messages_check,
            order=50,
        )
    )
    registry.register_home_section(
        registry.HomeSection(
            key="interact",
            title=gettext_lazy("互动交流"),
            more_url_name="interact:index",
            empty_text=gettext_lazy("暂无公开的留言答复。"),
            order=50,
            latest=latest_replies,
        )
    )
