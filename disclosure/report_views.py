from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .report_models import AnnualReport
from .report_services import publication_deadline


@require_safe
def annual_report_list(request):
    """/annual-reports/: every published year (1 query)."""
    reports = list(
        AnnualReport.objects.public().only("year", "published_at", "status", "withdrawn_reason").order_by("-year")
    )
    return render(request, "reports/annualreport_list.html", {"reports": reports})


@require_safe
def annual_report_detail(request, year: int):
    """/annual-reports/<year>/: one published report with its frozen tables (1 query)."""
    report = AnnualReport.objects.public().filter(year=year).first()
    if report is None:
        raise Http404
    ctx = {"report": report, "tables": report.tables, "deadline": publication_deadline(report.year), "preview": False}
    return render(request, "reports/annualreport_detail.html", ctx)


def search_reports(query: str, limit: int):
    """Published reports whose year or written sections mention the query (two queries)."""
    from django.db.models import Q

    from loudi_portal.registry import Item

    match = Q(overview__icontains=query) | Q(problems__icontains=query) | Q(other_matters__icontains=query)
    if query.isascii() and query.isdigit() and len(query) <= 4:  # "²" is a digit to isdigit(), not to int()
        match |= Q(year=int(query))
    qs = AnnualReport.objects.published().filter(match).order_by("-year")
    items = [
        Item(title=str(r), url=r.get_absolute_url(), when=r.published_at, label="年度报告", snippet=r.overview[:120])
        for r in qs[:limit]
    ]
    return qs.count(), items
