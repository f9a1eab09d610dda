import django_filters
from django.utils.translation import gettext_lazy as _

from .models import DisasterType


class LossFilter(django_filters.FilterSet):
    disaster_type = django_filters.ChoiceFilter(
        label=_("灾害种类"), choices=DisasterType.choices, empty_label=_("全部")
    )
    year = django_filters.NumberFilter(field_name="began_on__year", label=_("年份"), min_value=1990, max_value=2100)


class DonationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year", label=_("年度"), min_value=1990, max_value=2100)
