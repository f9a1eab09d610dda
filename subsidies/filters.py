"""Filters of the closure subsidy pages: year, county, mine type, fund status."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import County, FundingLevel, FundStatus, MineType, PaymentItem


def _year_choices(years):
    return [(str(y), _("%(year)s 年") % {"year": y}) for y in years]


class MineClosureFilter(django_filters.FilterSet):
    """Filters the annotated closures of `closures_with_money()`; `years` are the schemes' years."""

    year = django_filters.ChoiceFilter(field_name="scheme__year", label=_("年度"), empty_label=None)
    county = django_filters.ChoiceFilter(choices=County.choices, label=_("县市区"), empty_label=_("全部县市区"))
    type = django_filters.ChoiceFilter(
        field_name="mine_type", choices=MineType.choices, label=_("矿井类型"), empty_label=_("全部类型")
    )
    status = django_filters.ChoiceFilter(
        field_name="fund_status", choices=FundStatus.choices, label=_("经费到位情况"), empty_label=_("全部情况")
    )

    q = django_filters.CharFilter(label=_("关键词"), method="filter_q", max_length=100)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices(years)

    def filter_q(self, queryset, name, value):
        """Mine or enterprise name, decision number or credit code (what the site search matches)."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(mine_name__icontains=value)
            | Q(enterprise_name__icontains=value)
            | Q(decision_no__icontains=value)
            | Q(enterprise_credit_code__iexact=value)
        )


class SubsidyPaymentFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("方案年度"), empty_label=_("全部年度"))
    county = django_filters.ChoiceFilter(choices=County.choices, label=_("县市区"), empty_label=_("全部县市区"))
    item = django_filters.ChoiceFilter(choices=PaymentItem.choices, label=_("拨付事项"), empty_label=_("全部事项"))
    funding_level = django_filters.ChoiceFilter(
        choices=FundingLevel.choices, label=_("资金来源"), empty_label=_("全部来源")
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = _year_choices(years)
