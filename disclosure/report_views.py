from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .report_models import AnnualReport
from .report_services import publication_deadline


@require_safe
def annual_report_list(request):
    """/annual-reports/: every published year (1 query)."""
    reports = list(AnnualReport.objects.published().only("year", "published_at").order_by("-year"))
    return render(request, "reports/annualreport_list.html", {"reports": reports})


@require_safe
def annual_report_detail(request, year: int):
    """/annual-reports/<year>/: one published report with its frozen tables (1 query)."""
    report = AnnualReport.objects.published().filter(year=year).first()
    if report is None:
        raise Http404
    ctx = {"report": report, "tables": report.tables, "deadline": publication_deadline(report.year), "preview": False}
    return render(request, "reports/annualreport_detail.html", ctx)
