"""Back office for the working-day calendar: admins edit, everyone on staff reads."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import workdays
from .calendar_models import WorkCalendarEntry


class YearFilter(admin.SimpleListFilter):
    title = _("年份")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = WorkCalendarEntry.objects.dates("date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


@admin.register(WorkCalendarEntry)
class WorkCalendarEntryAdmin(SimpleHistoryAdmin):
    list_display = ["date", "weekday", "kind", "name", "source"]
    list_filter = [YearFilter, "kind"]
    search_fields = ["name", "source"]
    date_hierarchy = "date"
    fieldsets = [(None, {"fields": ["date", "kind", "name", "source"]})]

    @admin.display(description=_("星期"))
    def weekday(self, obj):
        return workdays._WEEKDAY_NAMES[obj.date.weekday()]

    def changelist_view(self, request, extra_context=None):
        missing = workdays.missing_next_year(timezone.localdate())
        if missing is not None:
            messages.warning(
                request,
                _(
                    "尚未录入 %(year)s 年的节假日安排：%(year)s 年的期限只扣除周末，显示为“暂定”。"
                    "请在国务院办公厅发布通知后录入。"
                )
                % {"year": missing},
            )
        return super().changelist_view(request, extra_context)
