"""URLs of the `disclosure` namespace. Other parts of the disclosure app add
their patterns from their own modules (see the end of the list)."""

from django.urls import path

from . import views
from .feeds import CategoryNoticesFeed, LatestNoticesFeed

app_name = "disclosure"

urlpatterns = [
    path("notices/", views.notice_list, name="notice-list"),
    path("notices/feed/", LatestNoticesFeed(), name="notice-feed"),
    path("notices/category/<slug:slug>/", views.notice_category, name="notice-category"),
    path("notices/category/<slug:slug>/feed/", CategoryNoticesFeed(), name="notice-category-feed"),
    path("notices/<int:pk>/", views.notice_detail, name="notice-detail"),
    path("notices/<int:pk>/print/", views.notice_print, name="notice-print"),
    path("notices/<int:pk>/qr.svg", views.notice_qr, name="notice-qr"),
]

# --- Information requests, “三公” budgets, yearly reports (issue 7) -------------------
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
