from django.shortcuts import render
from django.views.decorators.http import require_safe

from .budget_services import budget_page_data


@require_safe
def budget_list(request):
    """/budgets/: every published year's “三公” budget and final accounts (2 queries)."""
    return render(request, "budgets/budget_list.html", budget_page_data())
