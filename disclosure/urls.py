app_name = "disclosure"

urlpatterns: list = []

# --- Information requests, “三公” budgets, yearly reports (issue 7) -------------------
from django.urls import path  # noqa: E402

from . import budget_views, report_views, request_views  # noqa: E402

urlpatterns += [
    path("apply/", request_views.apply, name="apply"),
    path("apply/sent/", request_views.apply_sent, name="apply-sent"),
    path("apply/track/", request_views.apply_track, name="apply-track"),
    path("budgets/", budget_views.budget_list, name="budget-list"),
    path("annual-reports/", report_views.annual_report_list, name="annual-report-list"),
    path("annual-reports/<int:year>/", report_views.annual_report_detail, name="annual-report-detail"),
]
# --- end of issue 7 block ---------------------------------------------------------------
