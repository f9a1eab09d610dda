"""Back office for the enforcement record. Draws change through services.py, publication through the shell's lifecycle."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from loudi_portal import publishing, work_queues
from loudi_portal.publishing import Status
from loudi_portal.publishing_admin import PublishableAdmin

from . import importer, permissions, publicity_period, services
from .models import (
    Closure,
    County,
    Draw,
    Enterprise,
    Hazard,
    Industry,
    Inspection,
    InspectionPlan,
    Inspector,
    Penalty,
    PenaltyCategory,
    RiskGrade,
)


def _errors_text(exc: ValidationError) -> str:
    return "；".join(str(m) for m in exc.messages)


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credit_code", "county", "industry", "risk_grade", "status"]
    list_filter = ["county", "industry", "risk_grade", "status"]
    search_fields = ["name", "credit_code"]
    change_list_template = "admin/enforcement/change_list_with_import.html"

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="enforcement_import"),
        ] + super().get_urls()

    def import_view(self, request):
        """Import enterprises, inspections or penalties from CSV/XLSX: all rows or none."""
        if not any(importer.can_import(request.user, kind) for kind in importer.ADD_PERMS):
            raise PermissionDenied
        form = importer.ImportForm(request.POST or None, request.FILES or None, user=request.user)
        report = None
        if request.method == "POST" and form.is_valid():
            kind = form.cleaned_data["kind"]
            if not importer.can_import(request.user, kind):
                raise PermissionDenied
            report = importer.run_import(kind=kind, upload=form.cleaned_data["file"], by=request.user)
            if report.ok:
                self.message_user(
                    request, ngettext("已导入 %d 行。", "已导入 %d 行。", report.created) % report.created
                )
                return redirect(request.path)
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("从 CSV 或 XLSX 导入"),
            "form": form,
            "report": report,
            "specs": importer.SPECS,
            "multipart": True,
            "opts": self.model._meta,
        }
        return render(request, "admin/enforcement/import.html", ctx)


@admin.register(Inspector)
class InspectorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cert_no", "unit", "is_active"]
    list_filter = ["is_active", "unit"]
    search_fields = ["name", "cert_no"]
    autocomplete_fields = ["conflicts"]


class PlanForm(forms.ModelForm):
    industries = forms.MultipleChoiceField(
        label=_("行业范围"), choices=Industry.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    counties = forms.MultipleChoiceField(
        label=_("地域范围"), choices=County.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    risk_grades = forms.MultipleChoiceField(
        label=_("风险等级范围"), choices=RiskGrade.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = InspectionPlan
        fields = [
            "year",
            "title",
            "lead_department",
            "joint_departments",
            "industries",
            "counties",
            "risk_grades",
            "enterprise_count",
            "inspectors_per_enterprise",
            "description",
        ]


class FreezeForm(forms.Form):
    public_source = forms.CharField(
        label=_("公开随机数来源"),
        max_length=300,
        help_text=_("写明一个尚未产生、将来公开的随机数，例如：2026年12月1日中国福利彩票“快乐8”开奖号码。"),
    )


class RunDrawForm(forms.Form):
    public_value = forms.CharField(
        label=_("公开随机数"),
        max_length=200,
        help_text=_(
            "写明开奖日期和开奖号码，例如：2026年3月2日 开奖号码 3、0、7。"
            "系统将其转为规范形式“来源|日期|号码”后再计算种子；开奖日期不得早于冻结日。"
        ),
    )


@admin.register(InspectionPlan)
class InspectionPlanAdmin(PublishableAdmin):
    form = PlanForm
    list_display = ["title", "year", "enterprise_count", "inspectors_per_enterprise", "status_label", "draw_link"]
    list_filter = ["year", "status"]
    search_fields = ["title", "joint_departments"]
    list_select_related = ["draw"]
    readonly_fields = ["status_label", "draw_link"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and Draw.objects.filter(plan=obj).exists():
            # Once frozen, the scope and sizes are part of the public commitment.
            readonly += list(PlanForm.Meta.fields)
        return readonly

    @admin.display(description=_("抽取"))
    def draw_link(self, obj):
        draw = getattr(obj, "draw", None) if obj.pk else None
        if draw is not None:
            return format_html(
                '<a href="{}">{}</a>',
                reverse("admin:enforcement_draw_change", args=[draw.pk]),
                draw.get_status_display(),
            )
        if obj.pk:
            url = reverse("admin:enforcement_inspectionplan_freeze", args=[obj.pk])
            return format_html('<a href="{}">{}</a>', url, _("冻结名单并公开承诺"))
        return "—"

    def get_urls(self):
        return [
            path(
                "<int:pk>/freeze/",
                self.admin_site.admin_view(self.freeze_view),
                name="enforcement_inspectionplan_freeze",
            ),
        ] + super().get_urls()

    def freeze_view(self, request, pk):
        plan = get_object_or_404(InspectionPlan, pk=pk)
        if not permissions.can_freeze(request.user):
            raise PermissionDenied
        form = FreezeForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                draw = services.freeze_plan(
                    plan=plan, public_source=form.cleaned_data["public_source"], by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, _errors_text(exc))
            else:
                self.message_user(request, _("名单已冻结，承诺值已公开。"))
                return redirect(reverse("admin:enforcement_draw_change", args=[draw.pk]))
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("冻结抽查名单：%(p)s") % {"p": plan},
            "form": form,
            "record": plan,
            "candidate_count": plan.candidates().count(),
            "opts": InspectionPlan._meta,
        }
        return render(request, "admin/enforcement/freeze.html", ctx)


@admin.register(Draw)
class DrawAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "status", "k", "m", "frozen_at", "drawn_at", "public_link"]
    list_filter = ["status"]
    search_fields = ["plan__title"]
    list_select_related = ["plan"]
    fields = [
        "plan",
        "status",
        "k",
        "m",
        "public_source",
        "commitment",
        "candidates_sha256",
        "inspectors_sha256",
        "conflicts_sha256",
        "public_value",
        "seed",
        "frozen_at",
        "frozen_by",
        "drawn_at",
        "drawn_by",
        "public_link",
        "run_link",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("公开页面"))
    def public_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("查看"))

    @admin.display(description=_("执行抽取"))
    def run_link(self, obj):
        if obj.is_drawn:
            return _("已抽取，不能重新抽取。")
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:enforcement_draw_run", args=[obj.pk]), _("录入公开随机数并抽取")
        )

    def get_urls(self):
        return [
            path("<int:pk>/run/", self.admin_site.admin_view(self.run_view), name="enforcement_draw_run"),
        ] + super().get_urls()

    def run_view(self, request, pk):
        draw = get_object_or_404(Draw.objects.select_related("plan"), pk=pk)
        if not permissions.can_run_draw(request.user):
            raise PermissionDenied
        form = RunDrawForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.run_draw(draw=draw, public_value=form.cleaned_data["public_value"], by=request.user)
            except ValidationError as exc:
                form.add_error(None, _errors_text(exc))
            else:
                self.message_user(request, _("抽取完成，结果与密钥已公开。"))
                return redirect(reverse("admin:enforcement_draw_change", args=[pk]))
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("执行抽取：%(p)s") % {"p": draw.plan},
            "form": form,
            "record": draw,
            "opts": Draw._meta,
        }
        return render(request, "admin/enforcement/run_draw.html", ctx)


class HazardForm(forms.ModelForm):
    class Meta:
        model = Hazard
        fields = [
            "description",
            "level",
            "responsible_person",
            "measures",
            "funds",
            "deadline",
            "rectification_status",
            "rectified_on",
        ]


class HazardInline(admin.StackedInline):
    model = Hazard
    form = HazardForm
    extra = 0


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["source", "plan", "action_name", "enterprise", "inspectors", "inspected_on", "result", "findings"]

    def clean(self):
        cleaned = super().clean()
        people = cleaned.get("inspectors")
        if people is not None and len(people) < 2:
            self.add_error("inspectors", _("每次检查至少 2 名检查人员。"))
        plan, enterprise = cleaned.get("plan"), cleaned.get("enterprise")
        draw = getattr(plan, "draw", None) if plan else None
        if people and enterprise and draw is not None and draw.is_drawn and cleaned.get("source") == "random":
            drawn = next(
                (row["inspectors"] for row in draw.selected if row["credit_code"] == enterprise.credit_code), None
            )
            if drawn is not None and sorted(p.cert_no for p in people) != sorted(drawn):
                self.add_error(
                    "inspectors", _("双随机抽查的检查人员须与抽取结果一致：%(c)s。") % {"c": "、".join(drawn)}
                )
        return cleaned


@admin.register(Inspection)
class InspectionAdmin(PublishableAdmin):
    form = InspectionForm
    list_display = ["inspected_on", "enterprise", "source", "result", "status_label"]
    list_filter = ["status", "source", "result", "enterprise__county"]
    search_fields = ["enterprise__name", "enterprise__credit_code", "action_name"]
    date_hierarchy = "inspected_on"
    list_select_related = ["enterprise"]
    autocomplete_fields = ["enterprise", "inspectors"]
    readonly_fields = ["status_label", "withdraw_link"]
    inlines = [HazardInline]

    def save_formset(self, request, form, formset, change):
        """Hazards entered on a draft inspection are drafts of their own, written by the same editor."""
        for hazard in formset.save(commit=False):
            if hazard.pk and hazard.status != Status.DRAFT:
                # A hazard already published or under review is corrected or reviewed on its own page.
                self.message_user(request, _("隐患“%(h)s”不是草稿，未作修改。") % {"h": hazard}, messages.WARNING)
                continue
            publishing.mark_edited(hazard, by=request.user)
            hazard._history_user = request.user
            hazard.save()
        for hazard in formset.deleted_objects:
            hazard.delete()
        formset.save_m2m()


class HazardOverdueFilter(admin.SimpleListFilter):
    title = _("整改期限")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("逾期未整改"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


@admin.register(Hazard)
class HazardAdmin(PublishableAdmin):
    form = HazardForm
    list_display = [
        "__str__",
        "enterprise_name",
        "level",
        "deadline",
        "rectification_status",
        "status_label",
        "overdue_flag",
    ]
    list_filter = [HazardOverdueFilter, "status", "level", "rectification_status"]
    readonly_fields = ["status_label", "withdraw_link"]
    search_fields = ["description", "inspection__enterprise__name"]
    list_select_related = ["inspection__enterprise"]

    @admin.display(description=_("企业"))
    def enterprise_name(self, obj):
        return obj.inspection.enterprise.name

    @admin.display(description=_("逾期"))
    def overdue_flag(self, obj):
        return _("逾期未整改") if obj.is_overdue else "—"

    def has_add_permission(self, request):
        # Hazards are recorded on their inspection (inline there).
        return False


class PublicationOverdueFilter(admin.SimpleListFilter):
    title = _("公示期限")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("超期未公示"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            cutoff = services.latest_overdue_decision_date(timezone.localdate())
            return queryset.filter(status=Status.DRAFT, decided_on__lte=cutoff)
        return queryset


class PenaltyDeadlineFilter(admin.SimpleListFilter):
    """The home page's penalty deadline rows land here (3 working days ahead, late included)."""

    title = _("待办期限")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("publish", _("待公示（3 个工作日内到期或已逾期）")), ("withdraw", _("公示期届满待撤回"))]

    def queryset(self, request, queryset):
        horizon = work_queues.due_horizon(timezone.localdate())
        if self.value() == "publish":
            return services.penalties_publication_due(queryset, horizon)
        if self.value() == "withdraw":
            return services.penalties_to_withdraw(queryset, horizon)
        return queryset


class PublicityPeriodFilter(admin.SimpleListFilter):
    title = _("公示期")
    parameter_name = "publicity"

    def lookups(self, request, model_admin):
        return [("current", _("公示中")), ("over", _("已过公示期（仅供审计）"))]

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.public()
        if self.value() == "over":
            return queryset.past_publicity_period()
        return queryset


class PenaltyForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("处罚类别"),
        choices=PenaltyCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("《行政处罚法》第九条规定的种类，可多选；主要处罚种类会自动包含在内。"),
    )


@admin.register(Penalty)
class PenaltyAdmin(PublishableAdmin):
    form = PenaltyForm
    list_display = [
        "decision_no",
        "party_name",
        "kind",
        "fine_amount",
        "decided_on",
        "severity",
        "publicity_ends_on",
        "publication_due",
        "status_label",
        "overdue_flag",
    ]
    list_filter = [
        PenaltyDeadlineFilter,
        PublicationOverdueFilter,
        PublicityPeriodFilter,
        "status",
        "severity",
        "kind",
        "party_kind",
    ]
    search_fields = ["decision_no", "party_name", "credit_code"]
    date_hierarchy = "decided_on"
    autocomplete_fields = ["enterprise"]
    readonly_fields = [
        "publication_due",
        "publicity_window",
        "amounts_in_wan",
        "publicity_lapsed_on",
        "status_label",
        "published_at",
        "withdrawal_reason",
        "withdraw_link",
    ]

    fieldsets = [
        (
            _("行政相对人"),
            {
                "fields": [
                    "party_kind",
                    "party_name",
                    "party_id_number",
                    "enterprise",
                    "credit_code",
                    "legal_representative",
                ]
            },
        ),
        (
            _("处罚决定"),
            {
                "fields": [
                    "decision_no",
                    "violation_type",
                    "violation",
                    "legal_basis",
                    "kind",
                    "categories",
                    "content",
                    "fine_amount",
                    "confiscation_amount",
                    "amounts_in_wan",
                    "licence_ref",
                    "decided_on",
                    "effective_until",
                ]
            },
        ),
        (
            _("公示期（《信用修复管理办法》）"),
            {"fields": ["severity", "publicity_ends_on", "publicity_window", "publicity_lapsed_on", "publication_due"]},
        ),
        (
            _("处罚机关与数据来源（双公示）"),
            {"fields": ["authority", "authority_code", "data_source", "data_source_code"]},
        ),
        (
            _("公示状态"),
            {
                "fields": [
                    "status_label",
                    "revision",
                    "review_comment",
                    "published_at",
                    "withdrawal_reason",
                    "withdraw_link",
                ]
            },
        ),
    ]

    @admin.display(description=_("万元数（双公示）"))
    def amounts_in_wan(self, obj):
        if not obj.pk:
            return "—"
        return _("罚款 %(fine)s 万元；没收 %(conf)s 万元") % {
            "fine": obj.fine_amount_wan,
            "conf": obj.confiscation_amount_wan,
        }

    @admin.display(description=_("公示期允许范围"))
    def publicity_window(self, obj):
        if not obj.decided_on:
            return "—"
        low = publicity_period.earliest_end(obj.severity, obj.decided_on)
        return f"{low.isoformat()} 至 {obj.publicity_maximum_on.isoformat()}"

    @admin.display(description=_("公示截止（7 个工作日）"))
    def publication_due(self, obj):
        return obj.publication_due_on if obj.decided_on else "—"

    @admin.display(description=_("超期"))
    def overdue_flag(self, obj):
        return (
            _("超期未公示")
            if obj.is_publication_overdue and obj.status == Status.DRAFT
            else (_("超期公示") if obj.is_publication_overdue else "—")
        )


@admin.register(Closure)
class ClosureAdmin(PublishableAdmin):
    list_display = ["name", "kind", "county", "closed_on", "status_label"]
    list_filter = ["status", "kind", "county"]
    search_fields = ["name", "address"]
    date_hierarchy = "closed_on"
    autocomplete_fields = ["enterprise"]
    readonly_fields = ["status_label", "withdraw_link"]
