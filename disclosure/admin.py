"""The notice back office: the catalogue tree, notices with their workflow, attachments, corrections.

Every change of state goes through services.py, whether from a button on a
notice or a bulk action on the list, so the same rules hold everywhere.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from loudi_portal.obligations import board
from loudi_portal.publishing_admin import PublishableAdmin

from . import permissions, services
from .forms import NoticeAttachmentForm, NoticeForm
from .models import (
    AnnualReport,
    Category,
    Notice,
    NoticeAttachment,
    ObligationBoard,
    ReportManualFigure,
    ReviewCase,
    SanGongLine,
    SanGongStatement,
)
from .report_tables import check_tables
from .services import (
    compute_tables,
    days_left,
    missing_explanations,
    previous_statement,
    publication_deadline,
    statement_rows,
)


def _error_text(exc) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or str(_("没有权限执行此操作。"))


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "parent", "position", "is_normative"]
    list_filter = ["parent", "is_normative"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent"]

    def has_delete_permission(self, request, obj=None):
        # A category with notices is protected by the database; an empty one may go (superusers only).
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class YearListFilter(admin.SimpleListFilter):
    title = _("发布年份")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        return [(str(y), str(y)) for y in range(this_year + 1, this_year - 10, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and 1990 <= int(value) <= 2100:
            return queryset.in_year(int(value))
        return queryset


class NoticeAttachmentInline(admin.TabularInline):
    model = NoticeAttachment
    form = NoticeAttachmentForm
    extra = 1
    fields = ["name", "file", "kind", "size", "position"]
    readonly_fields = ["kind", "size"]

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.is_editable) and super().has_delete_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return (obj is None or obj.is_editable) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.is_editable) and super().has_change_permission(request, obj)


@admin.register(Notice)
class NoticeAdmin(PublishableAdmin):
    form = NoticeForm
    list_display = ["title", "category", "status_label", "published_at", "index_number", "created_by"]
    list_filter = ["status", "category", YearListFilter]
    search_fields = ["title", "doc_number", "index_number", "keywords"]
    list_select_related = ["category", "created_by"]
    autocomplete_fields = ["related"]
    readonly_fields = ["index_number", "withdrawn_by"]
    fieldsets = [
        (_("办理状态"), {"fields": ["status_label", "revision", "index_number", "published_at", "review_comment"]}),
        (
            _("信息内容"),
            {
                "fields": [
                    "title",
                    "category",
                    "doc_number",
                    "source",
                    "author",
                    "editor_name",
                    "written_on",
                    "keywords",
                    "body",
                ]
            },
        ),  # fmt: skip
        (_("规范性文件"), {"fields": ["validity", "validity_changed_on"]}),
        (_("相关信息"), {"fields": ["related"]}),
        (
            _("经办记录"),
            {
                "fields": [
                    "created_by",
                    "last_edited_by",
                    "submitted_by",
                    "reviewed_by",
                    "withdrawn_at",
                    "withdrawn_by",
                    "withdrawal_reason",
                ],
                "classes": ["collapse"],
            },
        ),  # fmt: skip
    ]
    inlines = [NoticeAttachmentInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if getattr(form, "removed_tags", None):
            tags = "、".join(f"<{name}>" for name in form.removed_tags)
            messages.warning(
                request, _("正文中以下不允许的标记已被移除：%(tags)s。请核对保存后的正文。") % {"tags": tags}
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_search_text(form.instance)

    def preview_url(self, record):
        return reverse("admin:disclosure_notice_preview", args=[record.pk])

    def workflow_links(self, request, obj):
        return [(self.preview_url(obj), _("预览公开页面"))] + super().workflow_links(request, obj)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", wrap(self.preview_view), name="disclosure_notice_preview"),
        ] + super().get_urls()

    def preview_view(self, request, pk):
        """The public page as it will look, before publishing (never counted as a view)."""
        from .views import render_notice

        notice = get_object_or_404(
            Notice.objects.select_related("category", "category__parent").prefetch_related("attachments"), pk=pk
        )
        if not (self.has_view_permission(request, notice) and permissions.can_preview(request.user, notice)):
            raise PermissionDenied
        response = render_notice(request, notice, preview=True, count=notice.view_count)
        response["X-Robots-Tag"] = "noindex"
        return response


class ReportManualFigureInline(admin.TabularInline):
    model = ReportManualFigure
    fields = ["row", "column", "value", "source_note"]
    extra = 0


@admin.register(AnnualReport)
class AnnualReportAdmin(PublishableAdmin):
    list_display = ["__str__", "year", "status_label", "deadline", "days_to_deadline", "published_at", "preview_link"]
    list_filter = ["status"]
    readonly_fields = ["deadline", "days_to_deadline", "preview_link"]
    fieldsets = [
        (None, {"fields": ["year", "status_label", "deadline", "days_to_deadline", "preview_link", "published_at"]}),
        (_("由工作人员撰写的部分"), {"fields": ["overview", "problems", "other_matters"]}),
        (_("审核与撤回"), {"fields": ["revision", "review_comment", "withdrawal_reason"], "classes": ["collapse"]}),
    ]
    inlines = [ReportManualFigureInline]

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

    def preview_url(self, record):
        return reverse("admin:disclosure_annualreport_preview", args=[record.pk])


@admin.register(ReviewCase)
class ReviewCaseAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "filed_on", "result", "concluded_on"]
    list_filter = ["kind", "result"]
    search_fields = ["case_number", "summary"]
    date_hierarchy = "filed_on"


class SanGongLineInline(admin.TabularInline):
    """Lines are edited with their draft statement; a published one is corrected line by line."""

    model = SanGongLine
    fields = ["category", "amount", "count", "people", "explanation"]
    extra = 4
    max_num = 4
    can_delete = False
    formfield_overrides = {}

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("widgets", {"explanation": forms.Textarea(attrs={"rows": 2, "cols": 40})})
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None):
        return (obj is None or obj.is_editable) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return (obj is None or obj.is_editable) and super().has_change_permission(request, obj)


@admin.register(SanGongStatement)
class SanGongStatementAdmin(PublishableAdmin):
    list_display = ["__str__", "year", "stage", "status_label", "published_at"]
    list_filter = ["stage", "status"]
    readonly_fields = ["computed_changes"]
    fieldsets = [
        (None, {"fields": ["year", "stage", "note", "status_label", "published_at", "withdrawal_reason"]}),
        (_("与上年比较（保存后自动计算）"), {"fields": ["computed_changes"]}),
    ]
    inlines = [SanGongLineInline]

    @admin.display(description=_("增减情况"))
    def computed_changes(self, obj):
        if not obj.pk:
            return "—"
        previous = previous_statement(obj)
        rows = statement_rows(obj, previous)
        missing = set(missing_explanations(obj, previous))
        body = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    row.label,
                    row.amount,
                    "—" if row.previous is None else row.previous,
                    "—" if row.change is None else row.change,
                    "—" if row.rate is None else f"{row.rate}%",
                    _("须填写变化原因") if row.label in missing else "",
                )
                for row in rows
            ),
        )
        head = format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th>"
            "<th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th></tr></thead>",
            _("项目"), _("本年"), _("上年"), _("增减额"), _("增减幅度"), _("提示"),
        )  # fmt: skip
        return format_html("{}<tbody>{}</tbody></table>", head, body)


@admin.register(ObligationBoard)
class ObligationBoardAdmin(admin.ModelAdmin):
    """Not a list of records: the changelist is the board itself (a handful of queries)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("公开义务看板"),
            "today": today,
            "opts": self.model._meta,
            **board(today),
        }
        return render(request, "reports/obligation_board.html", ctx)
