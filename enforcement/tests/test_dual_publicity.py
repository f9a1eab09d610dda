"""双公示 fields of a penalty decision: categories, amounts in 万元, the authority, ID numbers, lapses."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from enforcement import services
from enforcement.models import PartyKind, Penalty, PenaltyCategory, PenaltyKind, PenaltySeverity, yuan_to_wan
from loudi_portal.identifiers import make_credit_code, make_id_number
from loudi_portal.models import BureauProfile

from . import factories as f

BUREAU_CODE = make_credit_code("11431300MB1234567")


@given(st.integers(min_value=0, max_value=10**13))
def test_an_amount_in_fen_is_written_in_wan_exactly(fen):
    yuan = Decimal(fen) / 100
    wan = yuan_to_wan(yuan)
    assert wan * 10000 == yuan  # six decimals of 万元 are exactly one 分
    assert wan.as_tuple().exponent == -6


@pytest.fixture
def bureau(db):
    profile = BureauProfile.objects.create(pk=1, name="娄底市应急管理局", credit_code=BUREAU_CODE)
    from django.core.cache import cache

    cache.clear()
    return profile


def test_a_decision_takes_the_bureau_as_authority_and_data_source(bureau):
    p = f.penalty(kind=PenaltyKind.FINE)
    assert (p.authority, p.authority_code) == ("娄底市应急管理局", BUREAU_CODE)
    assert (p.data_source, p.data_source_code) == ("娄底市应急管理局", BUREAU_CODE)
    assert p.categories == [PenaltyCategory.FINE]


def test_categories_always_include_the_main_kind_in_the_order_of_the_law(db):
    p = f.penalty(kind=PenaltyKind.SUSPENSION, categories=[PenaltyCategory.FINE])
    assert p.categories == [PenaltyCategory.FINE, PenaltyCategory.SUSPEND_BUSINESS]
    assert p.category_labels() == "罚款、责令停产停业"


def test_an_unknown_category_is_refused_in_chinese(db):
    p = f.penalty()
    p.categories = ["fine", "flogging"]
    with pytest.raises(ValidationError) as exc:
        p.full_clean()
    assert "处罚类别不在《行政处罚法》第九条的种类中：flogging" in str(exc.value)


def test_publication_needs_the_standards_fields(db):
    p = f.penalty(violation_type="", content="", categories=[PenaltyCategory.REVOKE_LICENCE, "confiscate_gains"])
    errors = p.publication_errors()
    assert set(errors) == {"violation_type", "content", "licence_ref", "confiscation_amount"}
    assert "证照名称及编号" in str(errors["licence_ref"])


def test_a_resident_id_number_with_a_wrong_check_digit_is_refused(db):
    good = make_id_number("43130219800101123")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    p = f.penalty(party_kind=PartyKind.PERSON, party_name="张三", party_id_number=bad)
    with pytest.raises(ValidationError) as exc:
        p.full_clean()
    assert "身份证号码校验位不正确" in str(exc.value)
    p.party_id_number = good.lower()  # a lower-case x is accepted and stored upper-case
    p.full_clean()
    assert p.party_id_number == good


def test_an_impossible_birth_date_in_an_id_number_is_refused(db):
    p = f.penalty(party_kind=PartyKind.PERSON, party_name="李四", party_id_number=make_id_number("43130219800231123"))
    with pytest.raises(ValidationError) as exc:
        p.full_clean()
    assert "出生日期不正确" in str(exc.value)


def test_the_register_and_its_json_give_the_standards_fields(bureau, client):
    f.penalty(
        decision_no="（娄）应急罚〔2026〕77号",
        kind=PenaltyKind.CONFISCATION,
        fine_amount=Decimal("0"),
        confiscation_amount=Decimal("12345.67"),
        content="没收违法所得人民币 1.234567 万元",
        licence_ref="烟花爆竹经营（零售）许可证（湘娄烟零〔2025〕12号）",
        categories=[PenaltyCategory.SUSPEND_LICENCE],
        **f.published(),
    )
    html = client.get(reverse("enforcement:penalty-list")).content.decode()
    assert "没收违法所得、非法财物金额：1.234567 万元" in html
    assert "暂扣或吊销证照：烟花爆竹经营（零售）许可证" in html
    assert BUREAU_CODE in html
    row = json.loads(b"".join(client.get(reverse("enforcement:penalty-list") + "?format=json").streaming_content))[
        "results"
    ][0]
    assert row["confiscation_amount_wan"] == "1.234567"
    assert row["fine_amount_wan"] == "0.000000"
    assert row["categories"] == "没收违法所得、暂扣许可证件"
    assert row["authority_code"] == BUREAU_CODE
    assert row["licence_ref"].startswith("烟花爆竹经营")


def test_a_penalty_past_its_maximum_leaves_the_register_and_its_removal_is_in_the_history(db, client):
    today = date(2026, 12, 2)
    old = f.penalty(severity=PenaltySeverity.GENERAL, decided_on=today - timedelta(days=400), **f.published())
    current = f.penalty(severity=PenaltySeverity.GENERAL, decided_on=today - timedelta(days=30), **f.published())
    assert list(Penalty.objects.public(today)) == [current]
    assert services.record_publicity_lapses(today=today) == 1
    assert services.record_publicity_lapses(today=today) == 0  # safe to re-run
    old.refresh_from_db()
    assert old.publicity_lapsed_on == old.publicity_ends_on + timedelta(days=1)
    entry = old.history.latest()
    assert entry.history_change_reason.startswith("公示期满，自动从公开列表和公开数据撤下")
    assert entry.publicity_lapsed_on == old.publicity_lapsed_on
