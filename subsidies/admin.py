"""Back office of the closure subsidy ledger.

- Schemes: editable until their year has payments; then read-only, and 发布更正版本
  (a form that asks for the reason) creates the next version through the service.
- Closures: kept by editors; never deleted.
- Payments: add-only. The add form records a tranche or a reversal through
  `subsidies.services`; nobody can change or delete a row here.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from loudi_portal.publishing_admin import PublishableAdmin

from .models import MONEY, County, MineClosure, PaymentItem, SubsidyPayment, SubsidyQuota, SubsidyScheme
from .permissions import can_correct_scheme
from .services import correct_scheme, record_payment, reverse_payment


def _scheme_locked(scheme) -> bool:
    return scheme is not None and scheme.pk is not None and (not scheme.is_current or scheme.has_payments())


class SubsidyQuotaInline(admin.TabularInline):
    model = SubsidyQuota
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _scheme_locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _scheme_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _scheme_locked(obj) and super().has_delete_permission(request, obj)


class SchemeCorrectionForm(forms.Form):
    reason = forms.CharField(label=_("更正原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    title = forms.CharField(label=_("方案名称"), max_length=200)
    basis_number = forms.CharField(label=_("依据文号"), max_length=100)
    basis_url = forms.URLField(label=_("依据文件链接"), required=False, assume_scheme="https")
    outburst_subsidy = forms.DecimalField(label=_("突出矿井奖补标准（元/处）"), min_value=0, **MONEY)
    non_outburst_subsidy = forms.DecimalField(label=_("非突出矿井奖补标准（元/处）"), min_value=0, **MONEY)
    over_quota_reward = forms.DecimalField(label=_("超任务关闭奖励（元/处）"), min_value=0, **MONEY)
    over_quota_working_funds = forms.DecimalField(label=_("超任务关闭工作经费（元/处）"), min_value=0, **MONEY)

    def __init__(self, *args, quotas=None, **kwargs):
        super().__init__(*args, **kwargs)
        for county in County:
            self.fields[f"quota_{county.value}"] = forms.IntegerField(
                label=_("%(county)s关闭任务数") % {"county": county.label},
                min_value=0,
                max_value=1000,
                required=False,
                initial=(quotas or {}).get(county.value),
                help_text=_("留空表示未下达任务。"),
            )

    def quotas(self) -> dict:
        return {
            county.value: self.cleaned_data[f"quota_{county.value}"]
            for county in County
            if self.cleaned_data.get(f"quota_{county.value}") is not None
        }


@admin.register(SubsidyScheme)
class SubsidySchemeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "year", "version", "basis_number", "is_current_display"]
    list_filter = ["year"]
    search_fields = ["title", "basis_number"]
    readonly_fields = ["version", "replaces", "correction_reason", "correction_link"]
    fieldsets = [
        (None, {"fields": ["year", "title", "basis_number", "basis_url"]}),
        (
            _("奖补标准"),
            {
                "fields": [
                    "outburst_subsidy",
                    "non_outburst_subsidy",
                    "over_quota_reward",
                    "over_quota_working_funds",
                ]
            },
        ),
        (_("版本"), {"fields": ["version", "replaces", "correction_reason", "correction_link"]}),
    ]
    inlines = [SubsidyQuotaInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        # `is_current` reads the reverse one-to-one: fetch it with the rows.
        return super().get_queryset(request).select_related("replaced_by")

    @admin.display(description=_("现行版本"), boolean=True)
    def is_current_display(self, obj):
        return obj.is_current

    @admin.display(description=_("更正"))
    def correction_link(self, obj):
        if obj is None or obj.pk is None or not obj.is_current:
            return "—"
        url = reverse("admin:subsidies_subsidyscheme_correct", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("发布更正版本"))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if _scheme_locked(obj):
            readonly += list(SubsidyScheme.STANDARD_FIELDS)
        return readonly

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/correct/",
                self.admin_site.admin_view(self.correct_view),
                name="subsidies_subsidyscheme_correct",
            )
        ]
        return extra + super().get_urls()

    def correct_view(self, request, pk):
        """Ask for the reason and the corrected figures, then publish the next version."""
        scheme = get_object_or_404(SubsidyScheme, pk=pk)
        if not can_correct_scheme(request.user):
            raise PermissionDenied
        quotas = dict(scheme.quotas.values_list("county", "quota"))
        initial = {
            f: getattr(scheme, f) for f in ["title", "basis_number", "basis_url", *SubsidyScheme.STANDARD_FIELDS]
        }
        form = SchemeCorrectionForm(request.POST or None, initial=initial, quotas=quotas)
        if request.method == "POST" and form.is_valid():
            changes = {k: v for k, v in form.cleaned_data.items() if k in initial and k != "year"}
            try:
                new = correct_scheme(
                    scheme=scheme, reason=form.cleaned_data["reason"], by=request.user, quotas=form.quotas(), **changes
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                self.message_user(request, _("已发布第 %(v)s 版。") % {"v": new.version}, messages.SUCCESS)
                return redirect("admin:subsidies_subsidyscheme_change", new.pk)
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("发布更正版本：%(s)s") % {"s": scheme},
            "form": form,
            "scheme": scheme,
            "opts": self.model._meta,
        }
        return render(request, "subsidies/admin_scheme_correct.html", ctx)


@admin.register(MineClosure)
class MineClosureAdmin(PublishableAdmin):
    list_display = ["mine_name", "county", "mine_type", "closed_on", "accepted_on", "scheme", "status_label"]
    list_filter = ["status", "county", "mine_type", "scheme__year"]
    search_fields = ["mine_name", "enterprise_name", "enterprise_credit_code", "decision_no"]
    date_hierarchy = "closed_on"
    list_select_related = ["scheme"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "scheme":
            kwargs["queryset"] = SubsidyScheme.objects.current()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PaymentEntryForm(forms.ModelForm):
    """One new ledger entry: a tranche, or (when 冲正的原记录 is chosen) its reversal.

    The entry is written by the service during validation, inside the admin
    view's transaction, so every refusal (over-entitlement, duplicate voucher,
    missing reason) comes back as a form error and nothing is half-saved.
    """

    user = None  # set by the admin for each request

    class Meta:
        model = SubsidyPayment
        fields = [
            "item",
            "closure",
            "county",
            "year",
            "amount",
            "paid_on",
            "funding_level",
            "voucher_no",
            "note",
            "justification",
            "reverses",
            "reversal_reason",
        ]
        help_texts = {
            "county": _("县级奖励和工作经费必填；矿井奖补资金按煤矿所在县市区自动填写。"),
            "year": _("县级奖励和工作经费必填；矿井奖补资金按煤矿的方案年度自动填写。"),
            "reverses": _("冲正时选择要撤销的原记录，并填写冲正原因；金额等其余内容自动取原记录。"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "reverses" in self.fields:  # absent on the read-only view of an existing entry
            self.fields["reverses"].queryset = SubsidyPayment.objects.filter(
                reverses__isnull=True, reversed_by__isnull=True
            ).order_by("-paid_on", "-id")
        for name in ["item", "county", "year", "amount", "paid_on", "funding_level"]:
            if name in self.fields:
                self.fields[name].required = False

    def _post_clean(self):
        if self.errors:
            return
        data = self.cleaned_data
        try:
            with transaction.atomic():
                if data.get("reverses"):
                    self.instance = reverse_payment(
                        payment=data["reverses"],
                        reason=data.get("reversal_reason", ""),
                        by=self.user,
                        voucher_no=data.get("voucher_no", ""),
                        paid_on=data.get("paid_on"),
                    )
                else:
                    missing = [n for n in ["item", "amount", "paid_on", "funding_level"] if not data.get(n)]
                    if missing:
                        for name in missing:
                            self.add_error(name, _("请填写此项。"))
                        return
                    self.instance = record_payment(
                        item=data["item"],
                        closure=data.get("closure") if data["item"] == PaymentItem.SUBSIDY else None,
                        county=data.get("county") or None,
                        year=data.get("year"),
                        amount=data["amount"],
                        paid_on=data["paid_on"],
                        funding_level=data["funding_level"],
                        voucher_no=data.get("voucher_no", ""),
                        note=data.get("note", ""),
                        justification=data.get("justification", ""),
                        by=self.user,
                    )
        except ValidationError as exc:
            self.add_error(None, exc)
        except PermissionDenied:
            self.add_error(None, _("您没有登记拨付的权限。"))


@admin.register(SubsidyPayment)
class SubsidyPaymentAdmin(SimpleHistoryAdmin):
    list_display = ["voucher_no", "paid_on", "item", "payee_display", "county", "amount", "funding_level", "reverses"]
    list_filter = ["year", "county", "item", "funding_level"]
    search_fields = ["voucher_no", "closure__mine_name", "closure__enterprise_name", "note"]
    date_hierarchy = "paid_on"
    list_select_related = ["closure", "reverses"]
    autocomplete_fields = ["closure"]
    form = PaymentEntryForm

    @admin.display(description=_("收款单位"))
    def payee_display(self, obj):
        return obj.payee

    def get_fields(self, request, obj=None):
        fields = list(PaymentEntryForm.Meta.fields)
        if obj is not None:
            fields += ["justified_by", "recorded_by", "recorded_at"]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, **kwargs)
        form = super().get_form(request, obj, **kwargs)
        return type("PaymentEntryFormForUser", (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        # The service already wrote the entry during validation (see PaymentEntryForm).
        if obj.pk is None:
            raise PermissionDenied

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
