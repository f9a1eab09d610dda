"""Demo notices that sum up other apps' demo records, so the text a citizen reads and the
registers it points to give the same numbers (issue 17).

They are written in `demo.load_late`, after every app's `load`, from the records themselves.
The models are looked up by name (no import between apps, tests/test_architecture.py). Each
summary counts what was published; the registers list the records one by one, and the
licensing summaries link to the register filtered to their quarter.
"""

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.apps import apps as django_apps
from django.urls import reverse

from .demo_html import p, table

BUREAU = "娄底市应急管理局"


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _contact(department: str, phone: str, day: date) -> str:
    return p(
        f"联系科室：{BUREAU}{department}；联系电话：{phone}；通讯地址：湖南省娄底市娄星区长青中街（邮编417000）。"
        "对公示内容有异议的，可在工作日向联系科室反映，本局核实后依法处理并答复。",
        f"{BUREAU}<br>{_day(day)}",
    )


def _quarter(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


# --- 2019年跨部门联合“双随机”抽查结果汇总: the year's joint random inspections.

JOINT_SUMMARY = ("inspections", "2019年跨部门联合“双随机”抽查结果汇总", 2019, date(2020, 1, 10))


def joint_inspection_summary(year: int) -> str:
    """The year's joint random inspections, counted from its published plans (1 query)."""
    plans = list(django_apps.get_model("enforcement", "InspectionPlan").objects.published().filter(year=year))
    departments: dict[str, int] = {}
    for plan in plans:
        for name in {plan.lead_department.strip(), *plan.joint_list()} - {BUREAU, ""}:
            departments[name] = departments.get(name, 0) + 1
    led = sum(1 for plan in plans if plan.lead_department.strip() == BUREAU)
    rows = [[name, str(n)] for name, n in sorted(departments.items(), key=lambda item: (-item[1], item[0]))]
    return p(
        f"{year}年，本局与市场监管、文化旅游、交通运输等部门开展跨部门联合“双随机”抽查{len(plans)}次，"
        f"其中本局牵头{led}次、其他部门牵头{len(plans) - led}次。各次抽查的计划、抽取过程和检查结果"
        "均已在“双随机”抽查计划与抽取结果、监督检查结果公示栏目公开，可逐次查验。"
    ) + table("各部门参与联合抽查次数（一次抽查可有多个部门参与）", ["联合部门", "参与次数"], rows)


# --- 行政许可办理结果公示 (quarterly): the licensing decisions of the quarter, by service.

# (title, year, quarter, publication day)
LICENSING_SUMMARIES = [
    ("2019年第四季度安全生产行政许可办理结果公示", 2019, 4, date(2020, 1, 8)),
    ("2026年第三季度安全生产行政许可办理结果公示", 2026, 3, date(2026, 10, 12)),
]


def licensing_summary(year: int, quarter: int, day: date) -> str:
    """The quarter's published licensing decisions by service, with the register's link (1 query)."""
    first, last = _quarter(year, quarter)
    results = (
        django_apps.get_model("approvals", "ApprovalResult")
        .objects.published()
        .filter(decision_on__range=(first, last))
        .values_list("service__name", "decision")
    )
    by_service: dict[str, Counter] = defaultdict(Counter)
    for service, decision in results:
        by_service[service][decision] += 1
    granted = sum(c["granted"] for c in by_service.values())
    refused = sum(c["refused"] for c in by_service.values())
    rows = [
        [service, str(c["granted"]), str(c["refused"]), str(c["granted"] + c["refused"])]
        for service, c in sorted(by_service.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    ]
    rows.append(["合计", str(granted), str(refused), str(granted + refused)])
    register = reverse("approvals:result-list") + "?" + urlencode({"decided_from": first, "decided_to": last})
    return (
        p(
            "根据《中华人民共和国行政许可法》和行政许可、行政处罚信息“双公示”的规定，"
            f"现将本局{_day(first)}至{_day(last)}作出的行政许可决定情况公示如下。"
        )
        + "<h2>一、总体情况</h2>"
        + p(
            f"{year}年第{'一二三四'[quarter - 1]}季度，本局共作出行政许可决定{granted + refused}件，"
            f"其中准予许可{granted}件、不予许可{refused}件。"
            + ("不予许可的，已书面告知申请人理由和申请行政复议、提起行政诉讼的权利。" if refused else "")
        )
        + "<h2>二、分事项情况</h2>"
        + table(
            f"{year}年第{'一二三四'[quarter - 1]}季度行政许可决定分事项统计",
            ["许可事项", "准予许可（件）", "不予许可（件）", "合计（件）"],
            rows,
        )
        + "<h2>三、逐件查询</h2>"
        + p(
            "每一件许可决定的行政相对人名称、统一社会信用代码、决定书文号、许可证编号和有效期，"
            f'在本平台<a href="{register}">行政许可结果公示</a>栏目逐件公开，可按事项和决定日期查询、导出。'
        )
        + _contact("行政审批科", "0738-8000003", day)
    )


# --- 行政处罚案件信息公开 (by batch): the penalty decisions of the period, by violation.

# (title, first day, last day, publication day)
PENALTY_SUMMARIES = [
    ("2019年安全生产行政处罚案件信息公开（第四批）", date(2019, 10, 1), date(2019, 12, 31), date(2020, 1, 9)),
]


def _wan(amount: Decimal) -> str:
    """An amount in 元 as 万元 ("1.25"), the unit a bureau's summary uses."""
    return f"{(amount / 10000).quantize(Decimal('0.01')).normalize():f}"


def penalty_summary(first: date, last: date, day: date) -> str:
    """The period's published penalty decisions by violation and by kind (1 query)."""
    penalty = django_apps.get_model("enforcement", "Penalty")
    kinds = dict(penalty._meta.get_field("kind").choices)
    decisions = list(
        penalty.objects.published()
        .filter(decided_on__range=(first, last))
        .values_list("violation_type", "kind", "fine_amount", "confiscation_amount")
    )
    by_violation: dict[str, list] = defaultdict(lambda: [0, Decimal(0)])
    by_kind: Counter = Counter()
    for violation, kind, fine, confiscated in decisions:
        by_violation[violation][0] += 1
        by_violation[violation][1] += fine + confiscated
        by_kind[kind] += 1
    total = sum((amount for _n, amount in by_violation.values()), Decimal(0))
    fines = sum((fine for _v, _k, fine, _c in decisions), Decimal(0))
    rows = [
        [violation, str(n), _wan(amount)]
        for violation, (n, amount) in sorted(by_violation.items(), key=lambda item: (-item[1][0], item[0]))
    ]
    rows.append(["合计", str(len(decisions)), _wan(total)])
    kinds_text = "、".join(f"{kinds[k]}{n}件" for k, n in sorted(by_kind.items(), key=lambda item: -item[1]))
    return (
        p(
            "根据《中华人民共和国行政处罚法》和行政许可、行政处罚信息“双公示”的规定，"
            f"现将本局{_day(first)}至{_day(last)}作出的行政处罚决定情况公开如下。"
        )
        + "<h2>一、总体情况</h2>"
        + p(
            f"本批共公开行政处罚决定{len(decisions)}件（按主要处罚种类：{kinds_text}），"
            f"罚没金额合计{_wan(total)}万元，其中罚款{_wan(fines)}万元、没收违法所得{_wan(total - fines)}万元。"
            "罚没款项全部按规定缴入国库。"
        )
        + "<h2>二、按违法行为分类</h2>"
        + table(
            f"{first.year}年第四批行政处罚决定按违法行为统计",
            ["违法行为类型", "处罚决定（件）", "罚没金额（万元）"],
            rows,
        )
        + "<h2>三、逐件公示</h2>"
        + p(
            "每一件处罚决定的决定书文号、当事人、违法事实、处罚依据和处罚内容，在作出决定之日起7个工作日内"
            "于本平台“行政处罚结果公示”栏目逐件公示；公示期限届满（一般失信行为1年，严重失信行为3年）后依法撤下，"
            "当事人可按规定申请提前结束公示。当事人为自然人的，姓名作隐去处理。"
        )
        + _contact("执法监督科", "0738-8000004", day)
    )


def entries(today: date) -> list:
    """The summary notices due by `today`, as (slug, title, 文号, body, day, extra) for load_notices."""
    slug, title, year, day = JOINT_SUMMARY
    due = [(slug, title, "", joint_inspection_summary(year), day, {})]
    for title, year, quarter, day in LICENSING_SUMMARIES:
        due.append(("licensing", title, "", licensing_summary(year, quarter, day), day, {}))
    for title, first, last, day in PENALTY_SUMMARIES:
        due.append(("penalties", title, "", penalty_summary(first, last, day), day, {}))
    return [entry for entry in due if entry[4] <= today]
