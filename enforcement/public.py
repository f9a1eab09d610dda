"""How the enforcement record joins the shared pages: home section, site search, /data/."""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from loudi_portal import obligations, registry, work_queues, workdays
from loudi_portal.publishing import Status
from loudi_portal.registry import (
    Dataset,
    HomeSection,
    Item,
    SearchSource,
    capped_total,
    register_dataset,
    register_home_section,
    register_search_source,
)

from . import columns, services
from .models import Inspection, InspectionSource, Penalty


def latest(n: int) -> list[Item]:
    """The newest published penalties, closures and draws, merged by date (three small queries)."""
    from .models import Closure, Draw, Penalty

    items = []
    for p in Penalty.objects.public().filter(status="published").order_by("-decided_on", "-id")[:n]:
        items.append(
            Item(
                title=str(_("行政处罚：%(party)s（%(no)s）") % {"party": p.public_party_name, "no": p.decision_no}),
                url=_list_url("enforcement:penalty-list", p.decision_no),
                when=p.decided_on,
            )
        )
    for c in Closure.objects.published().order_by("-closed_on", "-id")[:n]:
        items.append(
            Item(
                title=str(_("关闭取缔：%(name)s") % {"name": c.name}),
                url=_list_url("enforcement:closure-list", c.name),
                when=c.closed_on,
            )
        )
    for d in Draw.objects.published().select_related("plan").order_by("-frozen_at")[:n]:
        items.append(
            Item(
                title=str(_("随机抽取：%(t)s") % {"t": d.plan.title}),
                url=d.get_absolute_url(),
                when=timezone.localdate(d.frozen_at),
            )
        )
    items.sort(key=lambda i: i.when, reverse=True)
    return items[:n]


def _list_url(name: str, q: str) -> str:
    return reverse(name) + "?" + urlencode({"q": q})


def search_enterprises(query: str, limit: int) -> tuple[int, list[Item]]:
    from django.db.models import Q

    from .models import Enterprise

    qs = Enterprise.objects.filter(Q(name__icontains=query) | Q(credit_code__icontains=query)).order_by("credit_code")
    rows = list(qs[:limit])
    total = capped_total(qs, len(rows), limit)
    return total, [
        Item(
            title=e.name,
            url=_list_url("enforcement:enterprise-list", e.credit_code),
            label=str(_("检查对象")),
            snippet=f"{e.credit_code} · {e.get_county_display()} · {e.get_industry_display()}",
        )
        for e in rows
    ]


def search_penalties(query: str, limit: int) -> tuple[int, list[Item]]:
    from .models import Penalty

    qs = Penalty.objects.public().matching(query)
    rows = list(qs[:limit])
    total = capped_total(qs, len(rows), limit)
    return total, [
        Item(
            title=f"{p.public_party_name}（{p.decision_no}）",
            url=_list_url("enforcement:penalty-list", p.decision_no),
            when=p.decided_on,
            label=str(_("行政处罚")),
            snippet=p.violation[:120],
        )
        for p in rows
    ]


def search_closures(query: str, limit: int) -> tuple[int, list[Item]]:
    from django.db.models import Q

    from .models import Closure

    qs = Closure.objects.published().filter(Q(name__icontains=query) | Q(address__icontains=query))
    rows = list(qs[:limit])
    total = capped_total(qs, len(rows), limit)
    return total, [
        Item(
            title=c.name,
            url=_list_url("enforcement:closure-list", c.name),
            when=c.closed_on,
            label=str(_("关闭取缔")),
            snippet=f"{c.get_kind_display()} · {c.get_county_display()}",
        )
        for c in rows
    ]


def _datasets() -> list[Dataset]:
    from . import views
    from .models import Closure, Enterprise, Hazard, Inspection, InspectionPlan, Inspector, Penalty

    return [
        Dataset(
            key="enforcement-enterprises",
            title=_("检查对象名录库"),
            description=_("本局监管的生产经营单位：统一社会信用代码、县市区、行业、风险等级、经营状态。"),
            url_name="enforcement:enterprise-list",
            columns=columns.ENTERPRISE_COLUMNS,
            public=lambda: Enterprise.objects.order_by("credit_code"),
            everything=lambda: Enterprise.objects.order_by("credit_code"),
            order=200,
        ),
        Dataset(
            key="enforcement-inspectors",
            title=_("执法检查人员名录库"),
            description=_("参加“双随机”抽取的执法检查人员及执法证号。"),
            url_name="enforcement:inspector-list",
            columns=columns.INSPECTOR_COLUMNS,
            public=lambda: Inspector.objects.order_by("cert_no"),
            everything=lambda: Inspector.objects.order_by("cert_no"),
            order=201,
        ),
        Dataset(
            key="enforcement-plans",
            title=_("随机抽查计划"),
            description=_("“双随机、一公开”抽查计划、联合部门、抽取范围与抽取状态。"),
            url_name="enforcement:plan-list",
            columns=columns.PLAN_COLUMNS,
            public=views.public_plans,
            everything=lambda: InspectionPlan.objects.select_related("draw"),
            order=202,
        ),
        Dataset(
            key="enforcement-inspections",
            title=_("执法检查"),
            description=_("双随机抽查、专项执法、投诉举报和“四不两直”检查的对象、人员、日期和结果。"),
            url_name="enforcement:inspection-list",
            columns=columns.INSPECTION_COLUMNS,
            public=views.public_inspections,
            everything=lambda: Inspection.objects.select_related("enterprise", "plan").prefetch_related("inspectors"),
            order=203,
        ),
        Dataset(
            key="enforcement-hazards",
            title=_("隐患排查治理"),
            description=_("检查发现的隐患、重大隐患“一单四制”和整改情况。"),
            url_name="enforcement:hazard-list",
            columns=columns.HAZARD_COLUMNS,
            public=views.public_hazards,
            everything=lambda: Hazard.objects.select_related("inspection__enterprise"),
            order=204,
        ),
        Dataset(
            key="enforcement-penalties",
            title=_("行政处罚"),
            description=_("行政处罚决定（双公示），自然人姓名和证件号码已遮蔽；撤回的决定附公开理由。"),
            url_name="enforcement:penalty-list",
            columns=columns.PENALTY_COLUMNS,
            public=views.public_penalties,
            everything=lambda: Penalty.objects.all(),
            order=205,
        ),
        Dataset(
            key="enforcement-closures",
            title=_("关闭取缔"),
            description=_("依法关闭取缔的生产经营单位、烟花爆竹经营网点和非法销售点。"),
            url_name="enforcement:closure-list",
            columns=columns.CLOSURE_COLUMNS,
            public=views.public_closures,
            everything=lambda: Closure.objects.all(),
            order=206,
        ),
    ]


def register_all() -> None:
    from .sitemaps import SITEMAPS

    for key, sitemap in SITEMAPS.items():
        registry.register_sitemap(key, sitemap)
    register_home_section(
        HomeSection(
            key="enforcement",
            title=_("执法公示"),
            more_url_name="enforcement:index",
            empty_text=_("暂无执法公示信息。"),
            order=20,
            latest=latest,
        )
    )
    register_search_source(
        SearchSource(
            key="enforcement-enterprises",
            label=_("检查对象"),
            search=search_enterprises,
            order=200,
            more_url_name="enforcement:enterprise-list",
        )
    )
    register_search_source(
        SearchSource(
            key="enforcement-penalties",
            label=_("行政处罚"),
            search=search_penalties,
            order=201,
            more_url_name="enforcement:penalty-list",
        )
    )
    register_search_source(
        SearchSource(
            key="enforcement-closures",
            label=_("关闭取缔"),
            search=search_closures,
            order=202,
            more_url_name="enforcement:closure-list",
        )
    )
    for dataset in _datasets():
        register_dataset(dataset)


# --- Enforcement in the yearly report (Table 二, 行政处罚) and on the obligations board.


def penalty_figures(year: int) -> dict:
    """Table 二, 行政处罚: penalty decisions made in `year` (1 query)."""
    return {"decisions": Penalty.objects.filter(decided_on__year=year).count()}


def penalty_obligations(today: date):
    """Penalty decisions of the last 60 days: published within 7 working days? (1 query)."""

    rows = Penalty.objects.filter(decided_on__gte=today - timedelta(days=60)).order_by("decided_on", "id")
    return [
        obligations.Obligation(
            title=_("行政处罚决定 %(no)s") % {"no": p.decision_no},
            rule=_("作出决定之日起 7 个工作日内公示"),
            due_on=p.publication_due_on,
            done_on=timezone.localdate(p.published_at) if p.published_at else None,
            url=reverse("admin:enforcement_penalty_change", args=[p.pk]),
        )
        for p in rows
    ]


# 双随机、一公开: the results of a random inspection are made public within 20 working days
# (国发〔2019〕5号, "抽查检查结果……在 20 个工作日内向社会公示").
INSPECTION_RESULTS_WORKING_DAYS = 20


def inspection_obligations(today: date):
    """Inspection plans sampled in the last 60 days: are their results public in 20 working days? (1 query)

    The 抽查 of a plan is complete at its last inspection so far; its results are published when
    every inspection of it is (a withdrawn one no longer counts).
    """
    plans = (
        Inspection.objects.filter(
            source=InspectionSource.RANDOM, plan__isnull=False, inspected_on__gte=today - timedelta(days=60)
        )
        .exclude(status=Status.WITHDRAWN)
        .values("plan_id", "plan__title")
        .annotate(
            last=Max("inspected_on"),
            published=Max("published_at"),
            unpublished=Count("id", filter=~Q(status=Status.PUBLISHED)),
        )
        .order_by("last", "plan_id")
    )
    return [
        obligations.Obligation(
            title=_("《%(plan)s》抽查结果") % {"plan": row["plan__title"]},
            rule=_("抽查完成后 20 个工作日内公示"),
            due_on=workdays.add_working_days(row["last"], INSPECTION_RESULTS_WORKING_DAYS).due,
            done_on=timezone.localdate(row["published"]) if row["published"] and not row["unpublished"] else None,
            url=reverse("admin:enforcement_inspection_changelist")
            + "?"
            + urlencode({"plan__id__exact": row["plan_id"]}),
        )
        for row in plans
    ]


def work_queue_rows(user, today: date) -> list[registry.QueueRow]:
    """Penalties to publish within 7 working days (双公示) and those whose 公示期 ends (2-3 queries)."""
    rows = []
    horizon = work_queues.due_horizon(today)
    everything = Penalty.objects.all()
    if user.has_perm("enforcement.submit_penalty") or user.has_perm("enforcement.publish_penalty"):
        due = list(services.penalties_publication_due(everything, horizon).values_list("decided_on", flat=True))
        if due:
            rows.append(
                registry.QueueRow(
                    section="deadlines",
                    label=_("行政处罚决定公示（双公示，7 个工作日）"),
                    count=len(due),
                    overdue=services.penalties_publication_due(everything, today - timedelta(days=1)).count(),
                    url=work_queues.admin_list_url(Penalty, deadline="publish"),
                    order=50,
                )
            )
    if user.has_perm("enforcement.withdraw_penalty"):
        ending = list(services.penalties_to_withdraw(everything, horizon).values_list("publicity_ends_on", flat=True))
        if ending:
            rows.append(
                registry.QueueRow(
                    section="deadlines",
                    label=_("公示期届满、待撤回的行政处罚"),
                    count=len(ending),
                    overdue=sum(1 for d in ending if d < today),
                    url=work_queues.admin_list_url(Penalty, deadline="withdraw"),
                    order=51,
                )
            )
    return rows


# The catalogue's 行政执法 categories and the registers that hold their records.
CATEGORY_LINKS = [
    ("enforcement", gettext_lazy("执法公示总览（按月统计）"), "enforcement:index", 10),
    ("penalties", gettext_lazy("行政处罚决定公示"), "enforcement:penalty-list", 20),
    ("penalties", gettext_lazy("关闭取缔公示"), "enforcement:closure-list", 30),
    ("inspections", gettext_lazy("“双随机”抽查计划与抽取结果"), "enforcement:plan-list", 20),
    ("inspections", gettext_lazy("监督检查结果公示"), "enforcement:inspection-list", 30),
    ("inspections", gettext_lazy("重大事故隐患整改情况"), "enforcement:hazard-list", 40),
    ("inspections", gettext_lazy("监管企业名录"), "enforcement:enterprise-list", 50),
    ("inspections", gettext_lazy("执法人员名录"), "enforcement:inspector-list", 60),
]


def connect() -> None:
    for slug, label, url_name, order in CATEGORY_LINKS:
        registry.register_category_link(slug, registry.CategoryLink(label, url_name, order=order))
    registry.register_work_queue(registry.WorkQueueProvider(key="enforcement", rows=work_queue_rows, order=50))
    registry.register_table2_provider("penalty", penalty_figures)
    obligations.register_obligation_source(
        "penalties",
        gettext_lazy("行政处罚决定（双公示）"),
        gettext_lazy("作出决定之日起 7 个工作日内"),
        penalty_obligations,
    )
    obligations.register_obligation_source(
        "inspections",
        gettext_lazy("双随机抽查结果"),
        gettext_lazy("抽查完成后 20 个工作日内"),
        inspection_obligations,
    )
