"""Seed the working-day calendar from chinesecalendar (every year the package covers)."""

from django.db import migrations

SEED_REASON = "seeded from chinesecalendar"


def supported_years(chinese_calendar):
    """The years the package knows: it raises NotImplementedError outside them."""
    import datetime

    first = min(chinese_calendar.constants.holidays).year
    years = []
    year = first
    while True:
        try:
            chinese_calendar.is_workday(datetime.date(year, 6, 30))
        except NotImplementedError:
            break
        years.append(year)
        year += 1
    return years


def seed_calendar(apps, schema_editor):
    """One row per holiday and per adjusted working weekend, for every year the package covers."""
    import chinese_calendar
    from chinese_calendar.constants import Holiday
    from django.utils import timezone

    Entry = apps.get_model("loudi_portal", "WorkCalendarEntry")
    History = apps.get_model("loudi_portal", "HistoricalWorkCalendarEntry")
    years = set(supported_years(chinese_calendar))
    existing = set(Entry.objects.values_list("date", flat=True))
    chinese = {h.value: h.chinese for h in Holiday}

    def notice(year):
        return f"国务院办公厅关于{year}年部分节假日安排的通知"

    rows = []
    for day, english in sorted(chinese_calendar.constants.holidays.items()):
        if day.year in years and day not in existing:
            rows.append(Entry(date=day, kind="holiday", name=chinese.get(english, english), source=notice(day.year)))
    for day, english in sorted(chinese_calendar.constants.workdays.items()):
        if day.year in years and day not in existing:
            rows.append(Entry(date=day, kind="workday", name=chinese.get(english, english), source=notice(day.year)))
    created = Entry.objects.bulk_create(rows, batch_size=500)
    if not created or created[0].pk is None:
        created = list(Entry.objects.filter(date__in=[r.date for r in rows]))
    now = timezone.now()
    History.objects.bulk_create(
        [
            History(
                id=e.pk,
                date=e.date,
                kind=e.kind,
                name=e.name,
                source=e.source,
                history_date=now,
                history_type="+",
                history_change_reason=SEED_REASON,
            )
            for e in created
        ],
        batch_size=500,
    )


def unseed_calendar(apps, schema_editor):
    apps.get_model("loudi_portal", "WorkCalendarEntry").objects.all().delete()
    apps.get_model("loudi_portal", "HistoricalWorkCalendarEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("loudi_portal", "0002_role_groups")]

    operations = [migrations.RunPython(seed_calendar, unseed_calendar)]
