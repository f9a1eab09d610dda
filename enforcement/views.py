"""Public pages of the enforcement record: the overview, seven registers and the draws."""

import json

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from loudi_portal import pagemeta
from loudi_portal.caching import per_content
from loudi_portal.listing import register_page

from . import columns
from . import draw as algorithm
from .filters import (
    ClosureFilter,
    EnterpriseFilter,
    HazardFilter,
    InspectionFilter,
    InspectorFilter,
    PenaltyFilter,
    PlanFilter,
)
from .models import (
    Closure,
    Draw,
    Enterprise,
    Hazard,
    HazardStatus,
    Inspection,
    InspectionPlan,
    Inspector,
    Penalty,
)

CHART_WIDTH, CHART_HEIGHT, CHART_BAR_AREA = 600, 220, 170


# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
ENFORCEMENT_COLUMN = pagemeta.Column(
    name="执法公示",
    description="“双随机、一公开”抽查计划与抽取、检查结果、隐患整改、行政处罚和关闭取缔信息。",
    keywords="行政执法公示,双随机一公开,行政处罚",
    type="信息公开目录",
)


def public_inspections():
    # The hazard count is a subquery, not Count("hazards") over a join: an aggregate would
    # GROUP BY the whole filtered register before the page's ids are picked (listing.py).
    hazards = Hazard.objects.filter(inspection=OuterRef("pk")).order_by().values("inspection").annotate(n=Count("id"))
    return (
        Inspection.objects.public()
        .select_related("enterprise", "plan")
        .annotate(hazard_count=Coalesce(Subquery(hazards.values("n")), 0))
        .order_by("-inspected_on", "-id")
        .prefetch_related(Prefetch("inspectors", queryset=Inspector.objects.only("id", "name", "cert_no")))
    )


def public_hazards():
    return Hazard.objects.published().select_related("inspection__enterprise").order_by("-deadline", "-id")


def public_penalties():
    return Penalty.objects.public().order_by("-decided_on", "-id")


def public_closures():
    return Closure.objects.public().order_by("-closed_on", "-id")


def public_plans():
    return InspectionPlan.objects.public().select_related("draw").order_by("-year", "-id")


def monthly_chart(counts: dict[int, int]) -> dict:
    """Bar geometry for the inspections-per-month SVG (no JavaScript, numbers also in a table)."""
    top = max(counts.values(), default=0) or 1
    slot = CHART_WIDTH / 12
    bars = []
    for month in range(1, 13):
        n = counts.get(month, 0)
        height = round(CHART_BAR_AREA * n / top, 1)
        bars.append(
            {
                "month": month,
                "count": n,
                "x": round(month * slot - slot + 8, 1),
                "width": round(slot - 16, 1),
                "y": round(20 + CHART_BAR_AREA - height, 1),
                "height": height,
                "label_x": round(month * slot - slot / 2, 1),
                "value_y": round(20 + CHART_BAR_AREA - height - 4, 1),
            }
        )
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT, "axis_y": 20 + CHART_BAR_AREA}


def year_figures(year: int) -> dict:
    """The enforcement home page's figures of `year` (five aggregate queries over a million rows)."""
    # The figures count the records in force; penalties and closures also name the withdrawn
    # ones, which their registers list with the reason (in force + withdrawn = the register's 共 N 条).
    inspections = Inspection.objects.published().filter(inspected_on__year=year)
    by_month = dict(
        inspections.annotate(month=ExtractMonth("inspected_on")).values_list("month").annotate(n=Count("id"))
    )
    hazards = (
        Hazard.objects.published()
        .filter(inspection__inspected_on__year=year)
        .aggregate(
            found=Count("id"),
            rectified=Count("id", filter=Q(rectification_status=HazardStatus.RECTIFIED)),
            major=Count("id", filter=Q(level="major")),
        )
    )
    penalties = (
        Penalty.objects.public()
        .filter(decided_on__year=year)
        .aggregate(
            n=Count("id", filter=Q(status="published")),
            withdrawn=Count("id", filter=Q(status="withdrawn")),
            fines=Sum("fine_amount", filter=Q(status="published")),
            confiscated=Sum("confiscation_amount", filter=Q(status="published")),
        )
    )
    closures = (
        Closure.objects.public()
        .filter(closed_on__year=year)
        .aggregate(n=Count("id", filter=Q(status="published")), withdrawn=Count("id", filter=Q(status="withdrawn")))
    )
    return {
        "inspection_count": sum(by_month.values()),
        "hazards": hazards,
        "penalty_count": penalties["n"],
        "penalty_withdrawn": penalties["withdrawn"],
        "fines": (penalties["fines"] or 0) + (penalties["confiscated"] or 0),
        "closure_count": closures["n"],
        "closure_withdrawn": closures["withdrawn"],
        "chart": monthly_chart(by_month),
    }


@pagemeta.page_meta(column=ENFORCEMENT_COLUMN)
@require_safe
def index(request):
    """This year's figures and a monthly chart: five aggregate queries once per content version, then one."""
    year = timezone.localdate().year
    ctx = {
        "year": year,
        **per_content(f"enforcement-figures:{year}", lambda: year_figures(year)),
        "recent_draws": list(Draw.objects.published().select_related("plan").order_by("-frozen_at")[:5]),
    }
    return render(request, "enforcement/index.html", ctx)


@pagemeta.page_meta(column=ENFORCEMENT_COLUMN)
@require_safe
def enterprise_list(request):
    filterset = EnterpriseFilter(request.GET, queryset=Enterprise.objects.order_by("credit_code"))
    return register_page(
        request,
        filterset=filterset,
        template="enforcement/enterprise_list.html",
        columns=columns.ENTERPRISE_COLUMNS,
        title=_("检查对象名录库"),
    )


@pagemeta.page_meta(column=ENFORCEMENT_COLUMN)
@require_safe
def inspector_list(request):
    filterset = InspectorFilter(request.GET, queryset=Inspector.objects.order_by("cert_no"))
    return register_page(
        request,
        filterset=filterset,
        template="enforcement/inspector_list.html",
        columns=columns.INSPECTOR_COLUMNS,
        title=_("执法检查人员名录库"),
    )


@pagemeta.page_meta(column=ENFORCEMENT_COLUMN)
@require_safe
def plan_list(request):
    filterset = PlanFilter(request.GET, queryset=public_plans())
    return register_page(
        request,
        filterset=filterset,
        template="enforcement/plan_list.html",
        columns=columns.PLAN_COLUMNS,
        title=_("随机抽查计划"),
    )


@pagemeta.page_meta(column=ENFORCEMENT_COLUMN)
@require_safe
def inspection_list(request):
    filterset = InspectionFilter(request.GET, queryset=public_inspections())
    return register_page(
        request,
        filterset=filterset,
        template="enforcement/inspection_list.html",
        columns=columns.INSPECTION_COLUMNS,
        title=_("执法检查"),
    )


@pagemeta.page_meta(column=ENFORCEMENT_COLUMN)
@require_safe
def hazard_list(request):
    filterset = HazardFilter(request.GET, queryset=public_hazards())
    return register_page(
        request,
        filterset=filterset,
        template="enforcement/hazard_list.html",
        columns=columns.HAZARD_COLUMNS,
        title=_("隐患排查治理"),
        ctx={"today": timezone.localdate()},
    )


@pagemeta.page_meta(column=ENFORCEMENT_COLUMN)
@require_safe
def penalty_list(request):
    filterset = PenaltyFilter(request.GET, queryset=public_penalties())
    return register_page(
        request,
        filterset=filterset,
        template="enforcement/penalty_list.html",
        columns=columns.PENALTY_COLUMNS,
        title=_("行政处罚"),
    )


@pagemeta.page_meta(column=ENFORCEMENT_COLUMN)
@require_safe
def closure_list(request):
    filterset = ClosureFilter(request.GET, queryset=public_closures())
    return register_page(
        request,
        filterset=filterset,
        template="enforcement/closure_list.html",
        columns=columns.CLOSURE_COLUMNS,
        title=_("关闭取缔"),
    )


def _public_draw(pk: int) -> Draw:
    return get_object_or_404(Draw.objects.published().select_related("plan"), pk=pk)


@pagemeta.page_meta(
    column=ENFORCEMENT_COLUMN,
    article=lambda ctx: pagemeta.Article.of(ctx["draw"], published_at=ctx["draw"].drawn_at or ctx["draw"].frozen_at),
)
@require_safe
def draw_detail(request, pk: int):
    """A draw's commitment, frozen lists and (once drawn) result, re-checked by the server (2 queries)."""
    draw = _public_draw(pk)
    data = draw.public_data()
    agrees, problems = algorithm.verify(data) if draw.is_drawn else (None, [])
    names = {c["credit_code"]: c["name"] for c in draw.candidates}
    inspector_names = {i["cert_no"]: i["name"] for i in draw.inspectors}
    selected = [
        {
            "rank": n,
            "credit_code": row["credit_code"],
            "name": names.get(row["credit_code"], ""),
            "inspectors": [{"cert_no": c, "name": inspector_names.get(c, "")} for c in row["inspectors"]],
        }
        for n, row in enumerate(draw.selected or [], start=1)
    ]
    ctx = {
        "draw": draw,
        "plan": draw.plan,
        "scope": draw.plan.scope_labels(),
        "selected": selected,
        "agrees": agrees,
        "problems": problems,
        "algorithm": draw.algorithm,
        "source_code": _algorithm_source(),
    }
    return render(request, "enforcement/draw_detail.html", ctx)


def _algorithm_source() -> str:
    import inspect

    return inspect.getsource(algorithm)


@require_safe
def draw_data(request, pk: int):
    """The draw as JSON, exactly the keys a citizen needs to re-run it."""
    draw = _public_draw(pk)
    body = json.dumps(draw.public_data(), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def draw_source(request):
    """The algorithm as a plain Python file anyone can download and run."""
    response = HttpResponse(_algorithm_source(), content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="draw.py"'
    return response
