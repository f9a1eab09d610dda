"""双随机、一公开 on the obligations board: a plan's results are public within 20 working days of its last inspection."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from enforcement.models import InspectionSource
from enforcement.public import inspection_obligations
from loudi_portal.obligations import board
from loudi_portal.publishing import Status

from . import factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 2)


def _published_on(day: date, **kw) -> dict:
    return {
        "status": Status.PUBLISHED,
        "published_at": timezone.make_aware(datetime(day.year, day.month, day.day, 10)),
        **kw,
    }


def _row(plan):
    rows = [row for row in board(TODAY)["rows"] if plan.title in row["item"].title]
    assert len(rows) == 1, rows
    return rows[0]


def test_a_plan_whose_inspections_are_all_published_in_time_is_done():
    plan = factories.plan(title="2026年联合抽查第9批：危险化学品")
    for day in (date(2026, 10, 9), date(2026, 10, 12)):
        factories.inspection(
            plan=plan, source=InspectionSource.RANDOM, inspected_on=day, **_published_on(date(2026, 10, 20))
        )
    # A withdrawn inspection no longer counts as one to publish.
    factories.inspection(
        plan=plan, source=InspectionSource.RANDOM, inspected_on=date(2026, 10, 10), status=Status.WITHDRAWN
    )
    row = _row(plan)
    assert row["state"] == "done"
    # 20 working days after the last inspection (2026-10-12): 2026-11-09.
    assert row["item"].due_on == date(2026, 11, 9) and row["item"].done_on == date(2026, 10, 20)
    assert f"plan__id__exact={plan.pk}" in row["item"].url


def test_a_plan_with_an_unpublished_inspection_past_its_deadline_is_late():
    plan = factories.plan(title="2026年联合抽查第5批：非煤矿山")
    factories.inspection(
        plan=plan, source=InspectionSource.RANDOM, inspected_on=date(2026, 9, 10), **_published_on(date(2026, 9, 14))
    )
    factories.inspection(plan=plan, source=InspectionSource.RANDOM, inspected_on=date(2026, 9, 15))  # still a draft
    row = _row(plan)
    assert row["state"] == "late" and row["item"].done_on is None
    assert row["working_days_left"] < 0


def test_other_inspections_and_old_plans_are_not_on_the_board():
    old = factories.plan(title="2026年联合抽查第1批：工贸")
    factories.inspection(plan=old, source=InspectionSource.RANDOM, inspected_on=date(2026, 8, 1))
    factories.inspection(source=InspectionSource.UNANNOUNCED, inspected_on=date(2026, 10, 30))
    assert inspection_obligations(TODAY) == []
    assert not any(source.key == "inspections" for source in board(TODAY)["waiting"])
