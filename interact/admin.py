"""The 找错 queue: staff read each report and record the outcome the sender will see."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import ErrorReport


@admin.register(ErrorReport)
class ErrorReportAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "received_at", "kind", "page_url", "status", "handled_at"]
    list_filter = ["status", "kind"]
    search_fields = ["reference", "page_url", "description"]
    date_hierarchy = "received_at"
    readonly_fields = [
        "reference",
        "received_at",
        "page_url",
        "kind",
        "description",
        "contact",
        "handled_at",
        "handled_by",
    ]
    fieldsets = [
        (_("报告内容"), {"fields": ["reference", "received_at", "page_url", "kind", "description", "contact"]}),
        (_("处理"), {"fields": ["status", "outcome", "handled_at", "handled_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("handled_by")

    def has_add_permission(self, request):
        return False  # reports come from the public form only

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.record_outcome(
            report=obj, status=form.cleaned_data["status"], outcome=form.cleaned_data["outcome"], by=request.user
        )
