"""The 2019 yearly report, computed from the demo records and published like a real one."""

from datetime import date, datetime

from django.utils import timezone

from . import request_demo
from .report_models import AnnualReport, ReportManualFigure, ReviewCase
from .report_services import publish_report

OVERVIEW = (
    "2019 年，本局把政务公开作为转变作风、接受监督的日常工作，由办公室牵头、各科室分工负责，"
    "在门户网站集中公开安全生产执法、行政审批、煤矿关闭奖补和“三公”经费等信息。\n"
    "全年围绕“双随机、一公开”、危险化学品风险分级、烟花爆竹零售网点整治等重点工作及时发布信息，"
    "新下放的 7 项审批事项均在网上公开了办事流程、办事指南、申请材料和办结时限。"
)
PROBLEMS = (
    "一是部分栏目更新不够及时，个别执法信息公开滞后。二是煤矿关闭奖补资金到位情况的公开还不够具体。\n"
    "改进措施：明确各栏目的责任科室和更新时限，并在本平台的公开义务看板上逐项跟踪；"
    "奖补资金按批次公开拨付和到位情况。"
)
OTHER = "本年度未收取信息处理费。本报告中的统计数据来源于本局政务公开平台的办理记录。"

TABLE2 = [
    ("rules", "issued", 0), ("rules", "repealed", 0), ("rules", "in_force", 0),
    ("normative", "issued", 2), ("normative", "repealed", 1), ("normative", "in_force", 6),
    ("licensing", "decisions", 35), ("penalty", "decisions", 48), ("coercion", "decisions", 3),
    ("fees", "amount", 0),
]  # fmt: skip


def load(*, stdout) -> None:
    request_demo.load(stdout=stdout)  # the report counts the requests, so they come first
    if AnnualReport.objects.filter(year=2019).exists():
        return
    loader = request_demo.demo_loader()
    ReviewCase.objects.create(
        kind=ReviewCase.Kind.RECONSIDERATION,
        case_number="娄政复〔2019〕演示 1 号",
        filed_on=date(2019, 7, 22),
        result=ReviewCase.Result.UPHELD,
        concluded_on=date(2019, 9, 16),
        summary="申请人对不予公开的答复不服（演示数据）",
    )
    report = AnnualReport.objects.create(year=2019, overview=OVERVIEW, problems=PROBLEMS, other_matters=OTHER)
    for row, column, value in TABLE2:
        ReportManualFigure.objects.create(report=report, row=row, column=column, value=value, source_note="演示数据")
    report = publish_report(report=report, by=loader)
    report.published_at = timezone.make_aware(datetime(2020, 1, 16, 10, 0))
    report.save()
    stdout.write("年度报告：2019 年报告已根据演示记录生成并发布。")
