"""Demo content of the enforcement record, 2019 to yesterday, 2019 exactly as the bureau's work report.

Generated with a fixed random seed per year, so every load builds the same data; each
part of each year is skipped when it is already there, so re-running changes nothing:
- hazardous chemicals risk grading: 11 producers and 275 trading enterprises, plus
  enterprises of the other key industries across the Loudi counties (valid credit codes);
- per year (YEAR_FIGURES): joint random-inspection plans with verifiable draws (2019: 57;
  this year's last two frozen, not drawn), special enforcement actions (2019: 12),
  complaint-driven and 四不两直 inspections;
- hazards (major ones under 一单四制, some overdue), penalties (some natural persons, one
  withdrawn in 2021 and this year; the older ones past their publication period), and
  closures (2019: 2 enterprises shut down, 142 fireworks outlets and 79 illegal sale points).
Names of people and enterprises are invented.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from loudi_portal.demo import DEMO_REASON
from loudi_portal.identifiers import CREDIT_CODE_ALPHABET, make_credit_code, make_id_number
from loudi_portal.publishing import Status

from . import publicity_period, services
from .models import (
    Closure,
    ClosureKind,
    County,
    Enterprise,
    EnterpriseStatus,
    Hazard,
    HazardLevel,
    HazardStatus,
    Industry,
    Inspection,
    InspectionPlan,
    InspectionResult,
    InspectionSource,
    Inspector,
    PartyKind,
    Penalty,
    PenaltyCategory,
    PenaltyKind,
    PenaltySeverity,
    RiskGrade,
)

SEED = 20190116
# Per year: joint random-inspection plans, special enforcement actions led, enterprises shut down,
# fireworks outlets closed, illegal sale points closed. 2019 is the bureau's own work report
# (57 joint inspections, 12 special actions, 2 enterprises shut down, 142 outlets and 79 illegal
# points closed, retail outlets cut from 4,200 to 1,400); later years: fewer closures as the
# outlet network settled, inspection numbers moving with each year's campaigns.
YEAR_FIGURES = {
    2019: (57, 12, 2, 142, 79),
    2020: (46, 9, 3, 31, 42),
    2021: (62, 11, 1, 18, 26),
    2022: (41, 8, 2, 12, 17),
    2023: (53, 12, 4, 9, 21),
    2024: (58, 10, 1, 6, 12),
    2025: (49, 11, 3, 5, 9),
    2026: (44, 9, 2, 4, 7),
}
REGION = {
    County.LOUXING: "431302",
    County.SHUANGFENG: "431321",
    County.XINHUA: "431322",
    County.LENGSHUIJIANG: "431381",
    County.LIANYUAN: "431382",
    County.ECONOMIC_ZONE: "431302",
    County.WANBAO: "431302",
}
TOWNS = {
    County.LOUXING: ["乐坪街道", "大科街道", "花山街道", "杉山镇", "茶园镇", "双江乡"],
    County.SHUANGFENG: ["永丰镇", "荷叶镇", "井字镇", "青树坪镇", "梓门桥镇", "杏子铺镇", "三塘铺镇"],
    County.XINHUA: ["上梅镇", "洋溪镇", "桑梓镇", "琅塘镇", "游家镇", "吉庆镇", "水车镇", "圳上镇"],
    County.LENGSHUIJIANG: ["锡矿山街道", "沙塘湾街道", "布溪街道", "渣渡镇", "禾青镇", "岩口镇"],
    County.LIANYUAN: ["蓝田街道", "杨市镇", "桥头河镇", "伏口镇", "七星街镇", "斗笠山镇", "湄江镇"],
    County.ECONOMIC_ZONE: ["万宝镇（经开区）", "涟钢片区", "娄底经开区创业大道"],
    County.WANBAO: ["万宝街道", "石井片区", "湘阳街道"],
}
COUNTY_WEIGHTS = [
    (County.LOUXING, 22),
    (County.SHUANGFENG, 16),
    (County.XINHUA, 20),
    (County.LENGSHUIJIANG, 14),
    (County.LIANYUAN, 18),
    (County.ECONOMIC_ZONE, 7),
    (County.WANBAO, 3),
]
BRANDS = (
    "恒达 华鑫 湘中 宏远 金鑫 永盛 隆兴 资江 梅山 紫鹊 龙山 熊山 水府 珠山 春园 氐星 蓝田 涟水 "
    "鑫源 鸿运 瑞丰 泰和 兴旺 丰源 顺达 德润 嘉禾 旭日 长青 腾飞 盛华 天成 宏图 锦程 众诚 同心 "
    "新湘 三湘 楚天 湘冶 华菱 锑都 雪峰 大乘 昌盛 开源 利民 安康 广源 东升 信达 万通 福星 宝来"
).split()
SUFFIX = {
    Industry.MINES: ["煤矿", "煤业有限公司", "石材矿", "锑矿有限公司", "采石场"],
    Industry.TRAFFIC: ["运输有限公司", "客运有限公司", "水运有限公司", "物流有限公司"],
    Industry.CONSTRUCTION: ["建设工程有限公司", "建筑有限公司", "路桥工程有限公司"],
    Industry.FIREWORKS: ["烟花爆竹批发有限公司", "烟花爆竹零售店", "花炮贸易有限公司"],
    Industry.METALLURGY: ["钢铁有限公司", "铸造有限公司", "锑品冶炼有限公司", "机械制造有限公司", "粉末冶金有限公司"],
    Industry.FIRE: ["商贸城", "大酒店", "购物广场", "娱乐城"],
    Industry.SCHOOL: ["校车服务有限公司", "实验学校", "职业技术学校"],
    Industry.SPECIAL_EQUIPMENT: ["燃气有限公司", "锅炉有限公司", "电梯工程有限公司"],
    Industry.TOURISM: ["旅游开发有限公司", "景区管理有限公司", "漂流有限公司"],
}
# Count per key industry besides hazardous chemicals (graded separately below).
OTHER_INDUSTRIES = {
    Industry.MINES: 40,
    Industry.TRAFFIC: 22,
    Industry.CONSTRUCTION: 26,
    Industry.FIREWORKS: 34,
    Industry.METALLURGY: 70,
    Industry.FIRE: 14,
    Industry.SCHOOL: 10,
    Industry.SPECIAL_EQUIPMENT: 14,
    Industry.TOURISM: 12,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁谢宋唐曾彭邓肖萧田袁贺邹龚谭蒋段颜"
GIVEN = (
    "建国 晓红 志强 敏 伟 芳 军 丽 勇 静 磊 洋 艳 杰 涛 明 超 华 平 辉 鹏 玲 斌 霞 波 红梅 海燕 卫东 湘平 梅林".split()
)
JOINT = [
    "市市场监督管理局",
    "市文化旅游广电体育局",
    "市交通运输局",
    "市住房和城乡建设局",
    "市消防救援支队",
    "市教育局",
    "市公安局",
    "市生态环境局",
]
SPECIAL_ACTIONS = [
    ("危险化学品安全专项整治", Industry.CHEMICALS),
    ("烟花爆竹“打非治违”专项行动", Industry.FIREWORKS),
    ("非煤矿山安全专项执法", Industry.MINES),
    ("冶金工贸有限空间作业专项检查", Industry.METALLURGY),
    ("粉尘涉爆企业专项治理", Industry.METALLURGY),
    ("煤矿“一通三防”专项执法", Industry.MINES),
    ("加油站安全专项检查", Industry.CHEMICALS),
    ("道路运输危险货物专项整治", Industry.TRAFFIC),
    ("建筑施工起重机械专项检查", Industry.CONSTRUCTION),
    ("人员密集场所消防安全专项检查", Industry.FIRE),
    ("汛期尾矿库安全专项执法", Industry.MINES),
    ("春节前后烟花爆竹经营专项检查", Industry.FIREWORKS),
]
HAZARDS = {
    "general": [
        "安全警示标志设置不全",
        "特种作业人员证书过期未复审",
        "应急预案未按期演练",
        "消防器材未定期检查",
        "安全培训记录不完整",
        "作业场所通道堆放杂物",
        "劳动防护用品配备不足",
        "隐患排查台账记录不规范",
        "电气线路私拉乱接",
        "有限空间作业审批手续不全",
    ],
}
MAJOR_HAZARDS = {
    Industry.CHEMICALS: [
        "储罐区可燃气体报警装置失效",
        "危险化学品仓库超量储存",
        "重点监管危险化工工艺未实现自动化控制",
    ],
    Industry.MINES: ["井下局部通风机无专人管理，存在瓦斯积聚风险", "尾矿库排洪设施堵塞", "露天采场未按设计分台阶开采"],
    Industry.FIREWORKS: ["烟花爆竹仓库防雷设施检测不合格", "成品仓库超量存放且防火间距不足"],
    Industry.METALLURGY: ["涉爆粉尘除尘系统未采取防爆措施", "高温熔融金属吊运未使用冶金铸造起重机"],
}
GENERIC_MAJOR = ["主要安全设施未经检测检验投入使用", "消防通道被占用且自动报警系统停用"]
# Each violation: (违法行为类型, 违法事实 with {n}, legal basis, kind, fine range, the industries it
# can occur in or None for any). The type is what the 双公示 column and the batch notices count;
# the fact is what the decision found.
VIOLATIONS = [
    (
        "未按规定对从业人员进行安全生产教育和培训",
        "经查，该单位{n}名新入职从业人员未经岗前安全生产教育和培训即上岗作业。",
        "《中华人民共和国安全生产法》第九十七条第（三）项",
        PenaltyKind.FINE,
        (10000, 50000),
        None,
    ),
    (
        "未如实记录安全生产教育和培训情况",
        "经查，该单位安全生产教育和培训档案不全，{n}名从业人员的培训时间、内容和考核结果未如实记录。",
        "《中华人民共和国安全生产法》第九十七条第（四）项",
        PenaltyKind.FINE,
        (10000, 30000),
        None,
    ),
    (
        "未采取措施消除事故隐患",
        "经查，该单位对执法检查发现并责令限期整改的{n}项事故隐患，逾期未采取措施消除。",
        "《中华人民共和国安全生产法》第一百零二条",
        PenaltyKind.SUSPENSION,
        (50000, 100000),
        None,
    ),
    (
        "危险化学品经营企业未按规定储存危险化学品",
        "经查，该单位将{n}种危险化学品存放在非专用仓库内，且未与禁忌物料分开储存。",
        "《危险化学品安全管理条例》第八十条",
        PenaltyKind.FINE,
        (50000, 100000),
        (Industry.CHEMICALS,),
    ),
    (
        "特种作业人员未持证上岗",
        "经查，该单位{n}名从事电工、焊接与热切割作业的人员未取得特种作业操作证即上岗作业。",
        "《中华人民共和国安全生产法》第九十七条第（七）项",
        PenaltyKind.FINE,
        (20000, 50000),
        None,
    ),
    (
        "未按规定设置安全警示标志",
        "经查，该单位在{n}处有较大危险因素的作业场所和设备设施上未设置明显的安全警示标志。",
        "《中华人民共和国安全生产法》第九十九条第（一）项",
        PenaltyKind.WARNING,
        (0, 0),
        None,
    ),
    (
        "超出许可范围经营烟花爆竹",
        "经查，该单位超出烟花爆竹经营许可证核准的经营范围，储存、销售未列入许可范围的产品{n}箱。",
        "《烟花爆竹安全管理条例》第三十八条",
        PenaltyKind.CONFISCATION,
        (5000, 20000),
        (Industry.FIREWORKS,),
    ),
]
PERSON_VIOLATIONS = [
    (
        "未经许可在居民区销售烟花爆竹",
        "经查，当事人未取得烟花爆竹经营许可证，在居民住宅内存放并销售烟花爆竹{n}箱。",
        "《烟花爆竹安全管理条例》第三十六条第二款",
        PenaltyKind.CONFISCATION,
        (1000, 5000),
        None,
    ),
    (
        "主要负责人未履行安全生产管理职责",
        "经查，当事人作为生产经营单位主要负责人，未组织制定并实施本单位安全生产教育和培训计划，"
        "对{n}项事故隐患未督促整改。",
        "《中华人民共和国安全生产法》第九十五条",
        PenaltyKind.FINE,
        (20000, 60000),
        None,
    ),
]


def _violation_for(industry: str | None, drawn: tuple, serial: int) -> tuple[str, str, str, str, tuple]:
    """The drawn violation if it can occur in the party's industry, else another that can; and its fact.

    Draws from its own random, never the caller's, so the rest of the demo is unchanged.
    """
    local = random.Random(serial * 7919 + len(drawn[0]))
    fitting = [v for v in VIOLATIONS if v[5] is None or industry in v[5]]
    chosen = drawn if drawn[5] is None or industry in drawn[5] else local.choice(fitting)
    violation_type, fact, basis, kind, amounts, _industries = chosen
    return violation_type, fact.format(n=local.randint(2, 6)), basis, kind, amounts


OUTLET_BASIS = "《烟花爆竹安全管理条例》第三条、《烟花爆竹经营许可实施办法》：零售网点布局调整，经营许可证到期不再延续，依法注销并关闭。"
ILLEGAL_BASIS = "《烟花爆竹安全管理条例》第三十六条：未经许可经营烟花爆竹，依法取缔，没收非法经营物品。"


def _county(rng) -> str:
    counties, weights = zip(*COUNTY_WEIGHTS, strict=True)
    return rng.choices(counties, weights)[0]


def _code(rng, county: str, used: set) -> str:
    while True:
        org = "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(9))
        code = make_credit_code("91" + REGION[county] + org)
        if code not in used:
            used.add(code)
            return code


def _person(rng) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _day(rng, year: int, last: date) -> date:
    first = date(year, 1, 4)
    return first + timedelta(days=rng.randrange(max((last - first).days, 1)))


def _risk(rng, weights=(5, 20, 40, 35)) -> str:
    return rng.choices([RiskGrade.MAJOR, RiskGrade.HIGH, RiskGrade.GENERAL, RiskGrade.LOW], weights)[0]


def load_enterprises(rng) -> int:
    used_codes: set = set()
    used_names: set = set()
    rows = []

    def add(name_core: str, industry: str, county: str, risk: str, status=EnterpriseStatus.OPERATING):
        place = county.label[:2] if county not in (County.ECONOMIC_ZONE, County.WANBAO) else "娄底"
        name = f"{place}{name_core}"
        n = 2
        while name in used_names:
            name = (
                f"{place}{name_core[:-4]}{n}{name_core[-4:]}"
                if name_core.endswith("有限公司")
                else f"{place}{name_core}{n}号"
            )
            n += 1
        used_names.add(name)
        rows.append(
            Enterprise(
                name=name,
                credit_code=_code(rng, county, used_codes),
                county=county,
                industry=industry,
                address=f"{county.label}{rng.choice(TOWNS[county])}{rng.randrange(1, 300)}号",
                risk_grade=risk,
                status=status,
            )
        )

    # Hazardous chemicals: 11 producers and 275 traders graded by risk (双重预防机制).
    for _i in range(11):
        add(
            rng.choice(BRANDS) + rng.choice(["化工有限公司", "化学工业有限公司", "精细化工有限公司"]),
            Industry.CHEMICALS,
            _county(rng),
            _risk(rng, (20, 40, 30, 10)),
        )
    for _i in range(275):
        core = rng.choice(BRANDS) + rng.choice(
            ["化工贸易有限公司", "加油站", "液化气供应站", "油品经营部", "化工原料经营部"]
        )
        add(core, Industry.CHEMICALS, _county(rng), _risk(rng, (2, 13, 45, 40)))
    for industry, count in OTHER_INDUSTRIES.items():
        for _i in range(count):
            county = _county(rng)
            if industry == Industry.MINES:
                county = rng.choice([County.LENGSHUIJIANG, County.LIANYUAN, County.XINHUA, County.SHUANGFENG])
            status = EnterpriseStatus.SUSPENDED if rng.random() < 0.04 else EnterpriseStatus.OPERATING
            add(rng.choice(BRANDS) + rng.choice(SUFFIX[industry]), industry, county, _risk(rng), status)
    # Idempotent by credit code: only codes not yet in the directory are added.
    existing = set(Enterprise.objects.values_list("credit_code", flat=True))
    missing = [e for e in rows if e.credit_code not in existing]
    bulk_create_with_history(missing, Enterprise, batch_size=500, default_change_reason=DEMO_REASON)
    return len(missing)


def load_inspectors(rng) -> int:
    if Inspector.objects.filter(cert_no__startswith="43130019").exists():
        return 0
    units = ["娄底市应急管理局执法支队"] * 4 + ["娄底市应急管理局危化科", "娄底市应急管理局煤矿科"]
    people = []
    names = set()
    for n in range(1, 41):
        name = _person(rng)
        while name in names:
            name = _person(rng)
        names.add(name)
        people.append(
            Inspector(name=name, cert_no=f"43130019{n:03d}", unit=rng.choice(units), is_active=n not in (17, 33))
        )
    bulk_create_with_history(people, Inspector, default_change_reason=DEMO_REASON)
    # A few declared conflicts (回避): relatives or former employers.
    enterprises = list(Enterprise.objects.order_by("credit_code").values_list("pk", flat=True))
    for inspector in Inspector.objects.filter(cert_no__startswith="43130019").order_by("cert_no")[:12]:
        inspector.conflicts.set(rng.sample(enterprises, 2))
    return len(people)


class Batch:
    """Inspections, their inspectors and hazards, written in a few bulk inserts (with history rows)."""

    def __init__(self):
        self.items: list[tuple[Inspection, list, list]] = []

    def add(self, *, rng, enterprise, inspectors, on, source, plan=None, action="", last: date) -> None:
        roll = rng.random()
        result = (
            InspectionResult.NO_ISSUES
            if roll < 0.35
            else InspectionResult.HAZARDS
            if roll < 0.85
            else InspectionResult.CASE
            if roll < 0.96
            else InspectionResult.SUSPENDED
        )
        inspection = Inspection(
            source=source,
            plan=plan,
            action_name=action,
            enterprise=enterprise,
            inspected_on=on,
            result=result,
            findings="" if result == InspectionResult.NO_ISSUES else "现场检查发现问题，已下达责令限期整改指令书。",
            status=Status.PUBLISHED,
            # Results are published within 20 working days of the inspection, never after today.
            published_at=timezone.make_aware(_midday(min(on + timedelta(days=rng.randint(2, 12)), _yesterday()))),
        )
        hazards = []
        if result != InspectionResult.NO_ISSUES:
            for _i in range(rng.randint(1, 3)):
                major = rng.random() < 0.12
                deadline = on + timedelta(days=rng.choice([15, 30, 45, 60, 90]))
                done = deadline < last and rng.random() < 0.85 or rng.random() < 0.3
                hazards.append(
                    Hazard(
                        description=rng.choice(
                            MAJOR_HAZARDS.get(enterprise.industry, GENERIC_MAJOR) if major else HAZARDS["general"]
                        ),
                        level=HazardLevel.MAJOR if major else HazardLevel.GENERAL,
                        responsible_person=_person(rng) if major else "",
                        measures="停用相关设施，制定专项整改方案，落实专人专责，整改完成后申请复查。" if major else "",
                        funds=Decimal(rng.randrange(20, 300) * 1000) if major else None,
                        deadline=deadline,
                        rectification_status=HazardStatus.RECTIFIED if done else HazardStatus.RECTIFYING,
                        status=Status.PUBLISHED,
                        published_at=inspection.published_at,
                        rectified_on=min(deadline - timedelta(days=rng.randrange(0, 10)), last) if done else None,
                    )
                )
        self.items.append((inspection, list(inspectors), hazards))

    def save(self) -> int:
        inspections = [i for i, _p, _h in self.items]
        for inspection in inspections:
            inspection.full_clean(exclude=["inspectors"])
        # PostgreSQL and SQLite >= 3.35 return the new ids, set on the objects themselves.
        saved = bulk_create_with_history(inspections, Inspection, batch_size=500, default_change_reason=DEMO_REASON)
        assert all(row.pk for row in saved)
        through = Inspection.inspectors.through
        links, hazards = [], []
        for row, (_i, people, found) in zip(saved, self.items, strict=True):
            links += [through(inspection_id=row.pk, inspector_id=p.pk) for p in people]
            for hazard in found:
                hazard.inspection_id = row.pk
                hazards.append(hazard)
        through.objects.bulk_create(links, batch_size=500)
        bulk_create_with_history(hazards, Hazard, batch_size=500, default_change_reason=DEMO_REASON)
        return len(inspections)


def load_plans(rng, year: int, last: date, count: int, current: bool) -> int:
    if InspectionPlan.objects.filter(year=year, title__startswith=f"{year}年联合抽查").exists():
        return 0
    inspectors = {i.cert_no: i for i in Inspector.objects.all()}
    enterprises = {e.credit_code: e for e in Enterprise.objects.all()}
    industries = [i for i in Industry.values]
    days = sorted(_day(rng, year, last - timedelta(days=10)) for _ in range(count))
    batch = Batch()
    for n, day in enumerate(days, start=1):
        industry = rng.choice(industries)
        joint = rng.sample(JOINT, rng.randint(1, 2))
        lead = rng.choice(["娄底市应急管理局", joint[0]])
        # The lead department is never listed again among the joint ones.
        joint = [j for j in joint if j != lead] or ["娄底市应急管理局"]
        plan = InspectionPlan.objects.create(
            year=year,
            title=f"{year}年联合抽查第{n}批：{Industry(industry).label}",
            lead_department=lead,
            joint_departments="、".join(j for j in joint),
            industries=[industry],
            counties=[] if rng.random() < 0.6 else [_county(rng)],
            enterprise_count=rng.randint(2, 5),
            inspectors_per_enterprise=2,
            description="按“双随机、一公开”要求联合抽查，检查结果依法公示。",
            # A past plan, stored as reviewed and published before its draw.
            status=Status.PUBLISHED,
            published_at=timezone.make_aware(_midday(day - timedelta(days=4))),
        )
        if plan.candidates().count() < plan.enterprise_count:
            plan.counties = []
            plan.save()
        draw = services._freeze(
            plan=plan,
            public_source=f"{day:%Y年%m月%d日}中国福利彩票“3D”当期开奖号码",
            by=None,
            at=timezone.make_aware(_midday(day - timedelta(days=3))),
        )
        if current and n > count - 2:
            continue  # this year's last two wait for their public value
        # Typed as staff type it; the draw uses its canonical form (source|date|numbers).
        value = f"{day:%Y年%m月%d日}开奖号码：" + "、".join(str(rng.randrange(10)) for _ in range(3))
        draw = services._draw(draw=draw, public_value=value, by=None, at=timezone.make_aware(_midday(day)))
        for row in draw.selected:
            batch.add(
                rng=rng,
                enterprise=enterprises[row["credit_code"]],
                inspectors=[inspectors[c] for c in row["inspectors"]],
                on=min(day + timedelta(days=rng.randint(3, 20)), last),
                source=InspectionSource.RANDOM,
                plan=plan,
                last=last,
            )
    batch.save()
    return len(days)


def _yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)


def _midday(day: date):
    from datetime import datetime, time

    return datetime.combine(day, time(10, 0))


def load_other_inspections(rng, year: int, last: date, actions: int) -> int:
    if Inspection.objects.filter(source=InspectionSource.SPECIAL, inspected_on__year=year).exists():
        return 0
    active = list(Inspector.objects.filter(is_active=True))
    batch = Batch()
    chosen = SPECIAL_ACTIONS if actions >= len(SPECIAL_ACTIONS) else rng.sample(SPECIAL_ACTIONS, actions)
    for action, industry in chosen:
        pool = list(Enterprise.objects.filter(industry=industry, status=EnterpriseStatus.OPERATING))
        start = _day(rng, year, last - timedelta(days=30))
        for enterprise in rng.sample(pool, min(len(pool), rng.randint(4, 8))):
            on = min(start + timedelta(days=rng.randint(0, 20)), last)
            batch.add(
                rng=rng,
                enterprise=enterprise,
                inspectors=rng.sample(active, 2),
                on=on,
                source=InspectionSource.SPECIAL,
                action=f"{year}年{action}",
                last=last,
            )
    everyone = list(Enterprise.objects.filter(status=EnterpriseStatus.OPERATING))
    for source, n in (
        (InspectionSource.COMPLAINT, rng.randint(8, 16)),
        (InspectionSource.UNANNOUNCED, rng.randint(18, 32)),
    ):
        for enterprise in rng.sample(everyone, n):
            batch.add(
                rng=rng,
                enterprise=enterprise,
                inspectors=rng.sample(active, rng.choice([2, 2, 3])),
                on=_day(rng, year, last),
                source=source,
                last=last,
            )
    return batch.save()


def load_penalties(rng, year: int, last: date, current: bool) -> int:
    if Penalty.objects.filter(decision_no__startswith=f"（娄）应急罚〔{year}〕").exists():
        return 0
    cases = list(
        Inspection.objects.filter(
            result__in=[InspectionResult.CASE, InspectionResult.SUSPENDED], inspected_on__year=year
        )
        .select_related("enterprise")
        .order_by("inspected_on", "id")
    )
    rows = []
    serial = 0
    for inspection in cases:
        serial += 1
        violation_type, violation, basis, kind, (low, high) = _violation_for(
            inspection.enterprise.industry, rng.choice(VIOLATIONS), year * 1000 + serial
        )
        decided = min(inspection.inspected_on + timedelta(days=rng.randint(10, 40)), last)
        rows.append(
            Penalty(
                decision_no=f"（娄）应急罚〔{year}〕{serial}号",
                party_kind=PartyKind.ORGANISATION,
                party_name=inspection.enterprise.name,
                enterprise=inspection.enterprise,
                credit_code=inspection.enterprise.credit_code,
                legal_representative=_person(rng),
                violation_type=violation_type,
                violation=violation,
                legal_basis=basis,
                kind=kind,
                fine_amount=Decimal(rng.randrange(low, high + 1, 1000) if high else 0),
                decided_on=decided,
            )
        )
    for _i in range(rng.randint(4, 9)):
        serial += 1
        violation_type, violation, basis, kind, (low, high) = _violation_for(
            None, rng.choice(PERSON_VIOLATIONS), year * 1000 + serial
        )
        county = _county(rng)
        rows.append(
            Penalty(
                decision_no=f"（娄）应急罚〔{year}〕{serial}号",
                party_kind=PartyKind.PERSON,
                party_name=_person(rng),
                party_id_number=make_id_number(
                    f"{REGION[county]}19{rng.randint(60, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
                ),
                violation_type=violation_type,
                violation=violation,
                legal_basis=basis,
                kind=kind,
                fine_amount=Decimal(rng.randrange(low, high + 1, 500)),
                decided_on=_day(rng, year, last),
            )
        )
    for penalty in rows:
        due = services.publication_deadline(penalty.decided_on)
        published_on = min(penalty.decided_on + timedelta(days=rng.randint(1, 8)), last)
        if published_on <= last:
            penalty.status = Status.PUBLISHED
            penalty.published_at = timezone.make_aware(
                _midday(min(published_on, due if rng.random() < 0.9 else published_on))
            )
    if current:
        rows[-1].status = Status.DRAFT  # decided, not yet published: shows the deadline
        rows[-1].published_at = None
        rows[-1].decided_on = last - timedelta(days=2)
    if len(rows) > 3 and year in (2021, 2026):
        withdrawn = rows[2]
        withdrawn.status = Status.WITHDRAWN
        withdrawn.withdrawn_at = timezone.make_aware(_midday(min(withdrawn.decided_on + timedelta(days=75), last)))
        withdrawn.withdrawal_reason = "当事人申请行政复议，复议机关以事实认定不清为由撤销该处罚决定，本局撤回公示。"
    for i, penalty in enumerate(rows):
        _dual_publicity_fields(penalty)
        penalty.severity = _SEVERITY_BY_KIND.get(penalty.kind, PenaltySeverity.GENERAL)
        if penalty.severity == PenaltySeverity.MINOR and i % 2:
            # A 轻微 one published all the same, for the 3 months the rule allows at most.
            penalty.publicity_ends_on = publicity_period.latest_end(penalty.severity, penalty.decided_on)
        penalty.save()
    services.record_publicity_lapses()
    return len(rows)


def _dual_publicity_fields(penalty: Penalty) -> None:
    """The 双公示 fields of a demo decision, from its kind and amount."""
    amount = penalty.fine_amount
    wan = format(amount / 10000, "f").rstrip("0").rstrip(".") if amount else ""
    if penalty.kind == PenaltyKind.CONFISCATION:
        penalty.fine_amount, penalty.confiscation_amount = Decimal(0), amount
        penalty.content = f"没收违法所得人民币 {wan} 万元"
    elif penalty.kind == PenaltyKind.SUSPENSION:
        penalty.categories = [PenaltyCategory.FINE, PenaltyCategory.SUSPEND_BUSINESS]
        penalty.content = f"责令停产停业整顿 1 个月，并处罚款人民币 {wan} 万元"
        penalty.effective_until = penalty.decided_on + timedelta(days=30)
    elif penalty.kind == PenaltyKind.WARNING:
        penalty.content = "警告，责令限期改正"
    else:
        penalty.content = f"罚款人民币 {wan} 万元"


# Demo severities by kind of penalty: a warning is 轻微, suspending or closing is 严重.
_SEVERITY_BY_KIND = {
    PenaltyKind.WARNING: PenaltySeverity.MINOR,
    PenaltyKind.SUSPENSION: PenaltySeverity.SERIOUS,
    PenaltyKind.LICENCE: PenaltySeverity.SERIOUS,
    PenaltyKind.CLOSURE: PenaltySeverity.SERIOUS,
}


def load_closures(rng, year: int, last: date, figures: tuple) -> int:
    if Closure.objects.filter(closed_on__year=year).exists():
        return 0
    _plans, _actions, shut_count, outlets, illegal = figures
    rows = []
    shut = list(
        Enterprise.objects.filter(
            industry__in=[Industry.MINES, Industry.FIREWORKS, Industry.CHEMICALS, Industry.METALLURGY],
            status=EnterpriseStatus.OPERATING,
        ).order_by("credit_code")[:shut_count]
    )
    for enterprise in shut:
        rows.append(
            Closure(
                kind=ClosureKind.ENTERPRISE,
                name=enterprise.name,
                enterprise=enterprise,
                county=enterprise.county,
                address=enterprise.address,
                basis="《中华人民共和国安全生产法》第一百一十三条：存在重大事故隐患，经停产停业整顿仍不具备安全生产条件，依法提请关闭。",
                closed_on=_day(rng, year, last),
            )
        )
    for kind, total, basis, label in (
        (ClosureKind.FIREWORKS_OUTLET, outlets, OUTLET_BASIS, "烟花爆竹零售点"),
        (ClosureKind.ILLEGAL_SALE_POINT, illegal, ILLEGAL_BASIS, "非法烟花爆竹销售点"),
    ):
        for n in range(1, total + 1):
            county = _county(rng)
            town = rng.choice(TOWNS[county])
            owner = rng.choice(SURNAMES) + "某"
            rows.append(
                Closure(
                    kind=kind,
                    name=f"{town}{label}（{owner}，{year}年第{n}号）",
                    county=county,
                    address=f"{county.label}{town}{rng.choice(['新街', '老街', '集市', '村部旁', '路口'])}{rng.randrange(1, 200)}号",
                    basis=basis,
                    closed_on=_day(rng, year, last),
                )
            )
    for closure in rows:
        closure.status = Status.PUBLISHED
        closure.published_at = timezone.make_aware(
            _midday(min(closure.closed_on + timedelta(days=rng.randint(1, 6)), _yesterday()))
        )
    bulk_create_with_history(rows, Closure, batch_size=500, default_change_reason=DEMO_REASON)
    for enterprise in shut:
        enterprise.status = EnterpriseStatus.CLOSED
        enterprise.save()
    return len(rows)


def demo_years() -> list[int]:
    """2019 up to the year of yesterday (on 1 January the year just ended is the last one)."""
    return list(range(2019, _yesterday().year + 1))


def load(*, stdout) -> None:
    rng = random.Random(SEED)
    counts = {"企业": load_enterprises(rng), "检查人员": load_inspectors(rng)}
    years = demo_years()
    for year in years:
        # One generator per year, so a year's records do not depend on how many came before.
        rng = random.Random(SEED + year)
        current = year == years[-1]
        last = _yesterday() if current else date(year, 12, 31)
        figures = YEAR_FIGURES.get(year) or YEAR_FIGURES[max(YEAR_FIGURES)]
        plans, actions = figures[0], figures[1]
        added = {
            "抽查计划": load_plans(rng, year, last, plans, current),
            "专项与其他检查": load_other_inspections(rng, year, last, actions),
            "行政处罚": load_penalties(rng, year, last, current),
            "关闭取缔": load_closures(rng, year, last, figures),
        }
        for key, value in added.items():
            counts[key] = counts.get(key, 0) + value
    stdout.write(
        f"执法公示（{years[0]}-{years[-1]} 年）：" + "，".join(f"新增{k} {v}" for k, v in counts.items()) + "。"
    )
