"""The notice back office: the catalogue tree, notices with their workflow, attachments, corrections.

Every change of state goes through services.py, whether from a button on a
notice or a bulk action on the list, so the same rules hold everywhere.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from loudi_portal.publishing_admin import PublishableAdmin

from . import permissions, services
from .forms import NoticeAttachmentForm, NoticeForm
from .models import Category, Notice, NoticeAttachment


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


from . import budget_admin, obligation_admin, report_admin, request_admin  # noqa: E402, F401  (issue 7 parts)
