"""Property-based checks of the ledger's arithmetic (Hypothesis).

- the totals are the sums of the rows;
- the over-quota rule: exactly the closures after the first `quota` in date order;
- no sequence of payments and reversals takes a payee beyond its entitlement
  without a reviewer's justification;
- reversals net to zero;
- the SQL annotations of the mine table agree with the Python ledger.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subsidies.ledger import compute_ledger, over_quota_closures
from subsidies.models import County, LedgerError, MineType, PaymentItem, SubsidyPayment
from subsidies.services import closures_with_money, ledger_for_year, record_payment, reverse_payment

from .factories import make_closure, make_scheme

COUNTIES = County.values[:5]
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("3000000"), places=2)
DB_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@dataclass(frozen=True)
class FakeScheme:
    outburst_subsidy: Decimal
    non_outburst_subsidy: Decimal
    over_quota_reward: Decimal
    over_quota_working_funds: Decimal

    def subsidy_for(self, mine_type):
        return self.outburst_subsidy if mine_type == MineType.OUTBURST else self.non_outburst_subsidy


closure_facts = st.builds(
    lambda county, mine_type, day, no: (county, mine_type, date(2019, 1, 1) + timedelta(days=day), no),
    st.sampled_from(COUNTIES),
    st.sampled_from(MineType.values),
    st.integers(0, 364),
    st.integers(1, 50),
)


@st.composite
def ledgers(draw):
    scheme = FakeScheme(draw(money), draw(money), draw(money), draw(money))
    facts = draw(st.lists(closure_facts, max_size=30))
    closures = [
        SimpleNamespace(pk=pk, county=c, mine_type=t, closed_on=d, decision_no=f"{n:03d}")
        for pk, (c, t, d, n) in enumerate(facts, start=1)
    ]
    quotas = draw(st.dictionaries(st.sampled_from(COUNTIES), st.integers(0, 10)))
    paid_by_closure = {c.pk: draw(st.decimals(min_value=-1, max_value=10_000_000, places=2)) for c in closures}
    paid_by_county_item = draw(
        st.dictionaries(
            st.tuples(st.sampled_from(COUNTIES), st.sampled_from([PaymentItem.REWARD, PaymentItem.WORKING_FUNDS])),
            st.decimals(min_value=0, max_value=10_000_000, places=2),
        )
    )
    return compute_ledger(
        scheme=scheme,
        quotas=quotas,
        closures=closures,
        paid_by_closure=paid_by_closure,
        paid_by_county_item=paid_by_county_item,
        today=date(2020, 6, 30),
    )


@given(ledgers())
def test_totals_equal_the_sum_of_the_county_rows_and_of_the_mine_rows(ledger):
    totals = ledger.totals
    rows = ledger.counties
    assert totals.mines == sum(r.closed for r in rows) == len(ledger.mines)
    assert totals.outburst + totals.non_outburst == totals.mines
    assert totals.promised == sum(r.promised for r in rows)
    assert totals.paid == sum(r.paid for r in rows)
    assert totals.outstanding == totals.promised - totals.paid
    mines = ledger.mines.values()
    assert totals.subsidies == sum((m.entitlement for m in mines), Decimal(0))
    assert totals.paid == sum((m.paid for m in mines), Decimal(0)) + sum(
        r.paid_reward + r.paid_working_funds for r in rows
    )
    scheme = ledger.scheme
    assert totals.rewards == scheme.over_quota_reward * totals.over_quota
    assert totals.working_funds == scheme.over_quota_working_funds * totals.over_quota


@given(st.lists(closure_facts, max_size=25), st.one_of(st.none(), st.integers(0, 30)), st.randoms())
def test_over_quota_closures_are_exactly_those_after_the_quota_in_closure_date_order(facts, quota, rnd):
    closures = [
        SimpleNamespace(pk=pk, closed_on=d, decision_no=f"{n:03d}") for pk, (_c, _t, d, n) in enumerate(facts, 1)
    ]
    over = over_quota_closures(closures, quota)
    expected = 0 if quota is None else max(0, len(closures) - quota)
    assert len(over) == expected
    within = [c for c in closures if c not in over]
    if over and within:
        assert min(c.closed_on for c in over) >= max(c.closed_on for c in within)
    shuffled = list(closures)
    rnd.shuffle(shuffled)
    assert [c.pk for c in over_quota_closures(shuffled, quota)] == [c.pk for c in over]


operations = st.lists(
    st.one_of(
        st.tuples(st.just("mine"), st.integers(0, 2), money),
        st.tuples(st.just("county"), st.sampled_from([PaymentItem.REWARD, PaymentItem.WORKING_FUNDS]), money),
        st.tuples(st.just("reverse"), st.integers(0, 40), st.just(None)),
    ),
    max_size=15,
)


def _build_year():
    scheme = make_scheme(
        quotas={"lianyuan": 1},
        outburst_subsidy=Decimal("3000000"),
        non_outburst_subsidy=Decimal("1000000.50"),
        over_quota_reward=Decimal("2500000"),
        over_quota_working_funds=Decimal("250000"),
    )
    mines = [
        make_closure(scheme, closed_on=date(2019, 3, 1), mine_type=MineType.OUTBURST),
        make_closure(scheme, closed_on=date(2019, 4, 1)),
        make_closure(scheme, closed_on=date(2019, 5, 1)),
    ]
    return scheme, mines


def _apply(ops, mines, by, vouchers):
    for kind, target, amount in ops:
        try:
            if kind == "mine":
                record_payment(
                    item=PaymentItem.SUBSIDY, closure=mines[target], amount=amount, paid_on=date(2019, 9, 1),
                    funding_level="province", voucher_no=f"V{next(vouchers)}", by=by,
                )  # fmt: skip
            elif kind == "county":
                record_payment(
                    item=target, county="lianyuan", year=2019, amount=amount, paid_on=date(2019, 9, 1),
                    funding_level="city", voucher_no=f"V{next(vouchers)}", by=by,
                )  # fmt: skip
            else:
                entries = list(SubsidyPayment.objects.order_by("id"))
                if entries:
                    reverse_payment(
                        payment=entries[target % len(entries)],
                        reason="测试冲正",
                        by=by,
                        voucher_no=f"V{next(vouchers)}",
                    )
        except LedgerError:
            pass


@pytest.mark.django_db
@DB_SETTINGS
@given(ops=operations)
def test_no_payment_sequence_takes_a_payee_beyond_its_entitlement_without_justification(editor, ops):
    import itertools

    with transaction.atomic():
        _scheme, mines = _build_year()
        _apply(ops, mines, editor, itertools.count())
        ledger = ledger_for_year(2019)
        for row in ledger.mines.values():
            assert row.paid <= row.entitlement
        for row in ledger.counties:
            assert row.paid_reward <= row.reward
            assert row.paid_working_funds <= row.working_funds
        assert not SubsidyPayment.objects.exclude(justification="").exists()
        transaction.set_rollback(True)


@pytest.mark.django_db
@DB_SETTINGS
@given(amounts=st.lists(st.tuples(st.integers(0, 2), money), min_size=1, max_size=8), data=st.data())
def test_reversals_net_to_zero_and_leave_the_originals_in_place(editor, amounts, data):
    with transaction.atomic():
        _scheme, mines = _build_year()
        originals = []
        for n, (index, amount) in enumerate(amounts):
            try:
                originals.append(
                    record_payment(
                        item=PaymentItem.SUBSIDY,
                        closure=mines[index],
                        amount=amount,
                        paid_on=date(2019, 9, 1),
                        funding_level="central",
                        voucher_no=f"P{n}",
                        by=editor,
                    )  # fmt: skip
                )
            except LedgerError:
                pass
        chosen = data.draw(st.sets(st.sampled_from(originals))) if originals else set()
        for payment in chosen:
            reverse_payment(payment=payment, reason="撤销", by=editor)
        remaining = sum((p.amount for p in originals if p not in chosen), Decimal(0))
        ledger = ledger_for_year(2019)
        assert sum((m.paid for m in ledger.mines.values()), Decimal(0)) == remaining
        for payment in chosen:
            pair = SubsidyPayment.objects.filter(pk=payment.pk) | SubsidyPayment.objects.filter(reverses=payment)
            assert sum(p.amount for p in pair) == 0
        assert SubsidyPayment.objects.count() == len(originals) + len(chosen)
        transaction.set_rollback(True)


@pytest.mark.django_db
@DB_SETTINGS
@given(ops=operations)
def test_mine_table_sql_agrees_with_the_python_ledger(editor, ops):
    import itertools

    with transaction.atomic():
        _scheme, mines = _build_year()
        _apply(ops, mines, editor, itertools.count())
        ledger = ledger_for_year(2019)
        for closure in closures_with_money():
            row = ledger.mines[closure.pk]
            assert closure.entitlement == row.entitlement
            assert closure.paid.quantize(Decimal("0.01")) == row.paid
            assert closure.fund_status == row.status
        transaction.set_rollback(True)
