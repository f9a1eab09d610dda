"""The working-day calendar as data staff can edit.

China's working days are weekdays, minus statutory holidays, plus adjusted
working weekends (调休上班), announced each year by the State Council's General
Office. One row per exceptional date; ordinary weekdays and weekends have no
row. A year with no row at all is "not yet entered": deadlines that reach into
it are computed on weekends alone and shown as provisional
(`loudi_portal.workdays`).
"""

from datetime import date

from django.core.checks import Tags, Warning, register
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from . import roles
from .history import tracked


class WorkCalendarEntry(models.Model):
    """One date whose working status differs from the plain Monday-to-Friday rule."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        WORKDAY = "workday", _("调休上班")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(
        _("类型"),
        max_length=10,
        choices=Kind,
        help_text=_("法定节假日：当天不上班（含落在周末的假日）；调休上班：周末当天照常上班。"),
    )
    name = models.CharField(_("名称"), max_length=100, help_text=_("所属节日，例如“国庆节”“春节”。"))
    source = models.CharField(
        _("依据通知"),
        max_length=200,
        help_text=_("国务院办公厅发布的节假日安排通知名称及文号。"),
    )

    history = tracked()

    class Meta:
        verbose_name = _("工作日历")
        verbose_name_plural = _("工作日历")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}"

    @property
    def is_working_day(self) -> bool:
        return self.kind == self.Kind.WORKDAY


def _calendar_changed(sender, **kwargs):
    from . import workdays

    workdays._on_calendar_change()


post_save.connect(_calendar_changed, sender=WorkCalendarEntry, dispatch_uid="workcalendar_saved")
post_delete.connect(_calendar_changed, sender=WorkCalendarEntry, dispatch_uid="workcalendar_deleted")

# Admins maintain the calendar; everyone on staff reads it.
roles.register(
    "loudi_portal.workcalendarentry",
    editor={"view"},
    reviewer={"view"},
    admin={"view", "add", "change", "delete"},
)


@register(Tags.database)
def next_year_calendar_entered(app_configs, databases=None, **kwargs):
    """From December 1, warn when next year's holidays have not been entered yet.

    Tagged `database`: it runs with `migrate` and `check --database default`,
    not on every plain `check`, because it reads the database.
    """
    from django.db import DatabaseError

    from . import workdays

    try:
        missing = workdays.missing_next_year(date.today())
    except DatabaseError:
        return []
    if missing is None:
        return []
    return [
        Warning(
            f"The working-day calendar has no entries for {missing}; deadlines in {missing} "
            "are provisional (weekends only).",
            hint=f"Enter the State Council's {missing} holiday notice in the admin (工作日历).",
            id="loudi_portal.W101",
        )
    ]
