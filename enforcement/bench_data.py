"""Benchmark data of the enforcement record (bench/http_data.py), at scale 1:
10,000 enterprises, 1,000,000 inspections and 1,000,000 penalties.

Rows are written with bulk_create in batches (no history rows, no per-row save):
what `save()` would fill (公示截止期, 处罚机关 and 数据来源 with their codes, the
categories implied by the kind) is set here directly. Every penalty is decided
within the last 300 days, so all of them are on the public register; every
inspection is published. Topping up adds only the missing bench rows (found by
their marks: the enterprises' address, the inspections' action name, the
penalties' data source).
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from bench.http_data import clone_rows
from loudi_portal.areas import County
from loudi_portal.identifiers import CREDIT_CODE_ALPHABET, make_credit_code
from loudi_portal.models import BureauProfile

from . import publicity_period
from .models import (
    CATEGORY_OF_KIND,
    Enterprise,
    Industry,
    Inspection,
    InspectionResult,
    InspectionSource,
    PartyKind,
    Penalty,
    PenaltyKind,
    PenaltySeverity,
    RiskGrade,
)

ENTERPRISES, INSPECTIONS, PENALTIES = 10_000, 1_000_000, 1_000_000
# On PostgreSQL, beyond this many rows made in Python the rest are SQL copies of them
# (bench/http_data.py clone_rows): a million rows in a minute instead of half an hour.
TEMPLATES = 50_000
ADDRESS_MARK = "（基准数据）"
ACTION = "安全生产执法检查（基准数据）"
SOURCE = "娄底市应急管理局执法支队"
REGION = "431302"
BRANDS = "恒达 华鑫 湘中 宏远 金鑫 永盛 隆兴 资江 梅山 紫鹊 龙山 熊山 水府 珠山 春园 蓝田 涟水 鑫源".split()
SUFFIXES = ["有限公司", "工贸有限公司", "建设工程有限公司", "运输有限公司", "矿业有限公司", "化工有限公司"]
VIOLATIONS = [
    ("未按规定对从业人员进行安全生产教育和培训", "《中华人民共和国安全生产法》第九十七条第三项"),
    ("未建立事故隐患排查治理制度", "《中华人民共和国安全生产法》第一百零一条第五项"),
    ("未按规定设置安全生产管理机构或者配备安全生产管理人员", "《中华人民共和国安全生产法》第九十七条第一项"),
    (
        "特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业",
        "《中华人民共和国安全生产法》第九十七条第七项",
    ),
]


def python_share(have: int, wanted: int) -> int:
    """How many rows to make in Python: all of them, except on PostgreSQL beyond the templates."""
    return min(wanted, max(have, TEMPLATES)) if connection.vendor == "postgresql" else wanted


def _enterprises(bulk, rng, wanted: int) -> None:
    have = Enterprise.objects.filter(address__endswith=ADDRESS_MARK).count()
    if have >= wanted:
        return
    used = set(Enterprise.objects.values_list("credit_code", flat=True))
    counties, industries, grades = list(County.values), list(Industry.values), list(RiskGrade.values)

    def code():
        while True:
            value = make_credit_code("91" + REGION + "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9)))
            if value not in used:
                used.add(value)
                return value

    rows = (
        Enterprise(
            name=f"娄底市{rng.choice(BRANDS)}{i + 1}号{rng.choice(SUFFIXES)}",
            credit_code=code(),
            county=rng.choice(counties),
            industry=rng.choice(industries),
            address=f"娄底市娄星区乐坪大道{i + 1}号{ADDRESS_MARK}",
            risk_grade=rng.choice(grades),
        )
        for i in range(have, wanted)
    )
    bulk(Enterprise, rows, wanted - have, "enterprises")


def _bench_enterprises():
    return list(Enterprise.objects.filter(address__endswith=ADDRESS_MARK).values_list("pk", "name", "credit_code"))


def _inspections(bulk, rng, wanted: int, enterprises) -> None:
    have = Inspection.objects.filter(action_name=ACTION).count()
    if have >= wanted:
        return
    if have >= TEMPLATES and clone_rows(
        Inspection,
        where=f"action_name = '{ACTION}'",
        have=have,
        wanted=wanted,
        templates=TEMPLATES,
        # spread the copies over the ten years and the enterprises, not repeat the templates' dates
        overrides={
            "inspected_on": "CURRENT_DATE - (1 + (g.i::bigint * 7919) %% 3649)::int",
            "enterprise_id": f"(SELECT min(id) FROM enforcement_enterprise WHERE address LIKE '%%{ADDRESS_MARK}') "
            f"+ (g.i::bigint * 104729) %% {len(enterprises)}",
        },
        desc="inspections",
    ):
        return
    wanted, rest = python_share(have, wanted), wanted
    now = timezone.now()
    today = timezone.localdate()
    results = [InspectionResult.NO_ISSUES, InspectionResult.HAZARDS, InspectionResult.CASE]
    rows = (
        Inspection(
            source=InspectionSource.SPECIAL,
            action_name=ACTION,
            enterprise_id=rng.choice(enterprises)[0],
            inspected_on=today - timedelta(days=rng.randrange(1, 3650)),
            result=(result := rng.choice(results)),
            findings="" if result == InspectionResult.NO_ISSUES else "现场检查发现问题，已下达责令限期整改指令书。",
            status="published",
            published_at=now - timedelta(minutes=rng.randrange(1, 60 * 24 * 3650)),
        )
        for _i in range(have, wanted)
    )
    bulk(Inspection, rows, wanted - have, "inspections")
    if rest > wanted:
        _inspections(bulk, rng, rest, enterprises)


def _penalties(bulk, rng, wanted: int, enterprises) -> None:
    have = Penalty.objects.filter(data_source=SOURCE).count()
    if have >= wanted:
        return
    if have >= TEMPLATES and clone_rows(
        Penalty,
        where=f"data_source = '{SOURCE}'",
        have=have,
        wanted=wanted,
        templates=TEMPLATES,
        # the same decision, date and period as its template (so every copy is valid), its own number
        overrides={
            "decision_no": "'（娄）应急罚〔' || extract(year FROM t.decided_on)::int || '〕' || (100000 + g.i) || '号'"
        },
        desc="penalties",
    ):
        return
    wanted, rest = python_share(have, wanted), wanted
    profile = BureauProfile.current()
    today = timezone.localdate()
    category = CATEGORY_OF_KIND[PenaltyKind.FINE].value

    def rows():
        for i in range(have, wanted):
            pk, name, credit_code = rng.choice(enterprises)
            decided = today - timedelta(days=rng.randrange(1, 300))
            severity = PenaltySeverity.GENERAL if i % 3 else PenaltySeverity.SERIOUS
            violation, basis = rng.choice(VIOLATIONS)
            fine = rng.randrange(1, 50) * 10000
            published = timezone.make_aware(
                timezone.datetime.combine(decided + timedelta(days=rng.randrange(1, 7)), timezone.datetime.min.time())
            ) + timedelta(hours=10, seconds=i % 3600)
            yield Penalty(
                decision_no=f"（娄）应急罚〔{decided.year}〕{100000 + i}号",
                party_kind=PartyKind.ORGANISATION,
                party_name=name,
                enterprise_id=pk,
                credit_code=credit_code,
                legal_representative="",
                violation_type=violation,
                violation=violation,
                legal_basis=basis,
                kind=PenaltyKind.FINE,
                categories=[category],
                content=f"罚款人民币 {fine // 10000} 万元",
                fine_amount=Decimal(fine),
                decided_on=decided,
                authority=profile.name,
                authority_code=profile.credit_code,
                data_source=SOURCE,
                data_source_code=profile.credit_code,
                severity=severity,
                publicity_ends_on=publicity_period.default_end(severity, decided),
                status="published",
                published_at=published,
            )

    bulk(Penalty, rows(), wanted - have, "penalties")
    if rest > wanted:
        _penalties(bulk, rng, rest, enterprises)


def generate(*, scale: float, bulk) -> None:
    rng = random.Random(20261202)
    _enterprises(bulk, rng, round(ENTERPRISES * scale))
    enterprises = _bench_enterprises()
    if not enterprises:
        return
    _inspections(bulk, rng, round(INSPECTIONS * scale), enterprises)
    _penalties(bulk, rng, round(PENALTIES * scale), enterprises)
