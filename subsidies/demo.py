"""Demo content of the closure subsidy ledger: the 2019 scheme, 25 closures, the tranches.

Figures from shared/DOMAIN.md: 9,000,000 / 2,000,000 元 per outburst-prone /
other mine, 5,000,000 元 reward and 500,000 元 working funds per mine closed
beyond a county's task, 25 mines closed in 2019, 21,800,000 元 from the city's
budget. Mine and enterprise names, dates and the split of the other funds are
invented for the demo; some money is still outstanding, as the bureau's own
report admits. Safe to re-run: everything is keyed by a natural key.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from loudi_portal.identifiers import make_credit_code

from .models import County, MineClosure, MineType, SubsidyPayment, SubsidyQuota, SubsidyScheme
from .services import record_payment, reverse_payment

YEAR = 2019
OB, N = MineType.OUTBURST, MineType.NON_OUTBURST

DIVISION = {
    County.LOUXING: ("431302", "娄星"),
    County.SHUANGFENG: ("431321", "双"),
    County.XINHUA: ("431322", "新"),
    County.LENGSHUIJIANG: ("431381", "冷"),
    County.LIANYUAN: ("431382", "涟"),
}

# Tasks handed down for 2019: Lianyuan, Lengshuijiang and Shuangfeng closed more.
QUOTAS = {
    County.LIANYUAN: 6,
    County.LENGSHUIJIANG: 5,
    County.XINHUA: 5,
    County.SHUANGFENG: 3,
    County.LOUXING: 2,
}

# county, short name, town, type, capacity (万吨/年), closure date, days to acceptance (None: not yet), credit code known
CLOSURES = [
    (County.LIANYUAN, "石门冲", "伏口镇", OB, "15", (3, 18), 45, True),
    (County.LIANYUAN, "枫坪", "斗笠山镇", OB, "12", (4, 9), 52, True),
    (County.LIANYUAN, "金竹", "七星街镇", N, "9", (5, 6), 38, True),
    (County.LIANYUAN, "黄泥塘", "安平镇", N, "6", (5, 27), 41, True),
    (County.LIANYUAN, "新桥", "桥头河镇", N, "6", (6, 20), 35, False),
    (County.LIANYUAN, "大塘", "湄江镇", N, "4.5", (7, 15), 60, True),
    (County.LIANYUAN, "青山", "渡头塘镇", N, "6", (9, 3), None, True),
    (County.LIANYUAN, "富源", "荷塘镇", N, "9", (10, 22), 48, True),
    (County.LENGSHUIJIANG, "铎山", "铎山镇", OB, "15", (3, 28), 50, True),
    (County.LENGSHUIJIANG, "长青", "渣渡镇", N, "9", (4, 25), 33, True),
    (County.LENGSHUIJIANG, "桐梓", "金竹山镇", N, "6", (5, 30), 40, True),
    (County.LENGSHUIJIANG, "兴旺", "中连乡", N, "4.5", (7, 2), 44, False),
    (County.LENGSHUIJIANG, "石坝", "禾青镇", N, "6", (8, 16), 57, True),
    (County.LENGSHUIJIANG, "龙口", "岩口镇", N, "6", (11, 8), None, True),
    (County.XINHUA, "坪溪", "温塘镇", N, "6", (4, 12), 36, True),
    (County.XINHUA, "双江", "游家镇", N, "4.5", (5, 17), 42, True),
    (County.XINHUA, "桃林", "洋溪镇", N, "6", (6, 28), 39, True),
    (County.XINHUA, "石冲", "孟公镇", N, "3", (8, 9), 65, False),
    (County.XINHUA, "金星", "炉观镇", N, "6", (9, 26), 47, True),
    (County.SHUANGFENG, "龙泉", "洪山殿镇", N, "9", (4, 3), 37, True),
    (County.SHUANGFENG, "永丰", "梓门桥镇", N, "6", (5, 21), 43, True),
    (County.SHUANGFENG, "红旗", "走马街镇", N, "4.5", (7, 11), 58, True),
    (County.SHUANGFENG, "大坪", "井字镇", N, "6", (10, 15), None, False),
    (County.LOUXING, "东方", "杉山镇", N, "6", (6, 6), 34, True),
    (County.LOUXING, "新塘", "茶园镇", N, "4.5", (8, 23), 46, True),
]

C, P, S = "central", "province", "city"

# voucher, mine short name or county, item, 元, date, funding level, note
PAYMENTS = [
    ("LDJB-2019-001", "石门冲", "subsidy", "6000000", (9, 20), C, "中央奖补资金第一批"),
    ("LDJB-2019-002", "铎山", "subsidy", "4500000", (9, 20), C, "中央奖补资金第一批"),
    ("LDJB-2019-003", "金竹", "subsidy", "1800000", (10, 15), P, "省级奖补资金"),
    ("LDJB-2019-004", "黄泥塘", "subsidy", "2000000", (10, 15), P, "省级奖补资金"),
    ("LDJB-2019-005", "新桥", "subsidy", "2000000", (10, 15), P, "省级奖补资金"),
    ("LDJB-2019-006", "长青", "subsidy", "2000000", (10, 15), P, "省级奖补资金"),
    ("LDJB-2019-007", "桐梓", "subsidy", "2000000", (10, 15), P, "省级奖补资金"),
    ("LDJB-2019-008", "坪溪", "subsidy", "2000000", (10, 18), P, "省级奖补资金"),
    ("LDJB-2019-009", "双江", "subsidy", "2000000", (10, 18), P, "省级奖补资金"),
    ("LDJB-2019-010", "龙泉", "subsidy", "2000000", (10, 18), P, "省级奖补资金"),
    ("LDJB-2019-011", "红旗", "subsidy", "2000000", (10, 18), P, "省级奖补资金"),
    ("LDJB-2019-014", "金竹", "subsidy", "2000000", (10, 28), P, "省级奖补资金（更正后重新入账）"),
    ("LDJB-2019-016", "永丰", "subsidy", "2000000", (11, 4), P, "省级奖补资金（更正后重新入账）"),
    ("LDJB-2019-017", "枫坪", "subsidy", "6000000", (11, 5), C, "中央奖补资金第二批"),
    ("LDJB-2019-018", "东方", "subsidy", "2000000", (11, 20), S, "市级奖补资金"),
    ("LDJB-2019-019", "新塘", "subsidy", "2000000", (11, 20), S, "市级奖补资金"),
    ("LDJB-2019-020", County.LIANYUAN, "reward", "5000000", (12, 6), S, "超任务关闭奖励（第一批）"),
    ("LDJB-2019-021", County.LENGSHUIJIANG, "reward", "5000000", (12, 6), S, "超任务关闭奖励"),
    ("LDJB-2019-022", County.LIANYUAN, "working_funds", "1000000", (12, 6), S, "超任务关闭工作经费"),
    ("LDJB-2019-023", County.LENGSHUIJIANG, "working_funds", "500000", (12, 6), S, "超任务关闭工作经费"),
    ("LDJB-2019-024", County.SHUANGFENG, "working_funds", "500000", (12, 6), S, "超任务关闭工作经费"),
    ("LDJB-2019-025", "石门冲", "subsidy", "3000000", (12, 10), P, "省级奖补资金"),
    ("LDJB-2019-026", "铎山", "subsidy", "2000000", (12, 10), P, "省级奖补资金"),
    ("LDJB-2020-001", "桃林", "subsidy", "2000000", (13, 15), P, "省级奖补资金"),
    ("LDJB-2020-002", "兴旺", "subsidy", "2000000", (13, 15), P, "省级奖补资金"),
    ("LDJB-2020-003", "大塘", "subsidy", "1200000", (13, 15), P, "省级奖补资金（部分）"),
    ("LDJB-2020-004", "石坝", "subsidy", "1200000", (13, 15), P, "省级奖补资金（部分）"),
    ("LDJB-2020-005", "金星", "subsidy", "1200000", (13, 15), P, "省级奖补资金（部分）"),
    ("LDJB-2020-006", "金星", "subsidy", "800000", (15, 8), S, "市级补足差额"),
    ("LDJB-2020-007", County.LIANYUAN, "reward", "5000000", (15, 8), S, "超任务关闭奖励（第二批）"),
    ("LDJB-2020-008", "红旗", "subsidy", "1000000", (17, 26), P, "省级奖补资金（部分）"),
    ("LDJB-2020-009", "富源", "subsidy", "1000000", (17, 26), P, "省级奖补资金（部分）"),
]

# original voucher, reversal voucher, date, reason; the reversal follows the original in PAYMENTS order
REVERSALS = [
    (
        "LDJB-2019-003",
        "LDJB-2019-013",
        (10, 28),
        "录入金额有误：本批省级资金应为 2,000,000 元，冲正后按正确金额重新入账。",
    ),
    ("LDJB-2019-011", "LDJB-2019-015", (11, 4), "挂错矿井：该笔资金应拨付双峰县永丰煤矿，冲正后重新入账。"),
]


def _day(month_day) -> date:
    """(month, day) of 2019; months past 12 run into 2020."""
    month, day = month_day
    return date(YEAR + (month - 1) // 12, (month - 1) % 12 + 1, day)


def load(*, stdout) -> None:
    scheme = SubsidyScheme.objects.current().filter(year=YEAR).first()
    if scheme is None:
        scheme = SubsidyScheme.objects.create(
            year=YEAR,
            title="2019年度淘汰退出不安全落后煤矿关闭奖补方案",
            basis_number="娄政办发〔2019〕8号（演示）",
            outburst_subsidy=Decimal("9000000"),
            non_outburst_subsidy=Decimal("2000000"),
            over_quota_reward=Decimal("5000000"),
            over_quota_working_funds=Decimal("500000"),
        )
    if not scheme.has_payments():
        for county, quota in QUOTAS.items():
            SubsidyQuota.objects.get_or_create(scheme=scheme, county=county, defaults={"quota": quota})

    mines = {}
    for number, (county, short, town, mine_type, capacity, closed, accept_days, has_code) in enumerate(
        CLOSURES, start=1
    ):
        division, prefix = DIVISION[county]
        closed_on = _day(closed)
        mines[short], _created = MineClosure.objects.get_or_create(
            decision_no=f"{prefix}煤关〔{YEAR}〕{number}号",
            defaults={
                "scheme": scheme,
                "mine_name": f"{County(county).label}{town}{short}煤矿",
                "enterprise_name": f"{County(county).label}{short}煤业有限公司",
                "enterprise_credit_code": make_credit_code(f"91{division}MA4L{number:05d}") if has_code else "",
                "county": county,
                "mine_type": mine_type,
                "capacity": Decimal(capacity),
                "closed_on": closed_on,
                "accepted_on": closed_on + timedelta(days=accept_days) if accept_days else None,
                # Entered and reviewed back then: the demo stores the published record as it stands.
                "status": "published",
                "published_at": timezone.make_aware(datetime.combine(closed_on + timedelta(days=7), time(10))),
            },
        )

    reversals = {original: rest for original, *rest in REVERSALS}
    added = 0
    for voucher, target, item, amount, when, level, note in PAYMENTS:
        if not SubsidyPayment.objects.filter(voucher_no=voucher).exists():
            closure = mines.get(target)
            record_payment(
                item=item,
                closure=closure,
                county=None if closure else target,
                year=YEAR,
                amount=Decimal(amount),
                paid_on=_day(when),
                funding_level=level,
                voucher_no=voucher,
                note=note,
                by=None,
            )
            added += 1
        if voucher in reversals:
            reversal_voucher, when, reason = reversals[voucher]
            if not SubsidyPayment.objects.filter(voucher_no=reversal_voucher).exists():
                reverse_payment(
                    payment=SubsidyPayment.objects.get(voucher_no=voucher),
                    reason=reason,
                    by=None,
                    voucher_no=reversal_voucher,
                    paid_on=_day(when),
                )
                added += 1
    stdout.write(f"煤矿关闭奖补：{len(mines)} 处关闭煤矿，新增 {added} 笔拨付记录。")
