"""From December 1: next year's holidays are not entered yet, told to staff where they work.

Not a system check: a missing calendar is the bureau's work to do, not a fault of
the installation, so it must not fail `check --deploy --fail-level WARNING` nor
print an English warning block on `migrate`. It is an item on the obligations
board (due December 31) and a 提醒 row on the back office's home page, both
linking the calendar's admin list. One indexed EXISTS query, in December only.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import obligations, registry, workdays

RULE = gettext_lazy("每年 12 月录入下一年度国务院办公厅节假日安排（各类期限按工作日计算）")


def _calendar_url() -> str:
    return reverse("admin:loudi_portal_workcalendarentry_changelist")


def _title(year: int) -> str:
    return _("录入 %(year)d 年节假日安排（工作日历）") % {"year": year}


def collect(today: date) -> list[obligations.Obligation]:
    """The board's item while next year's calendar is missing (none before December)."""
    missing = workdays.missing_next_year(today)
    if missing is None:
        return []
    return [
        obligations.Obligation(
            title=_title(missing),
            rule=str(RULE),
            due_on=date(today.year, 12, 31),
            responsible=_("管理员"),
            url=_calendar_url(),
        )
    ]


def work_queue_rows(user, today: date) -> list[registry.QueueRow]:
    """The home page's 提醒 row for staff who can see the calendar."""
    if not user.has_perm("loudi_portal.view_workcalendarentry"):
        return []
    missing = workdays.missing_next_year(today)
    if missing is None:
        return []
    note = _("%(year)d 年的期限暂时只扣除周末（显示为“暂算”）；请管理员按国务院办公厅通知录入。") % {"year": missing}
    return [
        registry.QueueRow(
            section="reminders",
            label=_title(missing),
            count=1,
            url=_calendar_url(),
            items=(registry.QueueItem(title=_title(missing), url=_calendar_url(), note=note),),
        )
    ]


def connect() -> None:
    registry.register_queue_section(
        registry.QueueSection(
            key="reminders", title=gettext_lazy("提醒"), empty_text=gettext_lazy("没有需要处理的提醒。"), order=5
        )
    )
    registry.register_work_queue(registry.WorkQueueProvider(key="calendar", rows=work_queue_rows, order=5))
    obligations.register_obligation_source("workday_calendar", gettext_lazy("工作日历"), str(RULE), collect)
