from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from loudi_portal import pagemeta, tracking

from . import services
from .forms import ErrorReportForm, TrackForm, started_token

REPORT_LIMIT = (10, 3600)  # reports per client address per hour
TRACK_LIMIT = (30, 3600)

# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
ERROR_REPORT_COLUMN = pagemeta.Column(
    name="我为网站找错",
    description="报告本站页面上的错别字、错误信息、失效链接和无法使用的功能，并查询处理结果。",
    keywords="网站找错,纠错,失效链接",
    type="咨询投诉",
)


@pagemeta.page_meta(column=ERROR_REPORT_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    """/interact/error/: the 找错 form (?url= names the page); on success the reference and code, once."""
    ctx = {}
    if request.method == "POST":
        if tracking.over_limit(request, "interact:error-report", REPORT_LIMIT):
            form = ErrorReportForm(initial={"started": started_token()})
            return tracking.too_many_requests(request, "interact/error_report.html", {"form": form})
        form = ErrorReportForm(request.POST)
        if form.is_valid():
            sent, code = services.receive_report(
                page_url=form.cleaned_data["page_url"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                contact=form.cleaned_data["contact"],
            )
            return render(request, "interact/error_report.html", {"sent": sent, "code": code})
        form.data = form.data.copy()
        form.data["started"] = started_token()
    else:
        form = ErrorReportForm(initial={"page_url": request.GET.get("url", "")[:500], "started": started_token()})
    ctx["form"] = form
    return render(request, "interact/error_report.html", ctx, status=400 if form.errors else 200)


@pagemeta.page_meta(column=ERROR_REPORT_COLUMN)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """/interact/error/track/: the sender looks up the outcome with the reference and query code."""
    form = TrackForm(request.POST or None)
    ctx = {"form": form}
    status = 200
    if request.method == "POST":
        if tracking.over_limit(request, "interact:error-track", TRACK_LIMIT):
            return tracking.too_many_requests(request, "interact/error_track.html", ctx)
        if form.is_valid():
            found = services.find_report(form.cleaned_data["reference"], form.cleaned_data["code"])
            if found is None:
                ctx["not_found"] = True
                status = 404
            else:
                ctx["result"] = found
    return render(request, "interact/error_track.html", ctx, status=status)
