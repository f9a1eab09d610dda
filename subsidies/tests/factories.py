"""Small builders for the closure subsidy tests."""

import itertools
from datetime import date
from decimal import Decimal

from django.utils import timezone

from subsidies.models import MineClosure, MineType, SubsidyQuota, SubsidyScheme

_seq = itertools.count(1)

STANDARDS_2019 = {
    "outburst_subsidy": Decimal("9000000.00"),
    "non_outburst_subsidy": Decimal("2000000.00"),
    "over_quota_reward": Decimal("5000000.00"),
    "over_quota_working_funds": Decimal("500000.00"),
}


def make_scheme(year=2019, quotas=None, **overrides) -> SubsidyScheme:
    fields = {
        "year": year,
        "title": f"{year}年度淘汰落后煤矿关闭奖补方案",
        "basis_number": f"娄政办发〔{year}〕1号",
        **STANDARDS_2019,
        **overrides,
    }
    scheme = SubsidyScheme.objects.create(**fields)
    for county, quota in (quotas or {}).items():
        SubsidyQuota.objects.create(scheme=scheme, county=county, quota=quota)
    return scheme


def make_closure(scheme, county="lianyuan", mine_type=MineType.NON_OUTBURST, closed_on=None, **overrides):
    n = next(_seq)
    fields = {
        "scheme": scheme,
        "mine_name": f"测试{n}号煤矿",
        "enterprise_name": f"测试{n}号煤业有限公司",
        "county": county,
        "mine_type": mine_type,
        "capacity": Decimal("9"),
        "decision_no": f"娄关〔{scheme.year}〕{n}号",
        "closed_on": closed_on or date(scheme.year, 6, 1),
        # Ledger tests work with reviewed closures; the lifecycle itself is tested in loudi_portal.
        "status": "published",
        "published_at": timezone.now(),
        **overrides,
    }
    return MineClosure.objects.create(**fields)
