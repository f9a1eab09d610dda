from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .report_models import AnnualReport, ReportManualFigure, ReviewCase
from .report_services import (
    check_tables,
    compute_tables,
    days_left,
    publication_deadline,
    publish_report,
    withdraw_report,
)


class WithdrawActionForm(ActionForm):
    """The admin action bar with a reason field, for withdrawing published records."""

    reason = forms.CharField(label=_("撤回原因（撤回时必填，将公开显示）"), required=False, max_length=300)


def run_withdraw(modeladmin, request, queryset, service, arg_name):
    reason = request.POST.get("reason", "")
    done = 0
    for obj in queryset:
        if obj.status != "published":
            continue
        try:
            service(**{arg_name: obj, "by": request.user, "reason": reason})
            done += 1
        except ValidationError as exc:
            modeladmin.message_user(request, "；".join(exc.messages), messages.ERROR)
            return
        except PermissionDenied:
            modeladmin.message_user(request, _("没有撤回权限。"), messages.ERROR)
            return
    modeladmin.message_user(request, ngettext("已撤回 %d 条。", "已撤回 %d 条。", done) % done)


class ReportManualFigureInline(admin.TabularInline):
    model = ReportManualFigure
    fields = ["row", "column", "value", "source_note"]
    extra = 0


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "status", "deadline", "days_to_deadline", "published_at", "preview_link"]
    list_filter = ["status"]
    readonly_fields = ["status", "published_at", "deadline", "days_to_deadline", "preview_link", "withdrawn_reason"]
    fieldsets = [
        (None, {"fields": ["year", "status", "deadline", "days_to_deadline", "preview_link", "published_at"]}),
        (_("由工作人员撰写的部分"), {"fields": ["overview", "problems", "other_matters"]}),
    ]
    inlines = [ReportManualFigureInline]
    actions = ["publish", "withdraw"]
    action_form = WithdrawActionForm

    @admin.display(description=_("发布期限"))
    def deadline(self, obj):
        return publication_deadline(obj.year) if obj.year else "—"

    @admin.display(description=_("距期限天数"))
    def days_to_deadline(self, obj):
        if not obj.year:
            return "—"
        if obj.status == AnnualReport.Status.PUBLISHED:
            late = obj.published_at and obj.published_at.date() > publication_deadline(obj.year)
            return _("已发布（逾期）") if late else _("已按期发布")
        left = days_left(obj)
        return _("还剩 %(n)d 天") % {"n": left} if left >= 0 else _("已逾期 %(n)d 天") % {"n": -left}

    @admin.display(description=_("预览"))
    def preview_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:disclosure_annualreport_preview", args=[obj.pk]), _("预览报告")
        )

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="disclosure_annualreport_preview",
            ),
        ]
        return extra + super().get_urls()

    def preview_view(self, request, pk):
        report = get_object_or_404(AnnualReport, pk=pk)
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        tables = compute_tables(report)
        ctx = {"report": report, "tables": tables, "preview": True, "check_errors": check_tables(tables)}
        return render(request, "reports/annualreport_detail.html", ctx)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("disclosure.publish_annualreport"):
            actions.pop("publish", None)
            actions.pop("withdraw", None)
        return actions

    @admin.action(description=_("撤回所选已发布的年度报告（须填写原因）"))
    def withdraw(self, request, queryset):
        run_withdraw(self, request, queryset, withdraw_report, "report")

    @admin.action(description=_("发布所选年度报告（计算并冻结统计表）"))
    def publish(self, request, queryset):
        done = 0
        for report in queryset:
            try:
                publish_report(report=report, by=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{report.year}：{'；'.join(exc.messages)}", messages.ERROR)
            except PermissionDenied:
                self.message_user(request, _("没有发布权限。"), messages.ERROR)
                return
        if done:
            self.message_user(request, ngettext("已发布 %d 份年度报告。", "已发布 %d 份年度报告。", done) % done)


@admin.register(ReviewCase)
class ReviewCaseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "filed_on", "result", "concluded_on"]
    list_filter = ["kind", "result"]
    search_fields = ["case_number", "summary"]
    date_hierarchy = "filed_on"
