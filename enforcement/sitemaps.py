"""The enforcement record's sections of /sitemap.xml: the registers' pages and every draw.

Enterprises, inspectors, plans, inspections, hazards, penalties and closures have no page per
row: their registers' pages are listed, each dated by the newest row it shows. A draw has its
own page (its lists, commitment and result).
"""

from loudi_portal.sitemaps import PagesSitemap, RecordSitemap, RegisterPagesSitemap, latest_change

from .models import Closure, Draw, Enterprise, Hazard, Inspection, InspectionPlan, Inspector, Penalty

PUBLISHABLE_DATES = ("published_at", "withdrawn_at")


class EnterpriseSitemap(RegisterPagesSitemap):
    url_name = "enforcement:enterprise-list"
    date_fields = ()

    def queryset(self):
        return Enterprise.objects.order_by("credit_code")


class InspectorSitemap(RegisterPagesSitemap):
    url_name = "enforcement:inspector-list"
    date_fields = ()

    def queryset(self):
        return Inspector.objects.order_by("cert_no")


class PlanSitemap(RegisterPagesSitemap):
    url_name = "enforcement:plan-list"
    date_fields = PUBLISHABLE_DATES

    def queryset(self):
        return InspectionPlan.objects.public().order_by("-year", "-id")


class InspectionSitemap(RegisterPagesSitemap):
    url_name = "enforcement:inspection-list"
    date_fields = PUBLISHABLE_DATES

    def queryset(self):
        return Inspection.objects.public().order_by("-inspected_on", "-id")


class HazardSitemap(RegisterPagesSitemap):
    url_name = "enforcement:hazard-list"
    date_fields = ("published_at",)

    def queryset(self):
        return Hazard.objects.published().order_by("-deadline", "-id")


class PenaltySitemap(RegisterPagesSitemap):
    url_name = "enforcement:penalty-list"
    date_fields = PUBLISHABLE_DATES

    def queryset(self):
        return Penalty.objects.public().order_by("-decided_on", "-id")


class ClosureSitemap(RegisterPagesSitemap):
    url_name = "enforcement:closure-list"
    date_fields = PUBLISHABLE_DATES

    def queryset(self):
        return Closure.objects.public().order_by("-closed_on", "-id")


class DrawSitemap(RecordSitemap):
    """Every public draw: frozen (lists and commitment) or drawn (result and secret)."""

    date_fields = ("frozen_at", "drawn_at")

    def queryset(self):
        return Draw.objects.published().order_by("-frozen_at", "-id")


class EnforcementPagesSitemap(PagesSitemap):
    """The 执法公示 overview: its figures and the newest draws, penalties and inspections."""

    pages = [
        (
            "enforcement:index",
            lambda: latest_change(
                Inspection.objects.public(),
                Penalty.objects.public(),
                Closure.objects.public(),
                Draw.objects.published(),
            ),
        )
    ]


SITEMAPS = {
    "enterprises": EnterpriseSitemap,
    "inspectors": InspectorSitemap,
    "inspection-plans": PlanSitemap,
    "draws": DrawSitemap,
    "inspections": InspectionSitemap,
    "hazards": HazardSitemap,
    "penalties": PenaltySitemap,
    "closures": ClosureSitemap,
    "enforcement-pages": EnforcementPagesSitemap,
}
