"""救灾 registers: 因灾损失情况 and 捐赠款物, published through the lifecycle within 20 working days."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from loudi_portal import publishing, workdays
from relief.models import DisasterLoss, Donation
from relief.public import relief_obligations

pytestmark = pytest.mark.django_db


def _loss_fields(**kw):
    return {
        "title": "2026年6月下旬强降雨过程",
        "disaster_type": "flood",
        "began_on": date(2026, 6, 20),
        "counties": ["xinhua", "lianyuan"],
        "area_detail": "新化县奉家镇",
        "affected_people": 1200,
        "direct_loss": Decimal("3500000"),
        "formed_on": date(2026, 6, 26),
        **kw,
    }


def _json(client, name):
    return json.loads(b"".join(client.get(reverse(name) + "?format=json").streaming_content))["results"]


def test_a_loss_record_is_published_by_another_reviewer_and_then_listed(editor, reviewer, client):
    record = publishing.create_draft(model=DisasterLoss, by=editor, **_loss_fields())
    assert client.get(reverse("relief:loss-list")).content.decode().count("强降雨过程") == 0
    record = publishing.submit(record=record, by=editor)
    with pytest.raises(PermissionDenied):
        publishing.publish(record=record, by=editor, revision=record.revision)
    publishing.publish(record=record, by=reviewer, revision=record.revision)
    html = client.get(reverse("relief:loss-list")).content.decode()
    assert "2026年6月下旬强降雨过程" in html and "新化县、涟源市" in html and "3,500,000.00" in html
    (row,) = _json(client, "relief:loss-list")
    assert (row["disaster_type"], row["counties"], row["direct_loss"]) == ("洪涝", "新化县、涟源市", "3500000.00")


def test_each_record_is_on_the_board_with_its_20_working_day_limit(editor):
    record = publishing.create_draft(model=DisasterLoss, by=editor, **_loss_fields())
    (item,) = relief_obligations(date(2026, 7, 1))
    assert item.due_on == workdays.add_working_days(date(2026, 6, 26), 20).due == record.publication_due_on
    assert item.done_on is None and item.state(date(2026, 8, 1)) == "late"


def test_a_loss_needs_counties_of_loudi_and_consistent_dates():
    record = DisasterLoss(**_loss_fields(counties=["changsha"], ended_on=date(2026, 6, 1)))
    with pytest.raises(ValidationError) as exc:
        record.full_clean()
    assert set(exc.value.message_dict) == {"counties", "ended_on"}


def test_a_personal_donors_name_is_masked_on_the_page_and_in_the_export(client):
    Donation.objects.create(
        year=2024,
        donor_kind="person",
        donor="刘建国",
        received_on=date(2024, 6, 28),
        kind="money",
        amount=Decimal("20000"),
        used_amount=Decimal("12000"),
        use="用于倒损住房恢复重建补助。",
        formed_on=date(2024, 7, 8),
        status="published",
        published_at="2024-07-10T10:00:00+08:00",
    )
    html = client.get(reverse("relief:donation-list")).content.decode()
    assert "刘建国" not in html and "刘**" in html
    assert '<td class="num" data-label="结余">8,000.00</td>' in html  # the year's totals
    (row,) = _json(client, "relief:donation-list")
    assert (row["donor"], row["unused_amount"]) == ("刘**", "8000.00")


def test_more_used_than_received_or_goods_without_a_list_is_refused():
    donation = Donation(
        year=2024,
        donor_kind="organisation",
        donor="某公司",
        received_on=date(2024, 6, 1),
        kind="goods",
        amount=Decimal("100"),
        used_amount=Decimal("150"),
        formed_on=date(2024, 6, 5),
    )
    with pytest.raises(ValidationError) as exc:
        donation.full_clean()
    assert {"used_amount", "goods"} <= set(exc.value.message_dict)
    assert "已使用金额不能超过" in str(exc.value)
