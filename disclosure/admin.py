"""The notice back office: the catalogue tree, notices with their workflow, attachments, corrections.

Every change of state goes through services.py, whether from a button on a
notice or a bulk action on the list, so the same rules hold everywhere.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from loudi_portal.obligations import board

from . import permissions, services
from .forms import NoticeAttachmentForm, NoticeForm, PublishForm, ReturnForm, WithdrawForm
from .models import (
    AnnualReport,
    Category,
    Notice,
    NoticeAttachment,
    NoticeCorrection,
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
    publish_report,
    publish_statement,
    statement_rows,
    withdraw_report,
    withdraw_statement,
)

CORRECTABLE = {"title", "doc_number", "body", "keywords", "source", "author", "editor_name", "written_on",
               "validity", "validity_changed_on"}  # fmt: skip


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
        return (obj is None or obj.status != Notice.Status.WITHDRAWN) and super().has_add_permission(request, obj)


class NoticeCorrectionInline(admin.TabularInline):
    model = NoticeCorrection
    extra = 0
    fields = ["corrected_at", "corrected_by", "note", "previous_title", "previous_doc_number"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notice)
class NoticeAdmin(SimpleHistoryAdmin):
    form = NoticeForm
    list_display = ["title", "category", "status_label", "published_at", "index_number", "created_by"]
    list_filter = ["status", "category", YearListFilter]
    search_fields = ["title", "doc_number", "index_number", "keywords"]
    date_hierarchy = None
    list_select_related = ["category", "created_by"]
    autocomplete_fields = ["related"]
    readonly_fields = [
        "status", "index_number", "published_at", "created_by", "last_edited_by", "submitted_by",
        "reviewed_by", "review_comment", "withdrawn_at", "withdrawal_reason",
    ]  # fmt: skip
    fieldsets = [
        (_("办理状态"), {"fields": ["status", "index_number", "published_at", "review_comment"]}),
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
        (_("更正"), {"fields": ["correction_note"]}),
        (
            _("经办记录"),
            {
                "fields": [
                    "created_by",
                    "last_edited_by",
                    "submitted_by",
                    "reviewed_by",
                    "withdrawn_at",
                    "withdrawal_reason",
                ],
                "classes": ["collapse"],
            },
        ),  # fmt: skip
    ]
    inlines = [NoticeAttachmentInline, NoticeCorrectionInline]
    actions = ["submit_selected", "publish_selected"]

    # --- display ---------------------------------------------------------------

    @admin.display(description=_("状态"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("已发布（定时：%(at)s）") % {"at": timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")}
        return obj.get_status_display()

    def workflow_links(self, request, obj) -> list[tuple[str, str]]:
        user = request.user
        links = [(reverse("admin:disclosure_notice_preview", args=[obj.pk]), _("预览公开页面"))]
        if permissions.can_submit(user, obj):
            links.append((reverse("admin:disclosure_notice_submit", args=[obj.pk]), _("送审")))
        if permissions.can_publish(user, obj):
            links.append((reverse("admin:disclosure_notice_publish", args=[obj.pk]), _("审核发布")))
        if permissions.can_return(user, obj):
            links.append((reverse("admin:disclosure_notice_return", args=[obj.pk]), _("退回修改")))
        if permissions.can_withdraw(user, obj):
            links.append((reverse("admin:disclosure_notice_withdraw", args=[obj.pk]), _("撤回")))
        if obj.is_public:
            links.append((obj.get_absolute_url(), _("查看公开页面")))
        return links

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {})}
        if obj is not None:
            extra_context["workflow_links"] = self.workflow_links(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    # --- permissions and fields -----------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.status != Notice.Status.PUBLISHED:
            fieldsets = [fs for fs in fieldsets if "correction_note" not in fs[1]["fields"]]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status == Notice.Status.PUBLISHED:
            readonly += ["category", "related"]
        return readonly

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        if obj.status == Notice.Status.WITHDRAWN:
            return False
        if obj.status == Notice.Status.PUBLISHED:
            return permissions.can_correct(request.user, obj)
        return True

    def get_actions(self, request):
        # The stock bulk delete would bypass the per-notice rule below.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # Only never-published drafts can be deleted, and only by a superuser.
        if obj is not None and obj.status not in (Notice.Status.DRAFT, Notice.Status.PENDING):
            return False
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    # --- saving -----------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.last_edited_by = request.user
            obj.status = Notice.Status.DRAFT
            super().save_model(request, obj, form, change)
        elif obj.status == Notice.Status.PUBLISHED:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in CORRECTABLE}
            services.correct_notice(notice=obj, by=request.user, note=form.cleaned_data["correction_note"], **changes)
            obj.refresh_from_db()
        else:
            if not obj.is_editable:
                raise PermissionDenied
            obj.last_edited_by = request.user
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_search_text(form.instance)

    # --- workflow views -------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", wrap(self.preview_view), name="disclosure_notice_preview"),
            path("<int:pk>/submit/", wrap(self.submit_view), name="disclosure_notice_submit"),
            path("<int:pk>/publish/", wrap(self.publish_view), name="disclosure_notice_publish"),
            path("<int:pk>/return/", wrap(self.return_view), name="disclosure_notice_return"),
            path("<int:pk>/withdraw/", wrap(self.withdraw_view), name="disclosure_notice_withdraw"),
        ] + super().get_urls()

    def _notice(self, request, pk) -> Notice:
        notice = get_object_or_404(Notice.objects.select_related("category"), pk=pk)
        if not self.has_view_permission(request, notice):
            raise PermissionDenied
        return notice

    def _change_url(self, notice):
        return reverse("admin:disclosure_notice_change", args=[notice.pk])

    def preview_view(self, request, pk):
        """The public page as it will look, before publishing (never counted as a view)."""
        from .views import render_notice

        notice = get_object_or_404(
            Notice.objects.select_related("category", "category__parent").prefetch_related(
                "attachments", "corrections"
            ),
            pk=pk,
        )
        if not (self.has_view_permission(request, notice) and permissions.can_preview(request.user, notice)):
            raise PermissionDenied
        response = render_notice(request, notice, preview=True, count=notice.view_count)
        response["X-Robots-Tag"] = "noindex"
        return response

    def _step(self, request, pk, *, form_class, title, run, allowed):
        notice = self._notice(request, pk)
        if not allowed(request.user, notice):
            self.message_user(request, _("当前状态下不能执行此操作，或您没有相应权限。"), messages.ERROR)
            return redirect(self._change_url(notice))
        form = form_class(request.POST or None) if form_class else None
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                run(notice, form.cleaned_data if form else {})
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, _error_text(exc), messages.ERROR)
            else:
                self.message_user(request, _("已完成：%(title)s") % {"title": title}, messages.SUCCESS)
            return redirect(self._change_url(notice))
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "notice": notice,
            "form": form,
        }
        return TemplateResponse(request, "admin/disclosure/notice/workflow_step.html", ctx)

    def submit_view(self, request, pk):
        return self._step(
            request, pk, form_class=None, title=_("送审"), allowed=permissions.can_submit,
            run=lambda n, d: services.submit_notice(notice=n, by=request.user),
        )  # fmt: skip

    def publish_view(self, request, pk):
        return self._step(
            request, pk, form_class=PublishForm, title=_("审核发布"), allowed=permissions.can_publish,
            run=lambda n, d: services.publish_notice(notice=n, by=request.user, at=d.get("publish_at")),
        )  # fmt: skip

    def return_view(self, request, pk):
        return self._step(
            request, pk, form_class=ReturnForm, title=_("退回修改"), allowed=permissions.can_return,
            run=lambda n, d: services.return_notice(notice=n, by=request.user, comment=d["comment"]),
        )  # fmt: skip

    def withdraw_view(self, request, pk):
        return self._step(
            request, pk, form_class=WithdrawForm, title=_("撤回"), allowed=permissions.can_withdraw,
            run=lambda n, d: services.withdraw_notice(notice=n, by=request.user, reason=d["reason"]),
        )  # fmt: skip

    # --- bulk actions (same services, same rules) ---------------------------------------

    def _bulk(self, request, queryset, run, done_text):
        done, failed = 0, []
        for notice in queryset:
            try:
                with transaction.atomic():
                    run(notice)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                failed.append(f"{notice.title}：{_error_text(exc)}")
        if done:
            self.message_user(request, ngettext(done_text[0], done_text[1], done) % {"n": done}, messages.SUCCESS)
        for line in failed[:20]:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description=_("送审所选信息"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._bulk(
            request, queryset, lambda n: services.submit_notice(notice=n, by=request.user),
            ("已送审 %(n)d 条信息。", "已送审 %(n)d 条信息。"),
        )  # fmt: skip

    @admin.action(description=_("立即发布所选信息"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(
            request, queryset, lambda n: services.publish_notice(notice=n, by=request.user),
            ("已发布 %(n)d 条信息。", "已发布 %(n)d 条信息。"),
        )  # fmt: skip

    def has_submit_permission(self, request):
        return request.user.has_perm("disclosure.submit_notice")

    def has_publish_permission(self, request):
        return request.user.has_perm("disclosure.publish_notice")


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


class SanGongLineInline(admin.TabularInline):
    model = SanGongLine
    fields = ["category", "amount", "count", "people", "explanation"]
    extra = 4
    max_num = 4
    can_delete = False
    formfield_overrides = {}

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("widgets", {"explanation": forms.Textarea(attrs={"rows": 2, "cols": 40})})
        return super().get_formset(request, obj, **kwargs)


@admin.register(SanGongStatement)
class SanGongStatementAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "year", "stage", "status", "published_at"]
    list_filter = ["stage", "status"]
    readonly_fields = ["status", "published_at", "withdrawn_reason", "computed_changes"]
    fieldsets = [
        (None, {"fields": ["year", "stage", "note", "status", "published_at", "withdrawn_reason"]}),
        (_("与上年比较（保存后自动计算）"), {"fields": ["computed_changes"]}),
    ]
    inlines = [SanGongLineInline]
    actions = ["publish", "withdraw"]
    action_form = WithdrawActionForm

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("disclosure.publish_sangongstatement"):
            actions.pop("publish", None)
            actions.pop("withdraw", None)
        return actions

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

    @admin.action(description=_("撤回所选已发布的预决算（须填写原因）"))
    def withdraw(self, request, queryset):
        run_withdraw(self, request, queryset, withdraw_statement, "statement")

    @admin.action(description=_("发布所选预决算（检查变化原因）"))
    def publish(self, request, queryset):
        done = 0
        for statement in queryset:
            try:
                publish_statement(statement=statement, by=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{statement}：{'；'.join(exc.messages)}", messages.ERROR)
            except PermissionDenied:
                self.message_user(request, _("没有发布权限。"), messages.ERROR)
                return
        if done:
            self.message_user(request, ngettext("已发布 %d 份预决算。", "已发布 %d 份预决算。", done) % done)


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
