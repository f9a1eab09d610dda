from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from loudi_portal import rich_text, tracking, work_queues
from loudi_portal.publishing import Status
from loudi_portal.publishing_admin import PublishableAdmin

from . import services
from .forms import ServiceForm
from .models import (
    Agency,
    Application,
    ApprovalResult,
    Intermediary,
    Material,
    Pause,
    Service,
    SpecialStep,
    Step,
    SupervisionRecord,
)

# The lifecycle's fields shown on every publishable change page (read-only, set by `publishing`).
WORKFLOW_FIELDSET = (
    _("发布状态"),
    {"fields": ["status_label", "revision", "published_at", "review_comment", "withdrawal_reason"]},
)


class DraftOnlyInline(admin.TabularInline):
    """Rows of a guide: edited with it while it is a draft; a published guide changes by a correction."""

    extra = 0

    def _draft(self, obj) -> bool:
        return obj is None or obj.status == Status.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


class MaterialInline(DraftOnlyInline):
    model = Material
    fields = ["position", "name", "is_required", "form", "copies", "template", "not_needed_reason", "note"]


class StepInline(DraftOnlyInline):
    model = Step
    fields = ["position", "name", "description", "responsible", "limit_days"]


class IntermediaryInline(DraftOnlyInline):
    model = Intermediary
    fields = ["position", "name", "is_required", "provider", "legal_basis"]


class SpecialStepInline(DraftOnlyInline):
    model = SpecialStep
    fields = ["position", "name", "limit_days", "legal_basis", "counts_toward_limit"]


@admin.register(Service)
class ServiceAdmin(PublishableAdmin):
    form = ServiceForm
    list_display = [
        "code",
        "name",
        "kind",
        "is_delegated",
        "statutory_limit_days",
        "committed_limit_days",
        "status_label",
        "version",
    ]
    list_filter = ["kind", "is_delegated", "status"]
    search_fields = ["code", "name"]
    fieldsets = [
        WORKFLOW_FIELDSET,
        (None, {"fields": ["code", "name", "kind", "is_delegated", "position"]}),
        (_("事项编码与办件类型"), {"fields": ["basic_code", "implementation_code", "handling_type", "onsite_visits"]}),
        (_("办事指南"), {"fields": ["summary", "legal_basis", "conditions", "applicants", "result_name"]}),
        (_("时限与收费"), {"fields": ["statutory_limit_days", "committed_limit_days", "fee_yuan", "fee_basis"]}),
        (
            _("办理渠道"),
            {
                "fields": [
                    "where_to_apply",
                    "how_to_apply",
                    "office_hours",
                    "department",
                    "enquiry_phone",
                    "complaint_phone",
                    "online_url",
                ]
            },
        ),
        (_("版本"), {"fields": ["version", "revised_on", "change_note"]}),
    ]
    inlines = [MaterialInline, StepInline, IntermediaryInline, SpecialStepInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        rich_text.warn_removed(request, form)


class PauseFormSet(BaseInlineFormSet):
    """The pause rules of services.pause/resume, for edits made in the back office."""

    def clean(self):
        super().clean()
        periods = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("starts_on"):
                continue
            periods.append((data["starts_on"], data.get("ends_on")))
        accepted_on = self.instance.accepted_on
        if accepted_on and any(start <= accepted_on for start, _end in periods):
            raise ValidationError(_("暂停只能从受理次日起。"))
        if sum(1 for _start, end in periods if end is None) > 1:
            raise ValidationError(_("同一时间只能有一个正在进行的暂停。"))
        if self.instance.decision and any(end is None for _start, end in periods):
            raise ValidationError(_("已作出决定的申请不能有未结束的暂停。"))
        ordered = sorted(periods, key=lambda p: p[0])
        for (_s1, e1), (s2, _e2) in zip(ordered, ordered[1:], strict=False):
            if e1 is None or e1 >= s2:
                raise ValidationError(_("暂停期间不得重叠。"))


class PauseInline(admin.TabularInline):
    model = Pause
    formset = PauseFormSet
    extra = 0
    fields = ["kind", "reason", "starts_on", "ends_on"]


DECISION_FIELDS = (
    "decision",
    "decision_on",
    "decision_number",
    "decision_reason",
    "licence_number",
    "licence_valid_from",
    "licence_valid_until",
)


class DueFilter(admin.SimpleListFilter):
    title = _("期限")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("soon", _("3 日内到期")),
            ("late", _("已逾期（承诺时限）")),
            ("paused", _("暂停计时中")),
            ("open", _("办理中")),
            ("due", _("3 个工作日内到期或已逾期")),
            ("result_due", _("结果待公示（3 个工作日内到期或已逾期）")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        value = self.value()
        if value == "soon":
            return queryset.open().filter(committed_due_on__gte=today, committed_due_on__lte=today + timedelta(days=3))
        if value == "late":
            return queryset.late(today)
        if value == "paused":
            return queryset.open().filter(committed_due_on__isnull=True)
        if value == "open":
            return queryset.open()
        if value == "unpublished":
            return services.results_due(queryset, today - timedelta(days=1))
        if value == "due":
            return queryset.open().filter(committed_due_on__lte=work_queues.due_horizon(today))
        if value == "result_due":
            return services.results_due(queryset, work_queues.due_horizon(today))
        return queryset


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "service",
        "enterprise_name",
        "stage",
        "accepted_on",
        "committed_due_on",
        "statutory_due_on",
        "due_label",
        "decision",
        "result_label",
    ]
    list_select_related = ["service", "result"]
    list_filter = [DueFilter, "stage", "decision", "service"]
    search_fields = ["reference", "enterprise_name", "credit_code", "licence_number"]
    date_hierarchy = "accepted_on"
    list_select_related = ["service"]
    readonly_fields = [
        "result_label",
        "reference",
        "statutory_limit_days",
        "committed_limit_days",
        "stage",
        "committed_due_on",
        "statutory_due_on",
        "due_is_provisional",
        "working_days_taken",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "service",
                    "enterprise_name",
                    "credit_code",
                    "contact_name",
                    "contact_phone",
                ]
            },
        ),
        (
            _("办理过程"),
            {
                "fields": [
                    "received_on",
                    "accepted_on",
                    "review_started_on",
                    "stage",
                    "statutory_limit_days",
                    "committed_limit_days",
                ]
            },
        ),
        (_("期限"), {"fields": ["committed_due_on", "statutory_due_on", "due_is_provisional", "working_days_taken"]}),
        (
            _("延期（仅限一次）"),
            {
                "fields": [
                    "extension_days",
                    "extension_reason",
                    "extension_approved_by",
                    "extension_approved_on",
                    "extension_notified_on",
                ]
            },
        ),
        (
            _("决定与办结"),
            {
                "fields": [
                    "decision",
                    "decision_on",
                    "decision_number",
                    "decision_reason",
                    "licence_number",
                    "licence_valid_from",
                    "licence_valid_until",
                    "completed_on",
                ]
            },
        ),
        (_("结果公示（双公示）"), {"fields": ["result_label"]}),
    ]
    inlines = [PauseInline]

    @admin.display(description=_("结果公示"))
    def result_label(self, obj):
        result = getattr(obj, "result", None) if obj and obj.pk else None
        if result is None:
            return "—"
        url = reverse("admin:approvals_approvalresult_change", args=[result.pk])
        return format_html('<a href="{}">{}</a>', url, result.get_status_display())

    @admin.display(description=_("期限状态"))
    def due_label(self, obj):
        labels = {"done": "已办结（按期）", "late": "逾期", "soon": "即将到期", "ok": "正常", "paused": "暂停计时"}
        return labels[obj.due_state()]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["service", "credit_code", "accepted_on", "received_on"]
            if obj.result_is_public:
                # The published result changes only through its own correction.
                fields += [*DECISION_FIELDS]
            if obj.extension_days:
                # The one extension is final once recorded.
                fields += ["extension_days", "extension_approved_on"]
        return fields

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        late = Application.objects.open().filter(committed_due_on__lt=today).count()
        soon = (
            Application.objects.open()
            .filter(committed_due_on__gte=today, committed_due_on__lte=today + timedelta(days=3))
            .count()
        )
        if late:
            messages.error(
                request, ngettext("%(n)d 件申请已超过承诺时限。", "%(n)d 件申请已超过承诺时限。", late) % {"n": late}
            )
        if soon:
            messages.warning(
                request, ngettext("%(n)d 件申请将在 3 日内到期。", "%(n)d 件申请将在 3 日内到期。", soon) % {"n": soon}
            )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.statutory_limit_days = obj.service.statutory_limit_days
            obj.committed_limit_days = obj.service.committed_limit_days
            # Kept only as a hash; the code itself goes on the slip of response_add, once.
            obj.query_code = services.new_query_code()
            obj.query_code_hash = tracking.hash_query_code(obj.query_code)
            obj.reference = services.next_reference(obj.accepted_on.year)
        obj.sync_stage()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """Show the acceptance slip with the query code, in this response only (never stored, never again).

        Rendered in the POST's own response with `Cache-Control: no-store`, not
        redirected to through the session or a message (both would keep the code).
        """
        code = getattr(obj, "query_code", "")
        if not code:
            return super().response_add(request, obj, post_url_continue)
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("受理回执"),
            "application": obj,
            "query_code": code,
            "opts": self.opts,
        }
        response = TemplateResponse(request, "admin/approvals/acceptance_slip.html", ctx)
        add_never_cache_headers(response)
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Deadlines depend on the pauses just saved.
        obj = form.instance
        services.refresh_deadlines(obj)
        obj.save()
        # A decision entered here gets its 双公示 result draft, as services.decide gives one.
        result = ApprovalResult.objects.filter(application=obj).first()
        if obj.decision and (result is None or result.status == Status.DRAFT):
            services.draft_result(application=obj, by=request.user)


class SupervisionInline(admin.TabularInline):
    model = SupervisionRecord
    extra = 0
    fields = ["checked_on", "kind", "findings", "outcome", "is_published"]


@admin.register(Agency)
class AgencyAdmin(PublishableAdmin):
    list_display = [
        "name",
        "kind",
        "qualification_number",
        "valid_until",
        "qualification_status",
        "expired",
        "status_label",
    ]
    list_filter = ["kind", "qualification_status", "status"]
    search_fields = ["name", "credit_code", "qualification_number"]
    inlines = [SupervisionInline]

    @admin.display(description=_("已过期"), boolean=True)
    def expired(self, obj):
        return obj.is_expired()


@admin.register(ApprovalResult)
class ApprovalResultAdmin(PublishableAdmin):
    """双公示 results: drafted from the decision, submitted by an editor, published by another reviewer."""

    list_display = [
        "reference",
        "enterprise_name",
        "service",
        "decision",
        "decision_on",
        "status_label",
        "published_at",
    ]
    list_filter = ["status", "decision", "service"]
    search_fields = ["reference", "enterprise_name", "credit_code", "licence_number", "decision_number"]
    list_select_related = ["service"]
    readonly_fields = ["reference"]
    fieldsets = [
        WORKFLOW_FIELDSET,
        (
            _("公示内容"),
            {
                "fields": [
                    "reference",
                    "service",
                    "enterprise_name",
                    "credit_code",
                    "decision",
                    "decision_on",
                    "decision_number",
                    "licence_category",
                    "certificate_name",
                    "licence_number",
                    "licence_valid_from",
                    "licence_valid_until",
                    "licence_state",
                    "decision_reason",
                ]
            },
        ),
        (
            _("许可机关与数据来源（双公示）"),
            {"fields": ["authority", "authority_code", "data_source", "data_source_code"]},
        ),
    ]

    def has_add_permission(self, request):
        return False  # a result is drafted from its application's decision
