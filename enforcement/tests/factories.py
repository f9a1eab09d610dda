"""Small builders for enforcement tests (valid credit codes, published records)."""

import itertools
from datetime import date

from django.utils import timezone

from loudi_portal.identifiers import make_credit_code
from loudi_portal.publishing import Status

from ..models import (
    Closure,
    ClosureKind,
    County,
    Enterprise,
    Hazard,
    Industry,
    Inspection,
    InspectionPlan,
    InspectionResult,
    InspectionSource,
    Inspector,
    PartyKind,
    Penalty,
    PenaltyKind,
)

_serial = itertools.count(1)


def credit_code(n: int | None = None) -> str:
    n = next(_serial) if n is None else n
    return make_credit_code(f"91431302{n:09d}")


def enterprise(**kw) -> Enterprise:
    n = next(_serial)
    kw.setdefault("name", f"测试化工有限公司{n}")
    kw.setdefault("credit_code", credit_code(n))
    kw.setdefault("county", County.LOUXING)
    kw.setdefault("industry", Industry.CHEMICALS)
    return Enterprise.objects.create(**kw)


def inspector(**kw) -> Inspector:
    n = next(_serial)
    kw.setdefault("name", f"检查员{n}")
    kw.setdefault("cert_no", f"4313{n:07d}")
    return Inspector.objects.create(**kw)


def plan_fields(**kw) -> dict:
    """The fields of a complete plan (for drafts made through the lifecycle)."""
    kw.setdefault("year", 2026)
    kw.setdefault("title", f"测试抽查计划{next(_serial)}")
    kw.setdefault("enterprise_count", 2)
    kw.setdefault("inspectors_per_enterprise", 2)
    return kw


def plan(**kw) -> InspectionPlan:
    """A plan already reviewed and published (a draw is frozen only on a public plan)."""
    return InspectionPlan.objects.create(**published(**plan_fields(**kw)))


def lottery(numbers: str = "1") -> str:
    """A public value as staff type it: today's drawing (after the lists were frozen) and its numbers."""
    return f"{timezone.localdate():%Y年%m月%d日}开奖号码 {numbers}"


def canonical(source: str, numbers: str) -> str:
    """The canonical public value the draw stores for `lottery(numbers)` (numbers comma-separated)."""
    return f"{source}|{timezone.localdate().isoformat()}|{numbers}"


def published(**kw):
    return {"status": Status.PUBLISHED, "published_at": timezone.now(), **kw}


def inspection(**kw) -> Inspection:
    kw.setdefault("enterprise", kw.get("enterprise") or enterprise())
    kw.setdefault("source", InspectionSource.UNANNOUNCED)
    kw.setdefault("inspected_on", timezone.localdate())
    kw.setdefault("result", InspectionResult.HAZARDS)
    people = kw.pop("inspectors", None)
    obj = Inspection.objects.create(**kw)
    obj.inspectors.set(people or [inspector(), inspector()])
    return obj


def hazard(**kw) -> Hazard:
    kw.setdefault("inspection", kw.get("inspection") or inspection(**published()))
    kw.setdefault("description", "安全警示标志设置不全")
    kw.setdefault("deadline", timezone.localdate())
    kw = published(**kw) if "status" not in kw else kw
    return Hazard.objects.create(**kw)


def penalty(**kw) -> Penalty:
    n = next(_serial)
    kw.setdefault("decision_no", f"（娄）应急罚〔2026〕{n}号")
    kw.setdefault("party_kind", PartyKind.ORGANISATION)
    kw.setdefault("party_name", f"测试公司{n}")
    kw.setdefault("violation_type", "未按规定开展安全生产教育和培训")
    kw.setdefault("violation", "未按规定对从业人员进行安全生产教育和培训")
    kw.setdefault("legal_basis", "《中华人民共和国安全生产法》第九十七条")
    kw.setdefault("kind", PenaltyKind.FINE)
    kw.setdefault("content", "罚款人民币 2 万元")
    kw.setdefault("fine_amount", 20000)
    kw.setdefault("decided_on", timezone.localdate())
    return Penalty.objects.create(**kw)


def closure(**kw) -> Closure:
    kw.setdefault("kind", ClosureKind.FIREWORKS_OUTLET)
    kw.setdefault("name", f"测试烟花爆竹零售点{next(_serial)}")
    kw.setdefault("county", County.XINHUA)
    kw.setdefault("basis", "《烟花爆竹安全管理条例》")
    kw.setdefault("closed_on", date(2026, 3, 1))
    return Closure.objects.create(**kw)
