"""The notice catalogue's filters: category, year, 文号, keyword."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CategoryTree, Notice

MIN_YEAR, MAX_YEAR = 1990, 2100


class NoticeFilter(django_filters.FilterSet):
    """Starts from already-published notices; `tree` is the catalogue loaded once per request."""

    category = django_filters.ChoiceFilter(label=_("栏目"), method="filter_category", empty_label=_("全部栏目"))
    year = django_filters.NumberFilter(
        label=_("年份"),
        method="filter_year",
        widget=forms.NumberInput(attrs={"min": MIN_YEAR, "max": MAX_YEAR, "inputmode": "numeric"}),
    )
    doc_number = django_filters.CharFilter(
        label=_("文号"), field_name="doc_number", lookup_expr="icontains", max_length=100
    )
    q = django_filters.CharFilter(label=_("标题关键词"), method="filter_keyword", max_length=100)

    class Meta:
        model = Notice
        fields = ["category", "year", "doc_number", "q"]

    def __init__(self, *args, tree: CategoryTree, **kwargs):
        self.tree = tree
        super().__init__(*args, **kwargs)
        self.filters["category"].extra["choices"] = [(c.slug, c.name) for c in tree.categories]

    def filter_category(self, queryset, name, value):
        category = self.tree.by_slug.get(value)
        return queryset.in_categories(self.tree.descendant_ids(category)) if category else queryset.none()

    def filter_year(self, queryset, name, value):
        year = int(value)
        if not (MIN_YEAR <= year <= MAX_YEAR) or value != year:
            return queryset.none()
        return queryset.in_year(year)

    def filter_keyword(self, queryset, name, value):
        value = " ".join(value.split())
        return queryset.filter(title__icontains=value) if value else queryset
