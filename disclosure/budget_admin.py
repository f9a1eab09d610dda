from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .budget_models import SanGongLine, SanGongStatement
from .budget_services import publish_statement


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
    readonly_fields = ["status", "published_at", "withdrawn_reason"]
    fieldsets = [(None, {"fields": ["year", "stage", "note", "status", "published_at", "withdrawn_reason"]})]
    inlines = [SanGongLineInline]
    actions = ["publish"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("disclosure.publish_sangongstatement"):
            actions.pop("publish", None)
        return actions

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
