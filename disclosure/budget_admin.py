from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .budget_models import SanGongLine, SanGongStatement
from .budget_services import (
    missing_explanations,
    previous_statement,
    publish_statement,
    statement_rows,
    withdraw_statement,
)
from .report_admin import WithdrawActionForm, run_withdraw


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
