from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from loudi_portal.exports import Column, ExportFormatError, bad_format_response, export_response, requested_format
from loudi_portal.registry import Dataset

from .budget_models import SanGongLine
from .budget_services import budget_page_data

BUDGET_COLUMNS = [
    Column("year", "年度", "statement.year", "int"),
    Column("stage", "预算/决算", lambda line: line.statement.get_stage_display()),
    Column("category", "项目", lambda line: line.get_category_display()),
    Column("amount", "金额（元）", "amount", "money"),
    Column("count", "数量", "count", "int"),
    Column("people", "人次", "people", "int"),
    Column("explanation", "增减变化原因", "explanation"),
]


def published_lines():
    return (
        SanGongLine.objects.filter(statement__status="published")
        .select_related("statement")
        .order_by("-statement__year", "statement__stage", "category")
    )


@require_safe
def budget_list(request):
    """/budgets/: every published year's “三公” budget and final accounts (2 queries); ?format= exports the lines."""
    try:
        fmt = requested_format(request)
    except ExportFormatError as exc:
        return bad_format_response(str(exc))
    if fmt:
        return export_response(fmt, published_lines(), BUDGET_COLUMNS, title="“三公”经费预决算", filters={})
    return render(request, "budgets/budget_list.html", budget_page_data())


def dataset() -> Dataset:
    return Dataset(
        key="sangong-budgets",
        title=str(_("“三公”经费预决算")),
        description="因公出国（境）费、公务接待费、公务用车购置及运行维护费的年度预算和决算，含数量和增减变化原因。",
        url_name="disclosure:budget-list",
        columns=BUDGET_COLUMNS,
        public=published_lines,
        everything=lambda: SanGongLine.objects.select_related("statement").order_by("-statement__year", "category"),
        update_frequency="每年预算、决算公开时更新",
        order=60,
    )
