"""The back office of 互动交流: the 找错 queue, the 留言办理 queue, and the published replies' review."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from loudi_portal import work_queues
from loudi_portal.publishing_admin import PublishableAdmin

from . import reply_clock, services
from .models import ErrorReport, Message, PublishedReply


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


class MessageHandlingForm(forms.ModelForm):
    """The handler's page: the message is read-only; one answer or one refusal is written here."""

    answer_text = forms.CharField(
        label=_("答复内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("留言人凭编号和查询码可以看到。留言人同意公开的，保存后自动生成去除个人信息的公开稿并送审。"),
    )
    refuse_reason = forms.CharField(
        label=_("不予受理理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("仅在留言不属于咨询或建言（如信访、举报投诉、重复留言）时填写，理由会告知留言人。"),
    )

    class Meta:
        model = Message
        fields = []

    def clean(self):
        cleaned = super().clean()
        answer, refuse = (cleaned.get("answer_text") or "").strip(), (cleaned.get("refuse_reason") or "").strip()
        if self.instance.status == Message.Status.RECEIVED:
            if answer and refuse:
                raise forms.ValidationError(_("答复和不予受理只能选一项。"))
            if not answer and not refuse:
                raise forms.ValidationError(_("请填写答复内容，或写明不予受理的理由。"))
        return cleaned


class DueFilter(admin.SimpleListFilter):
    """The work queue's link: open messages due within 3 working days or already late."""

    title = _("答复期限")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("due", _("3 个工作日内到期或已逾期")), ("late", _("已超过承诺期限"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.open().filter(due_on__lte=work_queues.due_horizon(today))
        if self.value() == "late":
            return queryset.open().filter(due_on__lt=today)
        return queryset


@admin.register(Message)
class MessageAdmin(SimpleHistoryAdmin):
    form = MessageHandlingForm
    list_display = ["reference", "kind", "subject", "received_at", "due_on", "clock_state", "status"]
    list_filter = ["status", DueFilter, "kind"]
    search_fields = ["reference", "subject"]
    date_hierarchy = "received_at"
    list_select_related = ["replied_by"]
    readonly_fields = [
        "reference",
        "kind",
        "subject",
        "body",
        "name",
        "contact",
        "wants_reply",
        "agrees_to_publish",
        "received_at",
        "due_on",
        "limit_on",
        "clock_state",
        "status",
        "reply",
        "refusal_reason",
        "replied_at",
        "replied_by",
        "publication_link",
    ]
    fieldsets = [
        (_("留言"), {"fields": ["reference", "kind", "subject", "body", "received_at"]}),
        (_("留言人（个人信息，不公开）"), {"fields": ["name", "contact", "wants_reply", "agrees_to_publish"]}),
        (_("答复期限"), {"fields": ["due_on", "limit_on", "clock_state"]}),
        (
            _("办理"),
            {"fields": ["status", "reply", "refusal_reason", "replied_at", "replied_by", "publication_link"]},
        ),
        (_("答复"), {"fields": ["answer_text", "refuse_reason"]}),
    ]

    @admin.display(description=_("期限状态"))
    def clock_state(self, obj):
        if obj.pk is None:
            return "—"
        clock = reply_clock.ReplyClock(obj.received_on, obj.due_on, obj.limit_on, obj.due_is_provisional)
        replied = obj.replied_on if obj.status == Message.Status.ANSWERED else None
        if obj.status == Message.Status.NOT_ACCEPTED:
            return obj.get_status_display()
        return reply_clock.STATE_LABELS[clock.state(timezone.localdate(), replied)]

    @admin.display(description=_("公开稿"))
    def publication_link(self, obj):
        publication = PublishedReply.objects.filter(message=obj).first()
        if publication is None:
            return "—"
        url = reverse("admin:interact_publishedreply_change", args=[publication.pk])
        return format_html('<a href="{}">{}（{}）</a>', url, publication.title, publication.get_status_display())

    def get_fieldsets(self, request, obj=None):
        if obj is not None and obj.status != Message.Status.RECEIVED:
            return self.fieldsets[:-1]  # closed: nothing more to write
        return self.fieldsets

    def has_add_permission(self, request):
        return False  # messages come from the public form only

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.status == Message.Status.RECEIVED)

    def save_model(self, request, obj, form, change):
        answer = (form.cleaned_data.get("answer_text") or "").strip()
        refuse = (form.cleaned_data.get("refuse_reason") or "").strip()
        if answer:
            services.answer_message(message=obj, reply=answer, by=request.user)
        elif refuse:
            services.refuse_message(message=obj, reason=refuse, by=request.user)


@admin.register(PublishedReply)
class PublishedReplyAdmin(PublishableAdmin):
    list_display = ["title", "kind", "received_on", "replied_on", "status_label", "published_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "question", "answer"]
    readonly_fields = ["message_reference", "kind", "received_on", "replied_on"]
    fieldsets = [
        (None, {"fields": ["message_reference", "kind", "title", "question", "answer", "received_on", "replied_on"]}),
        (
            _("发布状态"),
            {"fields": ["status_label", "revision", "published_at", "review_comment", "withdrawal_reason"]},
        ),
    ]

    @admin.display(description=_("留言编号"))
    def message_reference(self, obj):
        return obj.message.reference if obj.pk else "—"

    def has_add_permission(self, request):
        return False  # drafted from an answered message (interact.services.draft_publication)
