"""Back office for information requests: the request, its ledger, its computed clock.

Only request handlers (`inforequests.handle_inforequest`) and auditors see these
pages at all; handlers add ledger lines, nobody edits or deletes one.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from loudi_portal import tracking

from .clock import compute_clock
from .models import InfoRequest, RequestEvent
from .permissions import can_handle_requests, can_view_requests
from .public import due_requests
from .services import new_query_code, next_reference, record_event, validate_event


class RequestEventFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        events = list(self.instance.events.all()) if self.instance.pk else []
        for form in self.extra_forms:
            if not form.has_changed() or not form.cleaned_data:
                continue
            new = form.save(commit=False)
            new.request = self.instance
            try:
                validate_event(self.instance, events, new)
            except ValidationError as exc:
                form.add_error(None, exc)
                continue
            events.append(new)


class RequestEventInline(admin.TabularInline):
    model = RequestEvent
    formset = RequestEventFormSet
    fields = [
        "kind",
        "on",
        "channel",
        "extension_days",
        "approved_by",
        "applicant_told",
        "outcome",
        "note",
        "recorded_by",
    ]
    readonly_fields = ["recorded_by"]
    extra = 1
    max_num = 200
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return can_view_requests(request.user)

    def has_add_permission(self, request, obj=None):
        return can_handle_requests(request.user) and obj is not None

    def has_change_permission(self, request, obj=None):
        return False  # ledger lines are never edited

    def has_delete_permission(self, request, obj=None):
        return False


class DueFilter(admin.SimpleListFilter):
    """The home page's 依申请公开答复 deadline row lands here."""

    title = _("答复期限")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("due", _("3 个工作日内到期或已逾期"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.filter(pk__in=due_requests(timezone.localdate()).values("pk"))
        return queryset


@admin.register(InfoRequest)
class InfoRequestAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "applicant_kind", "status", "received_on", "due_on", "days_left", "handler", "outcome"]
    list_filter = [DueFilter, "status", "applicant_kind", "channel", "outcome"]
    search_fields = ["reference", "name"]
    date_hierarchy = "submitted_at"
    list_select_related = ["handler"]
    readonly_fields = [
        "reference",
        "submitted_at",
        "status",
        "received_on",
        "due_on",
        "due_is_provisional",
        "clock_explained",
        "closed_on",
        "outcome",
        "fee",
    ]
    fieldsets = [
        (_("申请"), {"fields": ["reference", "submitted_at", "channel", "handler"]}),
        (
            _("申请人（个人信息，仅承办人员和审计人员可见）"),
            {
                "fields": [
                    "applicant_kind",
                    "name",
                    "id_number",
                    "credit_code",
                    "contact_person",
                    "phone",
                    "email",
                    "address",
                    "postal_code",
                ]
            },
        ),
        (_("申请内容"), {"fields": ["description", "form", "delivery"]}),
        (
            _("办理期限（由办理记录自动计算）"),
            {
                "fields": [
                    "status",
                    "received_on",
                    "due_on",
                    "due_is_provisional",
                    "clock_explained",
                    "closed_on",
                    "outcome",
                    "fee",
                ]
            },
        ),
    ]
    inlines = [RequestEventInline]

    def has_module_permission(self, request):
        return can_view_requests(request.user)

    def has_view_permission(self, request, obj=None):
        return can_view_requests(request.user)

    def has_view_history_permission(self, request, obj=None):
        # A handler working a request reads how it got here (the group holds no history-model right).
        return can_view_requests(request.user)

    def has_add_permission(self, request):
        return can_handle_requests(request.user)

    def has_change_permission(self, request, obj=None):
        return can_handle_requests(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.display(description=_("剩余工作日"))
    def days_left(self, obj):
        from .clock import days_between

        if not obj.due_on or obj.closed_on:
            return "—"
        today = timezone.localdate()
        if today > obj.due_on:
            return _("已逾期 %(n)d 个工作日") % {"n": days_between(obj.due_on, today)}
        return days_between(today, obj.due_on)

    @admin.display(description=_("期限计算说明"))
    def clock_explained(self, obj):
        if not obj.pk:
            return "—"
        clock = compute_clock(list(obj.events.all()))
        return format_html_join("", "<div>{}</div>", ((line,) for line in clock.lines)) or "—"

    def save_model(self, request, obj, form, change):
        if not change:
            # Kept only as a hash; the code itself goes on the slip of response_add, once.
            obj.query_code = new_query_code()
            obj.submitted_at = timezone.now()
            obj.reference = next_reference(timezone.localdate().year)
            obj.query_code_hash = tracking.hash_query_code(obj.query_code)
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """Show the reference and query code in this response only (never in a message or the session)."""
        code = getattr(obj, "query_code", "")
        if not code:
            return super().response_add(request, obj, post_url_continue)
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("申请登记回执"),
            "info_request": obj,
            "query_code": code,
            "opts": self.opts,
        }
        response = TemplateResponse(request, "admin/inforequests/request_slip.html", ctx)
        add_never_cache_headers(response)
        return response

    def save_formset(self, request, form, formset, change):
        if formset.model is not RequestEvent:
            return super().save_formset(request, form, formset, change)
        for event_form in formset.extra_forms:
            if not event_form.has_changed():
                continue
            data = {k: v for k, v in event_form.cleaned_data.items() if k not in ("id", "request", "recorded_by")}
            kind, on = data.pop("kind"), data.pop("on")
            record_event(request=form.instance, by=request.user, kind=kind, on=on, **data)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
