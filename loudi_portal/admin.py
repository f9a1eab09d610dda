"""Back office for the working-day calendar: admins edit, everyone on staff reads."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import audit, export_jobs, publishing_admin, registry, roles, selfcheck_admin, workdays  # noqa: F401  (publishing_admin registers the corrections, selfcheck_admin the 自查 page)
from .models import BureauProfile, Department, ExportJob, ExportLog, HistoryLink, Leader, WorkCalendarEntry


@admin.register(BureauProfile)
class BureauProfileAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "email", "is_demo"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "credit_code", "head_name", "functions"]}),
        (
            _("联系方式"),
            {"fields": ["address", "postcode", "phone", "fax", "email", "office_hours", "disclosure_office"]},
        ),
        (
            _("网站标识"),
            {
                "fields": [
                    "site_name",
                    "site_code",
                    "icp_record",
                    "police_record",
                    "conac_url",
                    "conac_badge",
                    "is_demo",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        # One profile only: once it exists, it is edited, not added again.
        return super().has_add_permission(request) and not BureauProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "position"]
    search_fields = ["name", "duties"]


@admin.register(Leader)
class LeaderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "position"]
    search_fields = ["name", "title"]


admin.site.unregister(User)


admin.site.unregister(Group)


class StaffUserChangeForm(UserChangeForm):
    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        message = roles.exclusive_conflict(g.name for g in groups or ())
        if message:
            raise forms.ValidationError(message, code="exclusive_roles")
        return groups


@admin.register(User)
class StaffUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """Staff accounts. Only a superuser may grant superuser status or single permissions,
    so a 管理员 cannot raise their own rights; nobody changes their own groups, permissions
    or staff status (read-only on one's own page, a forged post is refused); 录入员 and
    审核员 are never held together (loudi_portal/roles.py). Every change, groups included,
    is in the account's history (历史)."""

    form = StaffUserChangeForm
    list_display = ["username", "last_name", "first_name", "is_staff", "is_active", "role_names", "last_login"]
    list_filter = ["is_staff", "is_active", "groups"]

    @admin.display(description=_("角色"))
    def role_names(self, obj):
        return "、".join(g.name for g in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions", "last_login", "date_joined"]
            if obj is not None and obj.pk == request.user.pk:
                readonly += [f for f in roles.SELF_LOCKED_FIELDS if f not in readonly]
        return readonly

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        own = object_id is not None and str(object_id) == str(request.user.pk) and not request.user.is_superuser
        if own and request.method == "POST" and any(f in request.POST for f in roles.SELF_LOCKED_FIELDS):
            # The page shows these read-only: a post carrying them was forged.
            raise PermissionDenied(roles.SELF_CHANGE_MESSAGE)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        """Record a change of groups as one history entry (from the old groups to the new),
        not as the removal and the addition `groups.set()` makes of it."""
        user = form.instance
        user.skip_history_when_saving = True
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del user.skip_history_when_saving
        if change and "groups" in form.changed_data:
            user.save()  # one entry holding the new groups

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted: history keeps pointing at them.
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The role groups are defined in loudi_portal/roles.py and synced on migrate."""

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class YearFilter(admin.SimpleListFilter):
    title = _("年份")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = WorkCalendarEntry.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


@admin.register(WorkCalendarEntry)
class WorkCalendarEntryAdmin(SimpleHistoryAdmin):
    list_display = ["date", "weekday", "kind", "name", "source"]
    list_filter = [YearFilter, "kind"]
    search_fields = ["name", "source"]
    date_hierarchy = "date"
    fieldsets = [(None, {"fields": ["date", "kind", "name", "source"]})]

    @admin.display(description=_("星期"))
    def weekday(self, obj):
        return workdays._WEEKDAY_NAMES[obj.date.weekday()]

    def changelist_view(self, request, extra_context=None):
        missing = workdays.missing_next_year(timezone.localdate())
        if missing is not None:
            messages.warning(
                request,
                _(
                    "尚未录入 %(year)s 年的节假日安排：%(year)s 年的期限只扣除周末，显示为“暂定”。"
                    "请在国务院办公厅发布通知后录入。"
                )
                % {"year": missing},
            )
        return super().changelist_view(request, extra_context)


# --- Back office for auditors: the export page, the export log and the history chain (read only).


# The job page asks for its status this often (static/js/export-job.js; a 刷新本页 link without script).
JOB_REFRESH = 3


class AuditExportForm(forms.Form):
    """What to export: a whole dataset, or the change history with its filters."""

    what = forms.ChoiceField(label=_("导出内容"))
    file_format = forms.ChoiceField(label=_("文件格式"), choices=audit.EXPORT_FORMAT_CHOICES, initial="csv")
    date_from = forms.DateField(
        label=_("起始日期"), required=False, help_text=_("仅用于变更历史；格式 YYYY-MM-DD，含当日。")
    )
    date_to = forms.DateField(label=_("截止日期"), required=False, help_text=_("仅用于变更历史；含当日。"))
    user = forms.ModelChoiceField(
        label=_("操作人"), queryset=None, required=False, help_text=_("仅用于变更历史；留空为全部。")
    )
    model = forms.ChoiceField(label=_("数据类型"), required=False, help_text=_("仅用于变更历史；留空为全部。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["what"].choices = [(audit.KIND_HISTORY, audit.HISTORY_CHOICE_LABEL)] + [
            (f"dataset:{d.key}", f"{d.title}（{_('全部记录，含未公开与已撤回')}）") for d in registry.datasets()
        ]
        self.fields["user"].queryset = get_user_model().objects.filter(is_staff=True).order_by("username")
        self.fields["model"].choices = [("", _("全部"))] + audit.tracked_model_choices()

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("起始日期不能晚于截止日期。"))
        return data


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    """Every auditor export, readable by auditors and admins, changeable by nobody."""

    list_display = ["created_at", "user", "kind", "dataset", "file_format", "row_count", "sha256"]
    list_filter = ["kind", "file_format"]
    search_fields = ["user__username", "dataset", "sha256", "file_name"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "created_at",
        "kind",
        "dataset",
        "file_format",
        "filters",
        "row_count",
        "file_name",
        "sha256",
        "size_bytes",
        "chain_head",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("export/", view(self.export_view), name="loudi_portal_exportlog_export"),
            path("export/jobs/<int:pk>/", view(self.job_view), name="loudi_portal_exportlog_job"),
            path("export/jobs/<int:pk>/download/", view(self.job_download), name="loudi_portal_exportlog_download"),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_export": request.user.has_perm(audit.EXPORT_PERMISSION)}
        return super().changelist_view(request, extra_context)

    def _context(self, request, title, **more):
        return {**self.admin_site.each_context(request), "title": title, "opts": self.model._meta, **more}

    def export_view(self, request):
        """GET: the form and the user's latest jobs. POST: queue the export, show its job page."""
        if not request.user.has_perm(audit.EXPORT_PERMISSION):
            raise PermissionDenied
        form = AuditExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            job = export_jobs.start(by=request.user, what=data["what"], fmt=data["file_format"], form_data=data)
            return redirect("admin:loudi_portal_exportlog_job", pk=job.pk)
        ctx = self._context(
            request, _("审计导出"), form=form, datasets=registry.datasets(), jobs=export_jobs.jobs_of(request.user)
        )
        return TemplateResponse(request, "admin/loudi_portal/exportlog/export_form.html", ctx)

    def _own_job(self, request, pk):
        """The job, if it is the requesting auditor's own (anyone else's is 404)."""
        if not request.user.has_perm(audit.EXPORT_PERMISSION):
            raise PermissionDenied
        job = ExportJob.objects.filter(pk=pk, user=request.user).select_related("log").first()
        if job is None:
            raise Http404
        return job

    def job_view(self, request, pk):
        """How far the job is; refreshes itself every few seconds until it is done or failed."""
        job = export_jobs.with_progress(self._own_job(request, pk))
        ctx = self._context(
            request,
            _("审计导出任务 %(pk)s") % {"pk": job.pk},
            job=job,
            job_label=export_jobs.describe(job),
            refresh_seconds=JOB_REFRESH,
        )
        fragment = request.GET.get("fragment") == "1"  # the page's script asks for the status only
        template = "_job_status.html" if fragment else "job.html"
        response = TemplateResponse(request, f"admin/loudi_portal/exportlog/{template}", ctx)
        response["Cache-Control"] = "no-store"
        return response

    def job_download(self, request, pk):
        """The finished job's zip (its data file and manifest.json), to the auditor who asked only."""
        job = self._own_job(request, pk)
        if job.status != ExportJob.Status.DONE or not job.storage_name:
            raise Http404
        try:
            stored = export_jobs.open_file(job)
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(stored, content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(True, job.zip_name)
        response["X-Export-SHA256"] = job.log.sha256
        response["Cache-Control"] = "private, no-store"
        return response


@admin.register(HistoryLink)
class HistoryLinkAdmin(admin.ModelAdmin):
    """The hash chain, for reading; `manage.py verify_history` checks it."""

    list_display = ["position", "history_model", "history_id", "link_hash", "created_at"]
    list_filter = ["history_model"]
    ordering = ["-position"]  # the newest links first
    search_fields = ["link_hash", "content_hash", "history_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
