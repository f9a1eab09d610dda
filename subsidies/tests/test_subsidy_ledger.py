"""The rules of the ledger: computed entitlements, append-only tranches, reversals, frozen schemes."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from loudi_portal.numbers import format_wan, format_yuan
from subsidies.models import (
    FundStatus,
    LedgerError,
    MineClosure,
    MineType,
    PaymentItem,
    SubsidyPayment,
    SubsidyQuota,
    SubsidyScheme,
)
from subsidies.services import correct_scheme, ledger_for_year, record_payment, reverse_payment

from .factories import make_closure, make_scheme

pytestmark = pytest.mark.django_db


def pay(closure=None, amount="1000000", voucher="V-1", by=None, item=PaymentItem.SUBSIDY, **kwargs):
    return record_payment(
        item=item,
        closure=closure,
        amount=amount,
        paid_on=kwargs.pop("paid_on", date(2019, 9, 1)),
        funding_level=kwargs.pop("funding_level", "province"),
        voucher_no=voucher,
        by=by,
        **kwargs,
    )


@pytest.fixture
def scheme():
    return make_scheme(quotas={"lianyuan": 2, "xinhua": 3})


def test_mine_subsidy_follows_the_mine_type_not_a_typed_figure(scheme):
    outburst = make_closure(scheme, mine_type=MineType.OUTBURST)
    other = make_closure(scheme, mine_type=MineType.NON_OUTBURST)
    ledger = ledger_for_year(2019)
    assert ledger.mines[outburst.pk].entitlement == Decimal("9000000")
    assert ledger.mines[other.pk].entitlement == Decimal("2000000")


def test_closures_beyond_the_quota_in_date_order_earn_the_county_reward_and_working_funds(scheme):
    late = make_closure(scheme, closed_on=date(2019, 11, 1))
    early = make_closure(scheme, closed_on=date(2019, 2, 1))
    middle = make_closure(scheme, closed_on=date(2019, 6, 1))
    latest = make_closure(scheme, closed_on=date(2019, 12, 1))
    row = next(r for r in ledger_for_year(2019).counties if r.county == "lianyuan")
    assert [m.closure.pk for m in row.over_quota_mines] == [late.pk, latest.pk]
    assert row.over_quota == 2
    assert row.reward == Decimal("10000000") and row.working_funds == Decimal("1000000")
    assert row.promised == Decimal("8000000") + Decimal("11000000")
    assert {early.pk, middle.pk}.isdisjoint({m.closure.pk for m in row.over_quota_mines})


def test_county_within_its_quota_earns_no_reward_and_county_without_quota_counts_none(scheme):
    make_closure(scheme, county="xinhua")
    make_closure(scheme, county="louxing")
    rows = {r.county: r for r in ledger_for_year(2019).counties}
    assert rows["xinhua"].over_quota == 0 and rows["xinhua"].reward == 0
    assert rows["louxing"].quota is None and rows["louxing"].over_quota == 0


def test_status_goes_from_unpaid_to_partial_to_paid_with_outstanding_amount(scheme):
    mine = make_closure(scheme)
    assert ledger_for_year(2019).mines[mine.pk].status == FundStatus.UNPAID
    pay(mine, "1200000", "V-1")
    row = ledger_for_year(2019).mines[mine.pk]
    assert row.status == FundStatus.PARTIAL and row.outstanding == Decimal("800000")
    pay(mine, "800000", "V-2")
    row = ledger_for_year(2019).mines[mine.pk]
    assert row.status == FundStatus.PAID and row.outstanding == 0


def test_days_since_closure_counts_from_the_closure_date(scheme):
    mine = make_closure(scheme, closed_on=date(2019, 12, 1))
    row = ledger_for_year(2019, today=date(2019, 12, 31)).mines[mine.pk]
    assert row.days_since_closure == 30


def test_payment_beyond_entitlement_is_refused_without_a_justification(scheme, editor, reviewer):
    mine = make_closure(scheme)
    pay(mine, "1500000", "V-1", by=editor)
    with pytest.raises(LedgerError, match="超过应拨金额"):
        pay(mine, "600000", "V-2", by=editor)
    with pytest.raises(LedgerError, match="审核员"):
        pay(mine, "600000", "V-2", by=editor, justification="上级追加")
    with pytest.raises(LedgerError):
        pay(mine, "600000", "V-2", by=reviewer, justification="   ")
    assert SubsidyPayment.objects.count() == 1


def test_reviewer_may_overpay_with_a_recorded_justification(scheme, reviewer):
    mine = make_closure(scheme)
    payment = pay(mine, "2100000", "V-1", by=reviewer, justification="含省级追加安置费 10 万元，见湘财建〔2019〕X号")
    assert payment.justified_by == reviewer
    assert payment.justification.startswith("含省级追加")
    assert ledger_for_year(2019).mines[mine.pk].outstanding == Decimal("-100000")


def test_justification_is_not_kept_on_an_ordinary_payment(scheme, reviewer):
    payment = pay(make_closure(scheme), "100", "V-1", by=reviewer, justification="不需要")
    assert payment.justification == "" and payment.justified_by is None


def test_county_reward_is_capped_by_its_over_quota_closures(scheme, editor):
    for month in (1, 2, 3):
        make_closure(scheme, closed_on=date(2019, month, 1))
    pay(item=PaymentItem.REWARD, county="lianyuan", year=2019, amount="5000000", voucher="R-1", by=editor)
    with pytest.raises(LedgerError, match="超过应拨金额"):
        pay(item=PaymentItem.REWARD, county="lianyuan", year=2019, amount="1", voucher="R-2", by=editor)
    with pytest.raises(LedgerError, match="超过应拨金额"):
        pay(item=PaymentItem.REWARD, county="xinhua", year=2019, amount="1", voucher="R-3", by=editor)


def test_outsider_cannot_record_a_payment(scheme, outsider):
    with pytest.raises(PermissionDenied):
        pay(make_closure(scheme), "1", "V-1", by=outsider)


@pytest.mark.parametrize("amount", ["0", "-5", "1.001", "abc", "1e20", "NaN"])
def test_bad_amounts_are_refused_with_a_message(scheme, amount):
    with pytest.raises(LedgerError):
        pay(make_closure(scheme), amount, "V-1")
    assert not SubsidyPayment.objects.exists()


def test_a_voucher_number_is_entered_only_once(scheme):
    mine = make_closure(scheme)
    pay(mine, "100", "V-1")
    with pytest.raises(LedgerError, match="已登记过"):
        pay(mine, "100", "V-1")


def test_payments_cannot_be_edited_or_deleted_in_any_way(scheme):
    payment = pay(make_closure(scheme), "100", "V-1")
    payment.amount = Decimal("200")
    with pytest.raises(LedgerError):
        payment.save()
    with pytest.raises(LedgerError):
        payment.delete()
    with pytest.raises(LedgerError):
        SubsidyPayment.objects.filter(pk=payment.pk).update(amount=Decimal("1"))
    with pytest.raises(LedgerError):
        SubsidyPayment.objects.all().delete()
    assert SubsidyPayment.objects.get().amount == Decimal("100")


def test_reversal_is_a_negative_entry_with_reason_pointing_at_the_original(scheme, editor):
    mine = make_closure(scheme)
    original = pay(mine, "1800000", "V-1", by=editor)
    reversal = reverse_payment(payment=original, reason="金额录入错误", by=editor, paid_on=date(2019, 9, 5))
    assert reversal.amount == Decimal("-1800000")
    assert reversal.reverses == original and reversal.reversal_reason == "金额录入错误"
    assert SubsidyPayment.objects.get(pk=original.pk).amount == Decimal("1800000")
    assert ledger_for_year(2019).mines[mine.pk].status == FundStatus.UNPAID


def test_reversal_needs_a_reason_and_happens_only_once(scheme):
    original = pay(make_closure(scheme), "100", "V-1")
    with pytest.raises(LedgerError, match="原因"):
        reverse_payment(payment=original, reason=" ", by=None)
    reversal = reverse_payment(payment=original, reason="重复入账", by=None)
    with pytest.raises(LedgerError, match="已经冲正"):
        reverse_payment(payment=original, reason="again", by=None)
    with pytest.raises(LedgerError, match="不能再冲正"):
        reverse_payment(payment=reversal, reason="again", by=None)


def test_database_refuses_negative_tranche_that_reverses_nothing(scheme):
    mine = make_closure(scheme)
    bad = SubsidyPayment(
        item="subsidy", closure=mine, county="lianyuan", year=2019, amount=Decimal("-5"),
        paid_on=date(2019, 1, 1), funding_level="city", voucher_no="X",
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        bad.save()


def test_changing_a_scheme_standard_after_payments_is_refused(scheme):
    pay(make_closure(scheme), "100", "V-1")
    scheme.outburst_subsidy = Decimal("8000000")
    with pytest.raises(LedgerError, match="更正版本"):
        scheme.save()
    quota = SubsidyQuota.objects.get(scheme=scheme, county="lianyuan")
    quota.quota = 5
    with pytest.raises(LedgerError):
        quota.save()
    with pytest.raises(LedgerError):
        SubsidyQuota.objects.create(scheme=scheme, county="louxing", quota=1)


def test_scheme_may_be_changed_freely_before_any_payment(scheme):
    scheme.non_outburst_subsidy = Decimal("2500000")
    scheme.save()
    assert SubsidyScheme.objects.get().non_outburst_subsidy == Decimal("2500000")


def test_correction_is_a_new_version_with_reason_and_closures_follow_it(scheme, reviewer):
    mine = make_closure(scheme)
    pay(mine, "2000000", "V-1")
    new = correct_scheme(
        scheme=scheme, reason="原文件非突出矿井标准笔误", by=reviewer, non_outburst_subsidy=Decimal("2200000"),
        quotas={"lianyuan": 0},
    )  # fmt: skip
    assert (new.version, new.replaces, new.correction_reason) == (2, scheme, "原文件非突出矿井标准笔误")
    old = SubsidyScheme.objects.get(pk=scheme.pk)
    assert old.non_outburst_subsidy == Decimal("2000000") and not old.is_current
    assert MineClosure.objects.get(pk=mine.pk).scheme == new
    ledger = ledger_for_year(2019)
    assert ledger.scheme == new
    assert ledger.mines[mine.pk].outstanding == Decimal("200000")
    assert {r.county: r.quota for r in ledger.counties} == {"lianyuan": 0, "xinhua": 3}
    assert {r.county: r.over_quota for r in ledger.counties} == {"lianyuan": 1, "xinhua": 0}


def test_correction_needs_a_reason_and_only_the_current_version_is_corrected(scheme, reviewer):
    with pytest.raises(LedgerError):
        correct_scheme(scheme=scheme, reason="", by=reviewer)
    correct_scheme(scheme=scheme, reason="更正", by=reviewer)
    with pytest.raises(LedgerError):
        correct_scheme(scheme=scheme, reason="再次", by=reviewer)


def test_money_shows_exactly_in_yuan_and_wan():
    assert format_yuan(Decimal("21800000")) == "21,800,000.00"
    assert format_wan(Decimal("21800000")) == "2,180"
    assert format_wan(Decimal("500000")) == "50"
    assert format_wan(Decimal("12345.67")) == "1.234567"
    assert format_wan(Decimal("0")) == "0"


def test_mine_type_or_county_cannot_change_once_money_was_paid_against_it(scheme):
    mine = make_closure(scheme, mine_type=MineType.OUTBURST)
    pay(mine, "9000000", "V-1")
    mine.mine_type = MineType.NON_OUTBURST
    with pytest.raises(LedgerError, match="先冲正"):
        mine.save()
    fresh = MineClosure.objects.get(pk=mine.pk)
    fresh.accepted_on = date(2019, 12, 1)
    fresh.save()  # other facts stay editable
    with pytest.raises(LedgerError):
        fresh.delete()


def test_moving_a_mine_out_of_a_county_with_reward_payments_is_refused(scheme):
    first = make_closure(scheme, closed_on=date(2019, 1, 1))
    make_closure(scheme, closed_on=date(2019, 2, 1))
    third = make_closure(scheme, closed_on=date(2019, 3, 1))
    pay(item=PaymentItem.REWARD, county="lianyuan", year=2019, amount="5000000", voucher="R-1")
    third.county = "xinhua"
    with pytest.raises(LedgerError):
        third.save()
    first.mine_type = MineType.OUTBURST
    with pytest.raises(LedgerError):
        first.save()


def test_county_with_a_task_but_no_closure_shows_no_status(client):
    make_scheme(quotas={"wanbao": 1})
    ledger = ledger_for_year(2019)
    assert ledger.counties[0].status is None and ledger.totals.status is None
    html = client.get("/mine-closures/").content.decode()
    row = html.split('data-county="wanbao"')[1].split("</tr>")[0]
    assert "—" in row and "已到位" not in row
