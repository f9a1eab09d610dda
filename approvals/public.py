"""What approvals contribute to the shared pages: home section, site search, datasets."""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import obligations, registry, rich_text, work_queues
from loudi_portal.registry import Dataset, Item

from .columns import AGENCY_COLUMNS, RESULT_COLUMNS, SERVICE_COLUMNS
from .models import Agency, Application, ApprovalResult, Service
from .permissions import can_process
from .services import results_due


def _result_item(a: ApprovalResult) -> Item:
    return Item(
        title=f"{a.enterprise_name}：{a.service.name}（{a.get_decision_display()}）",
        url=reverse("approvals:result-list") + f"?q={a.reference}",
        when=a.result_published_on,
        label="行政许可结果",
    )


def latest_results(n: int) -> list[Item]:
    """The newest published decisions (one query)."""
    from .views import public_results

    return [_result_item(a) for a in public_results()[:n]]


def search_services(query: str, limit: int) -> tuple[int, list[Item]]:
    """Services whose name, code or conditions mention the query (two queries)."""
    qs = Service.objects.published().filter(
        Q(name__icontains=query)
        | Q(code__icontains=query)
        | Q(summary__icontains=query)
        | Q(conditions__icontains=query)
    )
    items = [
        Item(
            title=s.name,
            url=s.get_absolute_url(),
            when=s.revised_on,
            label="办事指南",
            snippet=rich_text.as_text(s.summary)[:120],
        )
        for s in qs[:limit]
    ]
    return qs.count(), items


def search_results(query: str, limit: int) -> tuple[int, list[Item]]:
    """Published decisions by enterprise, licence number or service name (two queries)."""
    from .views import public_results

    qs = public_results().filter(
        Q(enterprise_name__icontains=query)
        | Q(licence_number__icontains=query)
        | Q(service__name__icontains=query)
        | Q(reference__iexact=query)
    )
    return qs.count(), [_result_item(a) for a in qs[:limit]]


def datasets() -> list[Dataset]:
    from .views import public_results

    return [
        Dataset(
            key="approval-services",
            title="行政审批事项目录",
            description="本局实施的行政审批事项：类别、是否省级下放、法定时限与承诺时限、收费、承办科室与咨询电话。",
            url_name="approvals:service-list",
            columns=SERVICE_COLUMNS,
            public=lambda: Service.objects.published().prefetch_related("intermediaries", "special_steps"),
            everything=lambda: Service.objects.prefetch_related("intermediaries", "special_steps"),
            update_frequency="事项调整时更新",
            order=30,
        ),
        Dataset(
            key="approval-results",
            title="行政许可结果公示",
            description="行政许可决定（双公示）：行政相对人、信用代码、决定、许可证编号与有效期、公示日期。不含个人信息。",
            url_name="approvals:result-list",
            columns=RESULT_COLUMNS,
            public=lambda: public_results(),
            everything=lambda: ApprovalResult.objects.select_related("service").order_by("-decision_on", "-id"),
            order=31,
        ),
        Dataset(
            key="safety-agencies",
            title="安全评价检测检验机构名录",
            description="在本市开展业务的安全评价、检测检验机构：资质证书编号、业务范围、有效期与资质状态（过期自动标注）。",
            url_name="approvals:agency-list",
            columns=AGENCY_COLUMNS,
            public=lambda: Agency.objects.published(),
            everything=lambda: Agency.objects.all(),
            update_frequency="资质变化时更新",
            order=32,
        ),
    ]


# --- Approvals in the yearly report (Table 二, 行政许可) and on the obligations board (双公示).


def licensing_figures(year: int) -> dict:
    """Table 二, 行政许可: published results of decisions made in `year` (1 query)."""
    return {"decisions": ApprovalResult.objects.published().filter(decision_on__year=year).count()}


def licensing_obligations(today: date):
    """Decisions of the last 60 days: result published within 7 working days? (1 query)."""

    rows = Application.objects.filter(
        decision__in=[Application.Decision.GRANTED, Application.Decision.REFUSED],
        decision_on__gte=today - timedelta(days=60),
    ).select_related("service", "result")
    return [
        obligations.Obligation(
            title=_("行政许可决定 %(ref)s（%(service)s）") % {"ref": app.reference, "service": app.service.name},
            rule=_("作出决定之日起 7 个工作日内公示"),
            due_on=app.result_due_on,
            done_on=_result_published_on(app),
            url=reverse("admin:approvals_application_change", args=[app.pk]),
        )
        for app in rows.order_by("decision_on", "id")
    ]


def _result_published_on(app: Application) -> date | None:
    result = getattr(app, "result", None)
    return result.result_published_on if result is not None else None


def work_queue_rows(user, today: date) -> list[registry.QueueRow]:
    """Applications due within 3 working days or late, and 双公示 results due (2 queries)."""
    if not can_process(user):
        return []
    horizon = work_queues.due_horizon(today)
    rows = []
    due = list(
        Application.objects.open().filter(committed_due_on__lte=horizon).values_list("committed_due_on", flat=True)
    )
    if due:
        rows.append(
            registry.QueueRow(
                section="deadlines",
                label=_("行政审批办件（承诺时限）"),
                count=len(due),
                overdue=sum(1 for d in due if d < today),
                url=work_queues.admin_list_url(Application, due="due"),
                order=40,
            )
        )
    results = list(results_due(Application.objects.all(), horizon).values_list("decision_on", flat=True))
    if results:
        last_overdue = results_due(Application.objects.all(), today - timedelta(days=1))
        rows.append(
            registry.QueueRow(
                section="deadlines",
                label=_("行政许可结果公示（双公示，7 个工作日）"),
                count=len(results),
                overdue=last_overdue.count(),
                url=work_queues.admin_list_url(Application, due="result_due"),
                order=41,
            )
        )
    return rows


def connect() -> None:
    from .sitemaps import SITEMAPS

    registry.register_work_queue(registry.WorkQueueProvider(key="approvals", rows=work_queue_rows, order=40))
    for key, sitemap in SITEMAPS.items():
        registry.register_sitemap(key, sitemap)
    registry.register_table2_provider("licensing", licensing_figures)
    for label, url_name, order in (
        (gettext_lazy("行政审批事项办事指南"), "approvals:service-list", 10),
        (gettext_lazy("行政许可结果公示"), "approvals:result-list", 20),
        (gettext_lazy("审批办理统计"), "approvals:stats", 30),
        (gettext_lazy("安全评价检测检验机构名录"), "approvals:agency-list", 40),
    ):
        registry.register_category_link("licensing", registry.CategoryLink(label, url_name, order=order))
    obligations.register_obligation_source(
        "licensing",
        gettext_lazy("行政许可决定（双公示）"),
        gettext_lazy("作出决定之日起 7 个工作日内"),
        licensing_obligations,
    )
