"""One FilterSet per public register; each starts from the rows the public may see."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import (
    ClosureKind,
    County,
    EnterpriseStatus,
    HazardLevel,
    HazardStatus,
    Industry,
    InspectionResult,
    InspectionSource,
    PenaltyKind,
    RiskGrade,
)

Q_MAX = 100


class KeywordFilter(django_filters.CharFilter):
    """A free-text box over several fields (icontains); overlong input is refused by the form."""

    def __init__(self, *args, fields=(), **kwargs):
        self.search_fields = fields
        kwargs.setdefault("label", _("关键词"))
        kwargs.setdefault("max_length", Q_MAX)
        super().__init__(*args, method=self.search, **kwargs)

    def search(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)


class YearFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("年度"))
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)


class EnterpriseFilter(django_filters.FilterSet):
    q = KeywordFilter(fields=("name", "credit_code", "address"))
    county = django_filters.ChoiceFilter(label=_("县市区"), choices=County.choices, empty_label=_("全部"))
    industry = django_filters.ChoiceFilter(label=_("行业领域"), choices=Industry.choices, empty_label=_("全部"))
    risk_grade = django_filters.ChoiceFilter(label=_("风险等级"), choices=RiskGrade.choices, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(label=_("经营状态"), choices=EnterpriseStatus.choices, empty_label=_("全部"))


class InspectorFilter(django_filters.FilterSet):
    q = KeywordFilter(fields=("name", "cert_no", "unit"))
    is_active = django_filters.BooleanFilter(
        label=_("在岗"),
        widget=forms.Select(choices=[("", _("全部")), ("true", _("在岗")), ("false", _("不在岗"))]),
    )


class PlanFilter(django_filters.FilterSet):
    q = KeywordFilter(fields=("title", "joint_departments", "lead_department"))
    year = YearFilter(field_name="year")


class InspectionFilter(django_filters.FilterSet):
    q = KeywordFilter(fields=("enterprise__name", "enterprise__credit_code", "action_name", "findings"))
    source = django_filters.ChoiceFilter(label=_("检查来源"), choices=InspectionSource.choices, empty_label=_("全部"))
    result = django_filters.ChoiceFilter(label=_("检查结果"), choices=InspectionResult.choices, empty_label=_("全部"))
    county = django_filters.ChoiceFilter(
        field_name="enterprise__county", label=_("县市区"), choices=County.choices, empty_label=_("全部")
    )
    year = YearFilter(field_name="inspected_on__year")


class HazardFilter(django_filters.FilterSet):
    q = KeywordFilter(fields=("description", "inspection__enterprise__name"))
    level = django_filters.ChoiceFilter(label=_("隐患等级"), choices=HazardLevel.choices, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(
        field_name="rectification_status", label=_("整改状态"), choices=HazardStatus.choices, empty_label=_("全部")
    )
    overdue = django_filters.BooleanFilter(
        label=_("逾期未整改"),
        method="filter_overdue",
        widget=forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]),
    )
    county = django_filters.ChoiceFilter(
        field_name="inspection__enterprise__county", label=_("县市区"), choices=County.choices, empty_label=_("全部")
    )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class PenaltyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), max_length=Q_MAX, method="search")
    kind = django_filters.ChoiceFilter(label=_("处罚种类"), choices=PenaltyKind.choices, empty_label=_("全部"))
    year = YearFilter(field_name="decided_on__year")

    def search(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        return queryset.matching(value)


class ClosureFilter(django_filters.FilterSet):
    q = KeywordFilter(fields=("name", "address", "basis"))
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=ClosureKind.choices, empty_label=_("全部"))
    county = django_filters.ChoiceFilter(label=_("县市区"), choices=County.choices, empty_label=_("全部"))
    year = YearFilter(field_name="closed_on__year")
