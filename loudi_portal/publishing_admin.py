"""The back office of the publication lifecycle: one set of pages and actions for every public record.

`PublishableAdmin` is the base of every publishable model's admin. It gives the
record's page its workflow links (送审, 审核, 撤回, 提出更正), keeps published
records read-only, and serves one submit, review, withdraw and correction page
for all models; `CorrectionAdmin` is the reviewers' queue of corrections. All of
them call `loudi_portal.publishing`, so the rules hold whatever the model.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import modelform_factory
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import publishing, work_queues
from .models import Correction
from .publishing import Status

WORKFLOW_READONLY = [
    "status_label", "revision", "review_comment", "created_by", "last_edited_by", "submitted_by",
    "reviewed_by", "published_at", "withdrawn_at", "withdrawal_reason",
]  # fmt: skip


def error_text(exc) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    return str(exc) or str(_("没有权限执行此操作。"))


class ReviewForm(forms.Form):
    DECISIONS = [("publish", _("审核通过并发布")), ("return", _("退回修改"))]

    decision = forms.ChoiceField(label=_("审核结论"), choices=DECISIONS, widget=forms.RadioSelect, initial="publish")
    publish_at = forms.DateTimeField(
        label=_("定时发布时间"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("留空表示立即发布；只能填写将来的时间，到时自动公开。"),
    )
    comment = forms.CharField(
        label=_("修改意见"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("退回时必填，录入员会看到。"),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("退回时请写明修改意见。"))
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回原因（将公开）"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("公开显示在原网址上，例如：该处罚决定已被复议机关撤销。"),
    )


class CorrectionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("更正说明（将公开）"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("说明更正了什么、为什么更正；更正经其他审核员审核发布后生效。"),
    )
    submit_now = forms.BooleanField(label=_("同时送审"), required=False, initial=True)


def _values_table(record, names) -> list[tuple[str, str]]:
    meta = type(record)._meta
    rows = []
    for name in names:
        field = meta.get_field(name)
        display = getattr(record, f"get_{name}_display", None)
        value = display() if display else getattr(record, name)
        rows.append((str(field.verbose_name), "—" if value in (None, "") else str(value)))
    return rows


class WorkQueueFilter(admin.SimpleListFilter):
    """The home page's 待我审核 and 被退回 links land on the list filtered by this (per user)."""

    title = _("我的待办")
    parameter_name = work_queues.QUEUE_PARAMETER

    def lookups(self, request, model_admin):
        choices = []
        if request.user.has_perm(publishing._perm(model_admin.model, "publish")):
            choices.append(("review", _("待我审核")))
        if request.user.has_perm(publishing._perm(model_admin.model, "change")):
            choices.append(("returned", _("退回给我修改")))
        return choices

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.filter(pk__in=work_queues.reviewable_ids(queryset.model, request.user))
        if self.value() == "returned":
            return queryset.filter(pk__in=work_queues.returned_queryset(queryset.model, request.user).values("pk"))
        return queryset


class CorrectionQueueFilter(WorkQueueFilter):
    def lookups(self, request, model_admin):
        return [("review", _("待我审核"))]

    def queryset(self, request, queryset):
        if self.value() == "review":
            return queryset.filter(pk__in=work_queues.reviewable_correction_ids(request.user))
        return queryset


class PublishableAdmin(SimpleHistoryAdmin):
    """Drafts edited by editors; review, publication, withdrawal and corrections through `publishing`."""

    change_form_template = "admin/publishing/change_form.html"
    actions = ["submit_selected", "publish_selected"]

    # --- display -------------------------------------------------------------------------

    @admin.display(description=_("状态"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("已发布（定时：%(at)s）") % {"at": timezone.localtime(obj.published_at).strftime("%Y-%m-%d %H:%M")}
        return obj.get_status_display()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly + [f for f in WORKFLOW_READONLY if f not in readonly]

    def get_list_filter(self, request):
        return [WorkQueueFilter, *super().get_list_filter(request)]

    def public_url(self, obj) -> str | None:
        if not obj.is_public:
            return None
        try:
            return obj.get_absolute_url()
        except (AttributeError, NoReverseMatch):
            return None

    def workflow_links(self, request, obj) -> list[tuple[str, str]]:
        user, info = request.user, self._info()
        links = []
        if publishing.can_submit(user, obj):
            links.append((reverse(f"admin:{info}_submit", args=[obj.pk]), _("送审")))
        if publishing.can_review(user, obj):
            links.append((reverse(f"admin:{info}_review", args=[obj.pk]), _("审核")))
        if publishing.can_propose_correction(user, obj):
            links.append((reverse(f"admin:{info}_correct", args=[obj.pk]), _("提出更正")))
        if publishing.can_withdraw(user, obj):
            links.append((reverse(f"admin:{info}_withdraw", args=[obj.pk]), _("撤回")))
        url = self.public_url(obj)
        if url:
            links.append((url, _("查看公开页面")))
        return links

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {})}
        if obj is not None:
            extra_context["workflow_links"] = self.workflow_links(request, obj)
            extra_context["workflow_record"] = obj
            extra_context["record_corrections"] = list(obj.corrections().select_related("created_by"))
        return super().change_view(request, object_id, form_url, extra_context)

    # --- permissions ---------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return obj.status == Status.DRAFT  # published records are corrected, pending ones reviewed

    def has_delete_permission(self, request, obj=None):
        # Only never-published drafts, and only by a superuser.
        if obj is not None and (obj.published_at is not None or obj.status != Status.DRAFT):
            return False
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # would bypass the rule above
        return actions

    def has_submit_permission(self, request):
        return request.user.has_perm(publishing._perm(self.model, "submit"))

    def has_publish_permission(self, request):
        return request.user.has_perm(publishing._perm(self.model, "publish"))

    # --- saving --------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        publishing.mark_edited(obj, by=request.user)
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    # --- workflow pages ------------------------------------------------------------------

    def _info(self) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}"

    def get_urls(self):
        wrap, info = self.admin_site.admin_view, self._info()
        return [
            path("<int:pk>/submit/", wrap(self.submit_view), name=f"{info}_submit"),
            path("<int:pk>/review/", wrap(self.review_view), name=f"{info}_review"),
            path("<int:pk>/withdraw/", wrap(self.withdraw_view), name=f"{info}_withdraw"),
            path("<int:pk>/correct/", wrap(self.correct_view), name=f"{info}_correct"),
            path("publish-selected/", wrap(self.bulk_publish_view), name=f"{info}_bulk_publish"),
        ] + super().get_urls()

    def _record(self, request, pk):
        record = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, record):
            raise PermissionDenied
        return record

    def _change_url(self, record) -> str:
        return reverse(f"admin:{self._info()}_change", args=[record.pk])

    def _page(self, request, record, template, title, **ctx):
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "record": record,
            "change_url": self._change_url(record),
            "public_url": self.public_url(record),
            **ctx,
        }
        return TemplateResponse(request, f"admin/publishing/{template}", ctx)

    def _refused(self, request, record):
        self.message_user(request, _("当前状态下不能执行此操作，或您没有相应权限。"), messages.ERROR)
        return redirect(self._change_url(record))

    def review_summary(self, record) -> list[tuple[str, str]]:
        """The fields a reviewer checks before publishing (label, value)."""
        return _values_table(record, [f.name for f in type(record).correctable_fields()])

    def preview_url(self, record) -> str | None:
        """A page showing the record as the public will see it, when the model has one."""
        return None

    def submit_view(self, request, pk):
        record = self._record(request, pk)
        if not publishing.can_submit(request.user, record):
            return self._refused(request, record)
        if request.method == "POST":
            try:
                publishing.submit(record=record, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, error_text(exc), messages.ERROR)
            else:
                self.message_user(request, _("已送审，等待其他审核员审核。"), messages.SUCCESS)
            return redirect(self._change_url(record))
        return self._page(request, record, "step.html", _("送审"), form=None)

    def review_view(self, request, pk):
        record = self._record(request, pk)
        if not publishing.can_review(request.user, record):
            if record.status == Status.PENDING and request.user.pk in publishing.authors(record):
                self.message_user(
                    request, _("不能审核自己起草、修改或送审的内容，请由其他审核员审核。"), messages.ERROR
                )
                return redirect(self._change_url(record))
            return self._refused(request, record)
        form = ReviewForm(request.POST or None, initial={"revision": record.revision})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "return":
                    publishing.return_for_changes(record=record, by=request.user, comment=data["comment"])
                    done = _("已退回修改。")
                else:
                    publishing.publish(
                        record=record, by=request.user, revision=data["revision"], at=data.get("publish_at")
                    )
                    done = _("已发布。")
            except ValidationError as exc:
                if hasattr(exc, "error_dict") and "publish_at" in exc.error_dict:
                    form.add_error("publish_at", exc.error_dict["publish_at"])
                else:
                    form.add_error(None, error_text(exc))
            except PermissionDenied as exc:
                form.add_error(None, error_text(exc))
            else:
                self.message_user(request, done, messages.SUCCESS)
                return redirect(self._change_url(record))
        return self._page(
            request, record, "review.html", _("审核"), form=form,
            summary=self.review_summary(record), preview_url=self.preview_url(record),
        )  # fmt: skip

    def withdraw_view(self, request, pk):
        record = self._record(request, pk)
        if not publishing.can_withdraw(request.user, record):
            return self._refused(request, record)
        form = WithdrawForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                publishing.withdraw(record=record, by=request.user, reason=form.cleaned_data["reason"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, error_text(exc))
            else:
                self.message_user(request, _("已撤回，撤回原因将在公开页面显示。"), messages.SUCCESS)
                return redirect(self._change_url(record))
        return self._page(request, record, "step.html", _("撤回"), form=form)

    def correction_form_class(self, record):
        """A form of the record's correctable fields, plus one field per correctable child value."""
        names = [f.name for f in self.model.correctable_fields()]
        base = modelform_factory(self.model, form=getattr(self, "correction_form", forms.ModelForm), fields=names)
        children = publishing.child_fields(record)
        if not children:
            return base
        extra = {}
        for key, (child, field) in children.items():
            formfield = field.formfield()
            formfield.label = f"{child} · {field.verbose_name}"
            formfield.initial = field.value_from_object(child)
            extra[key] = formfield
        return type("CorrectionForm", (base,), extra)

    def correct_view(self, request, pk):
        record = self._record(request, pk)
        if not publishing.can_propose_correction(request.user, record):
            return self._refused(request, record)
        form_class = self.correction_form_class(record)
        form = form_class(request.POST or None, instance=type(record)._default_manager.get(pk=record.pk))
        note_form = CorrectionNoteForm(request.POST or None)
        if request.method == "POST" and form.is_valid() and note_form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
            try:
                with transaction.atomic():
                    correction = publishing.propose_correction(
                        record=record, by=request.user, note=note_form.cleaned_data["note"], changes=changes
                    )
                    if note_form.cleaned_data["submit_now"]:
                        publishing.submit_correction(correction=correction, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                note_form.add_error(None, error_text(exc))
            else:
                self.message_user(
                    request, _("已提出更正；经其他审核员审核发布后，公开页面才会改变。"), messages.SUCCESS
                )
                return redirect(reverse("admin:loudi_portal_correction_change", args=[correction.pk]))
        return self._page(request, record, "correct.html", _("提出更正"), form=form, note_form=note_form)

    # --- bulk actions (same services, same rules) ----------------------------------------

    @admin.action(description=_("送审所选记录"), permissions=["submit"])
    def submit_selected(self, request, queryset):
        done, failed = 0, []
        for record in queryset:
            try:
                publishing.submit(record=record, by=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                failed.append(f"{record}：{error_text(exc)}")
        if done:
            self.message_user(request, ngettext("已送审 %d 条记录。", "已送审 %d 条记录。", done) % done)
        for line in failed[:20]:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description=_("审核发布所选记录"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        """Show the selected records with their versions; publishing happens on that page."""
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True)[:500])
        return redirect(reverse(f"admin:{self._info()}_bulk_publish") + f"?ids={ids}")

    def bulk_publish_view(self, request):
        raw = request.POST.get("ids") or request.GET.get("ids") or ""
        ids = [int(x) for x in raw.split(",") if x.isdigit()][:500]
        records = list(self.get_queryset(request).filter(pk__in=ids))
        if request.method == "POST":
            done, failed = 0, []
            for record in records:
                seen = request.POST.get(f"rev-{record.pk}")
                try:
                    publishing.publish(record=record, by=request.user, revision=int(seen) if seen else None)
                    done += 1
                except (ValidationError, PermissionDenied, ValueError) as exc:
                    failed.append(f"{record}：{error_text(exc)}")
            if done:
                self.message_user(request, ngettext("已发布 %d 条记录。", "已发布 %d 条记录。", done) % done)
            for line in failed[:20]:
                self.message_user(request, line, messages.ERROR)
            return redirect(reverse(f"admin:{self._info()}_changelist"))
        rows = [(r, publishing.can_review(request.user, r)) for r in records]
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("审核发布所选记录"),
            "rows": rows,
            "ids": ",".join(str(r.pk) for r in records),
        }
        return TemplateResponse(request, "admin/publishing/bulk_publish.html", ctx)

    @admin.display(description=_("撤回"))
    def withdraw_link(self, obj):
        if obj.pk and obj.status == Status.PUBLISHED and obj.can_be_withdrawn:
            return format_html(
                '<a href="{}">{}</a>', reverse(f"admin:{self._info()}_withdraw", args=[obj.pk]), _("撤回并公开原因")
            )
        return "—"


@admin.register(Correction)
class CorrectionAdmin(SimpleHistoryAdmin):
    """The corrections of every published record: proposed by editors, published by another reviewer."""

    list_display = ["__str__", "content_type", "status", "created_by", "submitted_at", "published_at"]
    list_filter = [CorrectionQueueFilter, "status", "content_type"]
    search_fields = ["note"]
    list_select_related = ["content_type", "created_by"]
    readonly_fields = ["record_link", "status", "note", "change_table", "created_by", "submitted_by", "reviewed_by",
                       "review_comment", "published_at"]  # fmt: skip
    fields = readonly_fields
    change_form_template = "admin/publishing/correction_change_form.html"

    def has_add_permission(self, request):
        return False  # proposed from the record's own page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return request.user.is_staff and (request.user.is_superuser or request.user.groups.exists())
        return request.user.has_perm(publishing._perm(obj.content_type.model_class(), "view"))

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_queryset(self, request):
        """Only corrections of record types the user may read: the others' pages would be a 403
        (a request handler, who reads no notice, sees no notice's correction). One query more."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        readable = [
            ct.pk
            for ct in ContentType.objects.filter(pk__in=queryset.values("content_type"))
            if ct.model_class() is not None and request.user.has_perm(publishing._perm(ct.model_class(), "view"))
        ]
        return queryset.filter(content_type__in=readable)

    @admin.display(description=_("所更正的记录"))
    def record_link(self, obj):
        model = obj.content_type.model_class()
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.object_id])
        except NoReverseMatch:
            return str(obj.record)
        return format_html('<a href="{}">{}</a>', url, obj.record)

    @admin.display(description=_("更正内容"))
    def change_table(self, obj):
        model = obj.content_type.model_class()
        rows = format_html_join(
            "",
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            ((publishing.label_of(model, name), obj.previous.get(name, ""), after)
             for name, after in obj.changes.items()),
        )  # fmt: skip
        head = format_html(
            '<tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr>',
            _("字段"), _("更正前"), _("更正后"),
        )  # fmt: skip
        return format_html("<table>{}{}</table>", head, rows)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/submit/", wrap(self.submit_view), name="loudi_portal_correction_submit"),
            path("<int:pk>/review/", wrap(self.review_view), name="loudi_portal_correction_review"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        links = []
        if obj is not None:
            user = request.user
            if obj.status == Correction.Status.DRAFT and user.has_perm(publishing._perm(obj.record, "submit")):
                links.append((reverse("admin:loudi_portal_correction_submit", args=[obj.pk]), _("送审")))
            if publishing.can_review_correction(user, obj):
                links.append((reverse("admin:loudi_portal_correction_review", args=[obj.pk]), _("审核")))
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), "workflow_links": links})

    def _correction(self, request, pk):
        correction = get_object_or_404(Correction.objects.select_related("content_type"), pk=pk)
        if not self.has_view_permission(request, correction):
            raise PermissionDenied
        return correction

    def _back(self, correction):
        return redirect(reverse("admin:loudi_portal_correction_change", args=[correction.pk]))

    def _page(self, request, correction, title, form):
        ctx = {
            **self.admin_site.each_context(request),
            "opts": Correction._meta,
            "title": title,
            "record": correction,
            "change_url": reverse("admin:loudi_portal_correction_change", args=[correction.pk]),
            "summary": [(_("更正说明"), correction.note)],
            "change_table": self.change_table(correction),
            "form": form,
        }
        return TemplateResponse(request, "admin/publishing/review.html", ctx)

    def submit_view(self, request, pk):
        correction = self._correction(request, pk)
        if request.method == "POST":
            try:
                publishing.submit_correction(correction=correction, by=request.user)
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, error_text(exc), messages.ERROR)
            else:
                self.message_user(request, _("更正已送审。"), messages.SUCCESS)
            return self._back(correction)
        return self._page(request, correction, _("送审更正"), None)

    def review_view(self, request, pk):
        correction = self._correction(request, pk)
        if not publishing.can_review_correction(request.user, correction):
            self.message_user(request, _("当前状态下不能审核此更正，或这是您自己经办的更正。"), messages.ERROR)
            return self._back(correction)
        form = ReviewForm(request.POST or None, initial={"revision": correction.revision})
        form.fields.pop("publish_at")
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["decision"] == "return":
                    publishing.return_correction(correction=correction, by=request.user, comment=data["comment"])
                else:
                    publishing.publish_correction(correction=correction, by=request.user, revision=data["revision"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, error_text(exc))
            else:
                self.message_user(request, _("已完成审核。"), messages.SUCCESS)
                return self._back(correction)
        return self._page(request, correction, _("审核更正"), form)
