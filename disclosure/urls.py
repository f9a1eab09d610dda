"""URLs of the `disclosure` namespace: notices, 三公 budgets, yearly reports."""

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
    path("notices/<int:pk>/attachments/<int:attachment_id>/", views.notice_attachment, name="notice-attachment"),
    path("notices/<int:pk>/qr.svg", views.notice_qr, name="notice-qr"),
    # “三公” budgets, yearly reports
    path("guide/", views.disclosure_guide, name="guide"),
    path("budgets/", views.budget_list, name="budget-list"),
    path("annual-reports/", views.annual_report_list, name="annual-report-list"),
    path("annual-reports/<int:year>/", views.annual_report_detail, name="annual-report-detail"),
    path("website-reports/", views.website_report_list, name="website-report-list"),
    path("website-reports/<int:year>/", views.website_report_detail, name="website-report-detail"),
]
