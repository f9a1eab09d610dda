"""Public approvals pages: the service catalogue and guides, progress look-up,
published results, on-time statistics and the agency directory.

No page shows an applicant's contact person or phone; the progress page shows
no applicant at all.
"""

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from loudi_portal import pagemeta, tracking
from loudi_portal.files import file_response
from loudi_portal.forms import PublicFormMixin
from loudi_portal.listing import register_page
from loudi_portal.publishing import can_preview
from loudi_portal.workdays import add_working_days

from . import services, stats
from .columns import AGENCY_COLUMNS, RESULT_COLUMNS, SERVICE_COLUMNS
from .filters import AgencyFilter, ResultFilter, ServiceFilter
from .models import Agency, Application, ApprovalResult, Material, Service, Step, SupervisionRecord

TRACK_ATTEMPTS = 10  # per client address
TRACK_WINDOW_SECONDS = 600


# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
SERVICES_COLUMN = pagemeta.Column(
    name="办事服务",
    description="行政许可等事项的办事指南、办理进度查询、办理结果与统计，以及中介服务机构名录。",
    keywords="办事指南,行政许可,办理进度查询",
    type="办事服务",
)


def public_results(today=None):
    """Published decisions, newest first (the 双公示 register's order)."""
    return ApprovalResult.objects.public().select_related("service").order_by("-published_at", "-id")


@pagemeta.page_meta(column=SERVICES_COLUMN)
@require_safe
def service_list(request):
    """The catalogue (2 queries: count and page; the deferred join adds one; exports prefetch 2 more)."""
    queryset = Service.objects.published().prefetch_related("intermediaries", "special_steps")
    filterset = ServiceFilter(request.GET, queryset=queryset)
    return register_page(
        request,
        filterset=filterset,
        template="approvals/service_list.html",
        columns=SERVICE_COLUMNS,
        title=str(_("行政审批事项目录")),
    )


@pagemeta.page_meta(column=SERVICES_COLUMN)
@require_safe
def service_detail(request, code):
    """The printable guide (办事指南): 6 queries (service, materials, steps, 中介服务, 特殊环节, versions)."""
    service = get_object_or_404(
        Service.objects.published().prefetch_related(
            Prefetch("materials", queryset=Material.objects.order_by("position", "id")),
            Prefetch("steps", queryset=Step.objects.order_by("position", "id")),
            "intermediaries",
            "special_steps",
        ),
        code=code,
    )
    versions = []
    seen = set()
    for record in service.history.filter(status=Service.Status.PUBLISHED).order_by("-version", "-history_date"):
        if record.version not in seen:
            seen.add(record.version)
            versions.append(record)
    lines = {"legal_basis": service.lines("legal_basis"), "conditions": service.lines("conditions")}
    ctx = {"service": service, "versions": versions, "lines": lines}
    return render(request, "approvals/service_detail.html", ctx)


@require_safe
def material_template(request, code, pk):
    """A material's blank form, only while its guide is public (users who may preview the guide: always)."""
    material = get_object_or_404(Material.objects.select_related("service"), pk=pk, service__code=code)
    if not material.template or (not material.service.is_public and not can_preview(request.user, material.service)):
        raise Http404
    return file_response(material.template, material.template_download_name)


class TrackForm(PublicFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("受理编号"),
        max_length=30,
        help_text=_("受理通知书上的编号，例如 LDYJ-2026-00012。"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    query_code = forms.CharField(
        label=_("查询码"),
        max_length=12,
        help_text=_("受理时告知的 8 位数字。"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def _too_many_attempts(request) -> bool:
    """Count this client's look-up (tracking's atomic limiter); True once over the limit."""
    limit = getattr(settings, "APPROVALS_TRACK_ATTEMPTS", TRACK_ATTEMPTS)
    return tracking.over_limit(request, "approvals-track", (limit, TRACK_WINDOW_SECONDS))


@pagemeta.page_meta(column=SERVICES_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """Progress look-up by reference number and query code (rate-limited per address)."""
    form = TrackForm(request.POST if request.method == "POST" else None)
    ctx = {"form": form, "application": None, "not_found": False}
    status = 200
    if request.method == "POST":
        if _too_many_attempts(request):
            return tracking.too_many_requests(request, "approvals/track.html", ctx, retry_after=TRACK_WINDOW_SECONDS)
        if form.is_valid():
            reference = form.cleaned_data["reference"].strip().upper()
            code = form.cleaned_data["query_code"].strip()
            application = (
                Application.objects.select_related("service")
                .prefetch_related("pauses")
                .filter(reference=reference)
                .first()
            )
            if services.check_query_code(application, code):
                ctx["application"] = application
                ctx["deadline"] = _explained_deadline(application)
            else:
                ctx["not_found"] = True
                status = 404
    return render(request, "approvals/track.html", ctx, status=status)


def _explained_deadline(application):
    """The committed deadline with its explanation, or None while the clock is stopped."""
    if application.is_paused:
        return None
    periods = application.pause_periods()
    days = application.committed_limit_days + application.extension_days
    return add_working_days(application.accepted_on, days, pauses=periods)


@pagemeta.page_meta(column=SERVICES_COLUMN)
@require_safe
def result_list(request):
    """双公示 register of decisions (constant queries; exports the filtered rows)."""
    filterset = ResultFilter(request.GET, queryset=public_results())
    return register_page(
        request,
        filterset=filterset,
        template="approvals/result_list.html",
        columns=RESULT_COLUMNS,
        title=str(_("行政许可结果公示")),
    )


class StatsForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
    service = forms.ModelChoiceField(
        label=_("事项"),
        queryset=Service.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("全部"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # published() reads the clock: built per form, not at import.
        self.fields["service"].queryset = Service.objects.published()


@pagemeta.page_meta(column=SERVICES_COLUMN)
@require_safe
def statistics(request):
    """On-time figures per service and month (3 queries: services for the form, years, figures)."""
    years = sorted({d.year for d in Application.objects.dates("accepted_on", "year")}, reverse=True) or [
        timezone.localdate().year
    ]
    form = StatsForm(request.GET or None, initial={"year": years[0]})
    year, service = years[0], None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"] or year
        service = form.cleaned_data["service"]
    rows = stats.monthly_rows(year=year, service=service) if not form.errors else []
    by_month = sorted(stats.totals(rows, key=lambda r: r.month), key=lambda r: r.month)
    by_service = stats.totals(rows, key=lambda r: r.service_code)
    overall = stats.totals(rows, key=lambda r: 0)
    ctx = {
        "form": form,
        "year": year,
        "years": years,
        "service": service,
        "rows": rows,
        "by_month": by_month,
        "by_service": by_service,
        "overall": overall[0] if overall else None,
        "chart": stats.chart(by_month),
    }
    return render(request, "approvals/statistics.html", ctx)


@pagemeta.page_meta(column=SERVICES_COLUMN)
@require_safe
def agency_list(request):
    """Directory of safety evaluation and testing agencies; expiry shown from today's date."""
    today = timezone.localdate()
    filterset = AgencyFilter(request.GET, queryset=Agency.objects.published(), today=today)
    return register_page(
        request,
        filterset=filterset,
        template="approvals/agency_list.html",
        columns=AGENCY_COLUMNS,
        title=str(_("安全评价检测检验机构名录")),
        ctx={"today": today},
    )


@pagemeta.page_meta(column=SERVICES_COLUMN)
@require_safe
def agency_detail(request, pk):
    """One agency and its published supervision records (2 queries)."""
    agency = get_object_or_404(
        Agency.objects.published().prefetch_related(
            Prefetch("supervision_records", queryset=SupervisionRecord.objects.filter(is_published=True))
        ),
        pk=pk,
    )
    return render(request, "approvals/agency_detail.html", {"agency": agency, "today": timezone.localdate()})
