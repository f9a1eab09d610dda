"""The closure subsidy ledger's arithmetic: pure functions of the facts, no database.

Entitlements are computed, never stored:
- a mine's subsidy is the scheme's standard for its type;
- a county's over-quota closures are its closures of the scheme's year taken in
  closure-date order (then decision number, then record id), after the first
  `quota` of them; each earns the county the reward and the working funds.

`compute_ledger()` is a pure function of the facts, so the public tables, the
exports and the property tests all use the same arithmetic (`services.ledger_for_year()`
loads those facts in a fixed number of queries). Money is in cents-exact Decimal 元.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .models import (
    COUNTY_ORDER,
    ZERO,
    County,
    FundStatus,
    MineType,
    PaymentItem,
    county_government,
)

MAX_AMOUNT = Decimal("999999999999.99")
CENT = Decimal("0.01")
WAN = Decimal("10000")


# --- Money display ----------------------------------------------------------


def cents(value) -> Decimal:
    """Back to exact 元.分: SQLite sums decimals as floats (0.47 + 0.06 = 0.0600000000000001 after a reversal)."""
    return Decimal(value).quantize(CENT)


# --- The arithmetic ---------------------------------------------------------


def fund_status(entitled: Decimal, paid: Decimal) -> FundStatus:
    """经费到位情况: paid in full (or more), nothing yet, or in between."""
    if paid >= entitled:
        return FundStatus.PAID
    if paid <= 0:
        return FundStatus.UNPAID
    return FundStatus.PARTIAL


def closure_order_key(closure) -> tuple:
    """The over-quota order: closure date, then decision number, then record id."""
    return (closure.closed_on, closure.decision_no, closure.pk or 0)


def over_quota_closures(closures: Iterable, quota: int | None) -> list:
    """The closures that count as beyond `quota`, in order; none when no quota was set."""
    if quota is None:
        return []
    ordered = sorted(closures, key=closure_order_key)
    return ordered[quota:]


@dataclass
class MineRow:
    closure: object
    entitlement: Decimal
    paid: Decimal
    is_over_quota: bool
    today: date

    @property
    def outstanding(self) -> Decimal:
        return self.entitlement - self.paid

    @property
    def status(self) -> FundStatus:
        return fund_status(self.entitlement, self.paid)

    @property
    def days_since_closure(self) -> int:
        return (self.today - self.closure.closed_on).days


@dataclass
class CountyRow:
    county: str
    quota: int | None
    mines: list = field(default_factory=list)  # MineRow, in over-quota order
    over_quota_mines: list = field(default_factory=list)
    reward: Decimal = ZERO
    working_funds: Decimal = ZERO
    paid_reward: Decimal = ZERO
    paid_working_funds: Decimal = ZERO

    @property
    def label(self) -> str:
        return County(self.county).label

    @property
    def government(self) -> str:
        return county_government(self.county)

    @property
    def closed(self) -> int:
        return len(self.mines)

    @property
    def outburst(self) -> int:
        return sum(1 for m in self.mines if m.closure.mine_type == MineType.OUTBURST)

    @property
    def non_outburst(self) -> int:
        return self.closed - self.outburst

    @property
    def over_quota(self) -> int:
        return len(self.over_quota_mines)

    @property
    def subsidies(self) -> Decimal:
        return sum((m.entitlement for m in self.mines), ZERO)

    @property
    def paid_subsidies(self) -> Decimal:
        return sum((m.paid for m in self.mines), ZERO)

    @property
    def promised(self) -> Decimal:
        return self.subsidies + self.reward + self.working_funds

    @property
    def paid(self) -> Decimal:
        return self.paid_subsidies + self.paid_reward + self.paid_working_funds

    @property
    def outstanding(self) -> Decimal:
        return self.promised - self.paid

    @property
    def status(self) -> FundStatus | None:
        """None when nothing is owed and nothing was paid (a task but no closure yet)."""
        if not self.promised and not self.paid:
            return None
        return fund_status(self.promised, self.paid)

    @property
    def reward_status(self) -> FundStatus | None:
        return fund_status(self.reward, self.paid_reward) if self.reward or self.paid_reward else None

    @property
    def working_funds_status(self) -> FundStatus | None:
        if self.working_funds or self.paid_working_funds:
            return fund_status(self.working_funds, self.paid_working_funds)
        return None

    @property
    def share_paid(self) -> Decimal | None:
        return share(self.paid, self.promised)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """Percentage with one decimal, None when nothing was promised."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class Totals:
    quota: int  # the closure tasks set for the counties (未下达 counts as none)
    mines: int
    outburst: int
    non_outburst: int
    over_quota: int
    subsidies: Decimal
    rewards: Decimal
    working_funds: Decimal
    promised: Decimal
    paid: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.promised - self.paid

    @property
    def share_paid(self) -> Decimal | None:
        return share(self.paid, self.promised)

    @property
    def status(self) -> FundStatus | None:
        if not self.promised and not self.paid:
            return None
        return fund_status(self.promised, self.paid)


@dataclass
class Ledger:
    scheme: object
    counties: list  # CountyRow, in the city's county order
    mines: dict  # closure pk -> MineRow

    @property
    def totals(self) -> Totals:
        """Sums of the county rows, so the headline always reconciles with the table."""
        rows = self.counties
        return Totals(
            quota=sum(r.quota or 0 for r in rows),
            mines=sum(r.closed for r in rows),
            outburst=sum(r.outburst for r in rows),
            non_outburst=sum(r.non_outburst for r in rows),
            over_quota=sum(r.over_quota for r in rows),
            subsidies=sum((r.subsidies for r in rows), ZERO),
            rewards=sum((r.reward for r in rows), ZERO),
            working_funds=sum((r.working_funds for r in rows), ZERO),
            promised=sum((r.promised for r in rows), ZERO),
            paid=sum((r.paid for r in rows), ZERO),
        )

    @property
    def over_quota_ids(self) -> set:
        return {pk for pk, row in self.mines.items() if row.is_over_quota}


def compute_ledger(
    *,
    scheme,
    quotas: dict,
    closures: Iterable,
    paid_by_closure: dict,
    paid_by_county_item: dict,
    today: date,
) -> Ledger:
    """Compute every entitlement and its payments from plain facts (no queries).

    `scheme` needs the four standards (and `subsidy_for`); `closures` need pk,
    county, mine_type, closed_on and decision_no. Counties appear when they
    have a quota or a closure or a payment.
    """
    by_county = defaultdict(list)
    for closure in closures:
        by_county[closure.county].append(closure)
    keys = set(quotas) | set(by_county) | {county for county, _item in paid_by_county_item}
    counties, mines = [], {}
    for county in sorted(keys, key=lambda c: COUNTY_ORDER.get(c, 99)):
        quota = quotas.get(county)
        over = over_quota_closures(by_county[county], quota)
        over_ids = {c.pk for c in over}
        row = CountyRow(county=county, quota=quota)
        for closure in sorted(by_county[county], key=closure_order_key):
            mine = MineRow(
                closure=closure,
                entitlement=scheme.subsidy_for(closure.mine_type),
                paid=paid_by_closure.get(closure.pk, ZERO),
                is_over_quota=closure.pk in over_ids,
                today=today,
            )
            row.mines.append(mine)
            mines[closure.pk] = mine
        row.over_quota_mines = [mines[c.pk] for c in over]
        row.reward = scheme.over_quota_reward * len(over)
        row.working_funds = scheme.over_quota_working_funds * len(over)
        row.paid_reward = paid_by_county_item.get((county, PaymentItem.REWARD), ZERO)
        row.paid_working_funds = paid_by_county_item.get((county, PaymentItem.WORKING_FUNDS), ZERO)
        counties.append(row)
    return Ledger(scheme=scheme, counties=counties, mines=mines)
