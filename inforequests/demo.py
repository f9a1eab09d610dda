"""Demo information requests across the Table 三 outcomes, 2019 to today, built through the ledger.

2019 follows PLAN as written (two requests carried in from December 2018); every later year
is PLAN moved to that year with a seeded variation (some requests dropped, some added, dates
moved by a few days), so each year's Table 三 differs; this year's stop at yesterday."""

import random
from datetime import date, datetime, timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from loudi_portal import demo as shell_demo
from loudi_portal import tracking
from loudi_portal.identifiers import make_credit_code, make_id_number

from .models import InfoRequest, Outcome
from .permissions import HANDLER_GROUP, ensure_handler_group
from .services import next_reference, record_event

TOPICS = [
    "2019 年全市烟花爆竹零售网点布局规划及审批名单",
    "某煤矿关闭奖补资金的拨付情况",
    "危险化学品经营企业安全风险分级结果",
    "双峰县一起工贸企业事故的调查报告",
    "2019 年安全生产“双随机”抽查计划和结果",
    "非煤矿山安全生产许可证延期办理的审查意见",
    "冶金工贸企业安全生产标准化达标名单",
    "本局 2018 年度部门决算",
    "涟源市某建设项目安全设施设计审查意见",
    "应急救援物资储备库的建设情况",
    "对某企业作出行政处罚的案卷材料",
    "新化县地质灾害应急预案",
]

# (received, applicant kind, channel, path) where path lists (days after receipt, kind, extras)
PLAN = [
    (date(2018, 12, 17), "person", "online", [(10, "answered", {"outcome": "1"})]),
    (date(2018, 12, 24), "commercial", "registered_post", [(25, "answered", {"outcome": "2"})]),
    (date(2019, 1, 8), "person", "online", [(6, "answered", {"outcome": "1"})]),
    (date(2019, 1, 21), "person", "in_person", [(0, "answered", {"outcome": "1"})]),
    (date(2019, 2, 19), "commercial", "online", [(9, "answered", {"outcome": "3.4"})]),
    (
        date(2019, 3, 4),
        "person",
        "online",
        [(2, "supplement_asked", {}), (9, "supplement_received", {}), (25, "answered", {"outcome": "1"})],
    ),
    (
        date(2019, 3, 18),
        "legal_service",
        "registered_post",
        [(5, "consultation_started", {}), (19, "consultation_ended", {}), (33, "answered", {"outcome": "2"})],
    ),
    (date(2019, 4, 2), "person", "online", [(12, "answered", {"outcome": "4.1"})]),
    (date(2019, 4, 22), "research", "online", [(14, "answered", {"outcome": "4.2"})]),
    (date(2019, 5, 6), "person", "ordinary_post", [(3, "supplement_asked", {}), (45, "abandoned", {})]),
    (date(2019, 5, 20), "person", "online", [(8, "answered", {"outcome": "5.1"})]),
    (
        date(2019, 6, 3),
        "person",
        "online",
        [(20, "extended", {"extension_days": 15}), (38, "answered", {"outcome": "1"})],
    ),
    (date(2019, 6, 17), "commercial", "online", [(11, "answered", {"outcome": "3.7"})]),
    (date(2019, 7, 1), "person", "in_person", [(7, "answered", {"outcome": "5.2"})]),
    (date(2019, 7, 15), "social", "online", [(16, "answered", {"outcome": "1"})]),
    (date(2019, 8, 5), "person", "online", [(13, "answered", {"outcome": "3.6"})]),
    (date(2019, 8, 26), "other_org", "fax", [(10, "answered", {"outcome": "4.1"})]),
    (
        date(2019, 9, 9),
        "person",
        "online",
        [(4, "supplement_asked", {}), (12, "supplement_received", {}), (30, "answered", {"outcome": "4.3"})],
    ),
    (date(2019, 9, 23), "person", "online", [(15, "answered", {"outcome": "1"})]),
    (date(2019, 10, 14), "commercial", "registered_post", [(18, "answered", {"outcome": "3.5"})]),
    (date(2019, 10, 28), "person", "online", [(9, "answered", {"outcome": "5.3"})]),
    (date(2019, 11, 11), "person", "online", [(17, "answered", {"outcome": "6.3"})]),
    (date(2019, 11, 25), "research", "online", [(12, "answered", {"outcome": "1"})]),
    (date(2019, 12, 9), "person", "in_person", [(8, "answered", {"outcome": "2"})]),
    (date(2019, 12, 20), "person", "online", [(22, "answered", {"outcome": "1"})]),  # carried into 2020
    (
        date(2019, 12, 27),
        "commercial",
        "online",
        [(6, "consultation_started", {}), (20, "consultation_ended", {}), (30, "answered", {"outcome": "3.4"})],
    ),
]


def demo_loader() -> User:
    """The shell's demo account, also a request handler here."""
    user = shell_demo.demo_loader()
    ensure_handler_group()
    user.groups.add(Group.objects.get(name=HANDLER_GROUP))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def _id_number(n: int) -> str:
    first17 = f"4313021985{(n % 12) + 1:02d}{(n % 27) + 1:02d}{n % 1000:03d}"
    return make_id_number(first17)


def load(*, stdout) -> None:
    load_year(stdout=stdout)
    today = timezone.localdate()
    for year in range(2020, today.year + 1):
        load_later_year(year, today, stdout=stdout)
    load_open(stdout=stdout)


def later_plan(year: int, today: date) -> list:
    """PLAN moved to `year`: seeded drops, additions and shifts; nothing past yesterday."""
    rng = random.Random(20200000 + year)
    rows = []
    for received, kind, channel, path in PLAN:
        if received.year != 2019 or rng.random() < 0.25:
            continue
        copies = 2 if rng.random() < 0.3 else 1
        for copy in range(copies):
            day = date(year, received.month, min(received.day, 28)) + timedelta(days=rng.randint(-4, 4) + 9 * copy)
            if day.year != year:
                continue
            last_event = day + timedelta(days=max(days for days, _k, _e in path))
            if last_event >= today:
                continue
            rows.append((day, kind, channel, path))
    return sorted(rows, key=lambda row: row[0])


def load_later_year(year: int, today: date, *, stdout) -> None:
    if InfoRequest.objects.filter(reference__startswith=f"YSQ-{year}-", name__startswith="演示").exists():
        return
    rows = later_plan(year, today)
    _load_rows(rows, first_n=(year - 2019) * 100, stdout=stdout)
    stdout.write(f"依申请公开：{len(rows)} 件 {year} 年演示申请。")


def load_open(*, stdout) -> None:
    """Three requests still being handled, dated from today, so the obligations board has work on it."""
    if InfoRequest.objects.filter(name__startswith="在办演示申请人").exists():
        return
    loader = demo_loader()
    today = timezone.localdate()
    for n, (ago, steps) in enumerate([(32, []), (12, []), (5, [(2, "supplement_asked")])], start=1):
        received = today - timedelta(days=ago)
        request = InfoRequest.objects.create(
            reference=next_reference(today.year),
            query_code_hash=tracking.hash_query_code(f"OPEN{n:04d}"),
            applicant_kind="person",
            name=f"在办演示申请人{n}",
            id_number=_id_number(100 + n),
            phone=f"0738-83{n:05d}",
            address="湖南省娄底市（演示地址）",
            description=TOPICS[(n * 5) % len(TOPICS)],
            channel="online",
            submitted_at=timezone.make_aware(datetime.combine(received, datetime.min.time()) + timedelta(hours=10)),
        )
        record_event(request=request, by=loader, kind="received", on=received, channel="online")
        for days, kind_of_event in steps:
            record_event(request=request, by=loader, kind=kind_of_event, on=received + timedelta(days=days))
    stdout.write("依申请公开：3 件在办演示申请。")


def load_year(*, stdout) -> None:
    if InfoRequest.objects.filter(reference__startswith="YSQ-2019-").exists():
        return
    _load_rows(PLAN, first_n=0, stdout=stdout)
    stdout.write(f"依申请公开：{len(PLAN)} 件演示申请（2018 年底至 2019 年）。")


def _load_rows(rows, *, first_n: int, stdout) -> None:
    loader = demo_loader()
    serials: dict[int, int] = {}
    for n, (received, kind, channel, path) in enumerate(rows, start=first_n + 1):
        serials[received.year] = serials.get(received.year, 0) + 1
        person = kind == "person"
        request = InfoRequest.objects.create(
            reference=f"YSQ-{received.year}-{serials[received.year]:05d}",
            query_code_hash=tracking.hash_query_code(f"DEMO{n:04d}"),
            applicant_kind=kind,
            name=f"演示申请人{n:02d}" if person else f"演示单位{n:02d}有限公司",
            id_number=_id_number(n) if person else "",
            credit_code="" if person else make_credit_code(f"9143130{n:02d}MA4L0000"[:17]),
            contact_person="" if person else "办公室",
            phone=f"0738-82{n:05d}",
            email=f"applicant{n:02d}@example.com",
            address="湖南省娄底市（演示地址）",
            description=TOPICS[n % len(TOPICS)],
            channel=channel,
            submitted_at=timezone.make_aware(datetime.combine(received, datetime.min.time()) + timedelta(hours=9)),
        )
        record_event(request=request, by=loader, kind="received", on=received, channel=channel)
        for days, kind_of_event, extras in path:
            extras = dict(extras)
            if kind_of_event == "extended":
                extras.update(approved_by="局政务公开办主任", applicant_told=True, note="涉及多个科室，需调取档案")
            if kind_of_event == "abandoned":
                extras.setdefault("outcome", Outcome.OTHER_NO_SUPPLEMENT)
            record_event(request=request, by=loader, kind=kind_of_event, on=received + timedelta(days=days), **extras)


def tracking_samples() -> list[str]:
    """Demo requests a newcomer can look up on /apply/track/: reference and query code (1 query).

    The demo's query codes are fixed (OPEN0001…, DEMO0001…) so they can be printed; only their
    hashes are stored, as for any request.
    """
    lines = []
    open_ones = InfoRequest.objects.filter(name__startswith="在办演示申请人").order_by("id")
    for request in open_ones[:2]:
        n = int(request.name.removeprefix("在办演示申请人"))
        lines.append((request.reference, f"OPEN{n:04d}", request.get_status_display()))
    first = InfoRequest.objects.filter(reference=f"YSQ-{PLAN[0][0].year}-00001").first()
    if first is not None:
        lines.append((first.reference, "DEMO0001", first.get_status_display()))
    return [f"依申请公开 /apply/track/  申请编号 {ref}  查询码 {code}（{status}）" for ref, code, status in lines]
