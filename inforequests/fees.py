"""Fees for information requests (国办函〔2020〕109号): per applicant per calendar month, by bands.

The first 10 requests of a month are free; the 11th to the 30th cost 100 元
each; from the 31st on, every band of 10 costs 100 元 more than the one before.
"""

from decimal import Decimal

FREE_PER_MONTH = 10
FIRST_TIER_END = 30
TIER_FEE = Decimal("100")
TIER_SIZE = 10


def fee_for_nth_request(n: int) -> Decimal:
    """The fee of an applicant's n-th request in a calendar month (n starts at 1)."""
    if n < 1:
        raise ValueError("n starts at 1")
    if n <= FREE_PER_MONTH:
        return Decimal("0")
    if n <= FIRST_TIER_END:
        return TIER_FEE
    return TIER_FEE * (2 + (n - FIRST_TIER_END - 1) // TIER_SIZE)


def monthly_fee_total(count: int) -> Decimal:
    """What an applicant pays for `count` requests received in one month."""
    return sum((fee_for_nth_request(n) for n in range(1, count + 1)), Decimal("0"))
