import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Agency, Application, ApprovalResult, Service

YES_NO = [("true", _("是")), ("false", _("否"))]


class ServiceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("事项类型"), choices=Service.Kind.choices, empty_label=_("全部"))
    delegated = django_filters.ChoiceFilter(
        label=_("省级下放"), choices=YES_NO, empty_label=_("全部"), method="filter_delegated"
    )
    q = django_filters.CharFilter(
        label=_("关键词"), method="filter_q", max_length=100, widget=forms.TextInput(attrs={"type": "search"})
    )

    class Meta:
        model = Service
        fields = ["kind", "delegated", "q"]

    def filter_delegated(self, queryset, name, value):
        return queryset.filter(is_delegated=(value == "true"))

    def filter_q(self, queryset, name, value):
        # The fields the site search matches, so that its 查看全部 link lists every match.
        return queryset.filter(
            Q(name__icontains=value)
            | Q(code__icontains=value)
            | Q(summary__icontains=value)
            | Q(conditions__icontains=value)
        )


class ResultFilter(django_filters.FilterSet):
    service = django_filters.ModelChoiceFilter(
        label=_("事项"),
        # A callable: published() reads the clock, so it is built per request, not at import.
        queryset=lambda request: Service.objects.published(),
        to_field_name="code",
        empty_label=_("全部"),
    )
    decision = django_filters.ChoiceFilter(
        label=_("决定"),
        choices=[(Application.Decision.GRANTED, _("准予许可")), (Application.Decision.REFUSED, _("不予许可"))],
        empty_label=_("全部"),
    )
    decided_from = django_filters.DateFilter(
        label=_("决定日期自"),
        field_name="decision_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    decided_to = django_filters.DateFilter(
        label=_("决定日期至"),
        field_name="decision_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = django_filters.CharFilter(
        label=_("单位名称、信用代码或证书编号"),
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = ApprovalResult
        fields = ["service", "decision", "decided_from", "decided_to", "q"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(enterprise_name__icontains=value)
            | Q(credit_code__iexact=value)
            | Q(licence_number__icontains=value)
            | Q(decision_number__icontains=value)
            | Q(reference__iexact=value)
            | Q(service__name__icontains=value)  # as the site search matches, so its 查看全部 link lists them all
        )


class AgencyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("机构类别"), choices=Agency.Kind.choices, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(
        label=_("资质状态"),
        choices=[
            ("valid", _("有效")),
            ("expired", _("已过期")),
            *[c for c in Agency.QualificationStatus.choices if c[0] != "normal"],
        ],
        empty_label=_("全部"),
        method="filter_status",
    )
    q = django_filters.CharFilter(
        label=_("机构名称或证书编号"),
        method="filter_q",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = Agency
        fields = ["kind", "status", "q"]

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def filter_status(self, queryset, name, value):
        if value == "valid":
            return queryset.filter(qualification_status=Agency.QualificationStatus.NORMAL, valid_until__gte=self.today)
        if value == "expired":
            return queryset.filter(qualification_status=Agency.QualificationStatus.NORMAL, valid_until__lt=self.today)
        return queryset.filter(qualification_status=value)

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(qualification_number__icontains=value))
