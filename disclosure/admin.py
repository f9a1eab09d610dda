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

from loudi_portal import rich_text, work_queues
from loudi_portal.models import BureauProfile
from loudi_portal.obligations import board
from loudi_portal.publishing_admin import PublishableAdmin

from . import permissions, services, website_report
from .forms import AnnualReportForm, NoticeAttachmentForm, NoticeForm, tree_choices
from .models import (
    AnnualReport,
    Category,
    CategoryTree,
    Notice,
    NoticeAttachment,
    NoticeRelation,
    ObligationBoard,
    ReportManualFigure,
    ReviewCase,
    SanGongLine,
    SanGongStatement,
    WebsiteReport,
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
    list_display = ["name", "slug", "parent", "position", "is_normative", "is_accident_report", "update_rule"]
    list_filter = ["parent", "is_normative", "is_accident_report", "update_rule"]
    search_fields = ["name", "slug"]
    list_select_related = ["parent"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent":
            tree_choices(field)
        return field

    def has_delete_permission(self, request, obj=None):
        # A category with notices is protected by the database; an empty one may go (superusers only).
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class CategoryTreeFilter(admin.RelatedFieldListFilter):
    """The 栏目 filter as the catalogue's tree (a child indented under its parent; 1 query)."""

    def field_choices(self, field, request, model_admin):
        return CategoryTree.load().choices()


class YearListFilter(admin.SimpleListFilter):
    title = _("发布年份")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        """Only the years in which a notice was published, newest first (1 query)."""
        years = model_admin.get_queryset(request).datetimes("published_at", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

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


class NoticeRelationInline(admin.TabularInline):
    """What this document explains, amends, replaces, repeals or assesses: edited while it is a draft."""

    model = NoticeRelation
    fk_name = "source"
    extra = 0
    fields = ["kind", "target"]
    autocomplete_fields = ["target"]
    verbose_name = _("本文件与其他文件的关系")
    verbose_name_plural = _("文件关系（解读、修改、替代、废止、整改评估）")

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
    list_filter = ["status", ("category", CategoryTreeFilter), YearListFilter]
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
                    "import_docx",
                ]
            },
        ),  # fmt: skip
        (_("规范性文件"), {"fields": ["validity", "validity_changed_on"]}),
        (_("事故调查报告"), {"fields": ["approved_on"]}),
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
    inlines = [NoticeAttachmentInline, NoticeRelationInline]

    def get_fieldsets(self, request, obj=None):
        """The .docx upload only where the body can be replaced: a read-only page would show it as "None"."""
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "import_docx"]})
            for name, options in fieldsets
        ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for message in getattr(form, "import_messages", None) or []:
            messages.warning(request, message)
        if form.cleaned_data.get("import_docx") is not None:
            messages.info(request, _("已从 Word 文档导入正文，请核对后再送审。"))
        if getattr(form, "removed_tags", None):
            tags = "、".join(form.removed_tags)
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
    form = AnnualReportForm
    list_display = ["__str__", "year", "status_label", "deadline", "days_to_deadline", "published_at", "preview_link"]
    list_filter = ["status"]
    readonly_fields = ["deadline", "days_to_deadline", "preview_link"]
    fieldsets = [
        (None, {"fields": ["year", "status_label", "deadline", "days_to_deadline", "preview_link", "published_at"]}),
        (_("由工作人员撰写的部分"), {"fields": ["overview", "problems", "other_matters"]}),
        (_("审核与撤回"), {"fields": ["revision", "review_comment", "withdrawal_reason"], "classes": ["collapse"]}),
    ]
    inlines = [ReportManualFigureInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rich_text.warn_removed(request, form)

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
        due_only = request.GET.get("due") == "soon"
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("公开义务看板"),
            "today": today,
            "opts": self.model._meta,
            "due_only": due_only,
            "horizon": work_queues.due_horizon(today),
            **board(today, due_by=work_queues.due_horizon(today) if due_only else None),
        }
        return render(request, "reports/obligation_board.html", ctx)


@admin.register(WebsiteReport)
class WebsiteReportAdmin(PublishableAdmin):
    """Editors enter what no record holds; the counted figures are shown live and frozen on publication."""

    list_display = ["__str__", "year", "status_label", "due", "published_at"]
    list_filter = ["status"]
    readonly_fields = ["due", "counted"]
    fieldsets = [
        (None, {"fields": ["year", "status_label", "due", "published_at"]}),
        (_("由系统统计的数据（发布时固定）"), {"fields": ["counted"]}),
        (_("访问量（取自网站访问统计）"), {"fields": ["unique_visitors", "page_views"]}),
        (
            _("专栏专题、解读回应、互动交流"),
            {"fields": ["special_columns", "special_columns_new", "hot_responses", "surveys", "interviews"]},
        ),
        (_("安全防护"), {"fields": ["problems_fixed", "has_early_warning", "emergency_drills", "security_officer"]}),
        (_("移动新媒体与创新发展"), {"fields": ["new_media", "innovation"]}),
        (_("审核与撤回"), {"fields": ["revision", "review_comment", "withdrawal_reason"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("发布期限"))
    def due(self, obj):
        return website_report.due_on(obj.year) if obj.year else "—"

    @admin.display(description=_("统计数据"))
    def counted(self, obj):
        if not obj.year:
            return "—"
        figures = obj.tables if obj.tables is not None else website_report.compute(obj.year)
        rows = website_report.rows(obj, figures, BureauProfile.current())
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><th scope='row'>{} · {}</th><td>{}</td></tr>",
                ((s, label, v) for s, lines in rows for label, v in lines),
            ),
        )
