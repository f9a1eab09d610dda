"""Demo 救灾 records: four disasters' losses (one still a draft, on the obligations board) and the
donations of 2024 with how they were used. Safe to re-run (looked up by title and donor)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from loudi_portal.areas import County
from loudi_portal.publishing import Status

from .models import DisasterLoss, DisasterType, Donation, DonationKind, DonorKind

LOSSES = [
    # title, type, began, ended, counties, area, affected, deaths, missing, relocated, crops ha,
    # collapsed, damaged, direct loss (元), formed on, published (None: still a draft)
    (
        "2019年7月上旬强降雨过程",
        DisasterType.FLOOD,
        date(2019, 7, 6),
        date(2019, 7, 10),
        [County.XINHUA, County.LIANYUAN, County.LENGSHUIJIANG],
        "新化县奉家镇、天门乡，涟源市桥头河镇，冷水江市金竹山乡",
        86500,
        0,
        0,
        12300,
        "9860.50",
        126,
        845,
        "318600000",
        date(2019, 7, 15),
        date(2019, 7, 19),
    ),
    (
        "2022年夏秋连旱",
        DisasterType.DROUGHT,
        date(2022, 7, 20),
        date(2022, 10, 10),
        [County.SHUANGFENG, County.LOUXING, County.LIANYUAN],
        "双峰县永丰街道、青树坪镇，娄星区杉山镇，涟源市伏口镇",
        152000,
        0,
        0,
        0,
        "21450.00",
        0,
        0,
        "265400000",
        date(2022, 10, 14),
        date(2022, 10, 28),
    ),
    (
        "2024年6月中旬强降雨过程",
        DisasterType.FLOOD,
        date(2024, 6, 16),
        date(2024, 6, 21),
        [County.XINHUA, County.LENGSHUIJIANG],
        "新化县水车镇、文田镇，冷水江市锡矿山街道",
        43200,
        1,
        0,
        6800,
        "3120.00",
        58,
        402,
        "126800000",
        date(2024, 6, 26),
        date(2024, 7, 5),
    ),
    (
        "2026年11月中旬风雹",
        DisasterType.WIND_HAIL,
        date(2026, 11, 16),
        date(2026, 11, 16),
        [County.SHUANGFENG],
        "双峰县荷叶镇、锁石镇",
        3100,
        0,
        0,
        210,
        "265.30",
        0,
        37,
        "4120000",
        date(2026, 11, 20),
        None,
    ),
]

DONATIONS = [
    # donor kind, donor, received, kind, goods, amount, used, use
    (
        DonorKind.ORGANISATION,
        "湖南某能源集团有限公司",
        date(2024, 6, 24),
        DonationKind.MONEY,
        "",
        "500000",
        "500000",
        "全部用于新化县水车镇、文田镇受灾群众过渡期生活救助，按县民政、应急部门核定名单发放。",
    ),
    (
        DonorKind.ORGANISATION,
        "娄底市某商会",
        date(2024, 6, 25),
        DonationKind.GOODS,
        "棉被 800 床、矿泉水 1200 箱、方便食品 600 箱",
        "186000",
        "186000",
        "6月27日运抵冷水江市锡矿山街道安置点，全部发放。",
    ),
    (
        DonorKind.PERSON,
        "刘建国",
        date(2024, 6, 28),
        DonationKind.MONEY,
        "",
        "20000",
        "12000",
        "12,000 元用于新化县倒损住房恢复重建补助，余款结转下一年度救灾使用。",
    ),
    (DonorKind.ANONYMOUS, "", date(2024, 7, 2), DonationKind.MONEY, "", "5000", "0", "结转下一年度救灾使用。"),
]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(15, 0)))


def load(*, stdout) -> None:
    created = 0
    for (title, kind, began, ended, counties, area, affected, deaths, missing, relocated, crops, collapsed,
         damaged, loss, formed, published) in LOSSES:  # fmt: skip
        if DisasterLoss.objects.filter(title=title).exists():
            continue
        record = DisasterLoss(
            title=title,
            disaster_type=kind,
            began_on=began,
            ended_on=ended,
            counties=[c.value for c in counties],
            area_detail=area,
            affected_people=affected,
            deaths=deaths,
            missing=missing,
            relocated=relocated,
            crops_hectares=Decimal(crops),
            houses_collapsed=collapsed,
            houses_damaged=damaged,
            direct_loss=Decimal(loss),
            formed_on=formed,
            statistics_note="县市区应急管理部门核报，市应急管理局汇总核定",
        )
        if published:
            record.status, record.published_at = Status.PUBLISHED, _at(published)
        record._change_reason = "演示数据"
        record.save()
        created += 1
    for donor_kind, donor, received, kind, goods, amount, used, use in DONATIONS:
        if Donation.objects.filter(donor=donor, received_on=received).exists():
            continue
        record = Donation(
            year=received.year,
            donor_kind=donor_kind,
            donor=donor,
            received_on=received,
            kind=kind,
            goods=goods,
            amount=Decimal(amount),
            used_amount=Decimal(used),
            use=use,
            formed_on=received + timedelta(days=10),
            status=Status.PUBLISHED,
            published_at=_at(received + timedelta(days=16)),
        )
        record._change_reason = "演示数据"
        record.save()
        created += 1
    stdout.write(f"救灾信息：新建 {created} 条因灾损失和捐赠款物记录。")
