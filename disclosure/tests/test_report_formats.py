"""The yearly report is drawn up in its year's template: 2019 format for 2019-2020, 2021 format after.

The labels are compared one by one with the templates (国办公开办函〔2019〕60号, 国办公开办函〔2021〕30号).
"""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from disclosure.models import AnnualReport, ReportManualFigure, ReviewCase
from disclosure.report_tables import check_tables, compute_table4
from disclosure.services import compute_tables, table2_cells
from inforequests.models import Outcome
from inforequests.public import RequestFacts, compute_table3
from loudi_portal.annual_report_formats import format_for_year

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

ROWS_COMMON_HEAD = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
]
ROWS_2019 = [*ROWS_COMMON_HEAD, "（六）其他处理", "（七）总计", "四、结转下年度继续办理"]
ROWS_2021 = [
    *ROWS_COMMON_HEAD,
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
]

TABLE2_2019 = [
    ("第二十条第（一）项", ["规章", "规范性文件"], ["本年新制作数量", "本年新公开数量", "对外公开总数量"]),
    ("第二十条第（五）项", ["行政许可", "其他对外管理服务事项"], ["上一年项目数量", "本年增/减", "处理决定数量"]),
    ("第二十条第（六）项", ["行政处罚", "行政强制"], ["上一年项目数量", "本年增/减", "处理决定数量"]),
    ("第二十条第（八）项", ["行政事业性收费"], ["上一年项目数量", "本年增/减"]),
    ("第二十条第（九）项", ["政府集中采购"], ["采购项目数量", "采购总金额"]),
]
TABLE2_2021 = [
    ("第二十条第（一）项", ["规章", "行政规范性文件"], ["本年制发件数", "本年废止件数", "现行有效件数"]),
    ("第二十条第（五）项", ["行政许可"], ["本年处理决定数量"]),
    ("第二十条第（六）项", ["行政处罚", "行政强制"], ["本年处理决定数量"]),
    ("第二十条第（八）项", ["行政事业性收费"], ["本年收费金额（单位：万元）"]),
]
TABLE4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@pytest.mark.parametrize(
    ("year", "document"),
    [(2019, "国办公开办函〔2019〕60号"), (2020, "国办公开办函〔2019〕60号"), (2021, "国办公开办函〔2021〕30号"),
     (2025, "国办公开办函〔2021〕30号")],
)  # fmt: skip
def test_each_year_follows_the_template_in_force_for_it(year, document):
    assert format_for_year(year).document == document


@pytest.mark.parametrize(("year", "rows"), [(2019, ROWS_2019), (2020, ROWS_2019), (2021, ROWS_2021)])
def test_table_three_has_exactly_the_templates_rows_and_columns(year, rows):
    t3 = compute_table3([], year)
    assert [label for _k, label in t3["columns"]] == COLUMNS
    assert [r["label"] for r in t3["rows"]] == rows
    # Every row carries figures: no heading rows and no subtotals of (三)-(六).
    assert all(r["values"] is not None and len(r["values"]) == 7 for r in t3["rows"])
    heads = [h["label"] for r in t3["rows"] for h in r["heads"]]
    assert heads.count("三、本年度办理结果") == 1 and heads.count("（三）不予公开") == 1


def test_other_handling_is_one_row_in_2019_and_three_from_2021():
    facts = [
        RequestFacts("other_org", date(y, 3, 1), date(y, 3, 20), outcome)
        for y in (2020, 2021)
        for outcome in (Outcome.OTHER_NO_SUPPLEMENT, Outcome.OTHER_FEE_UNPAID, Outcome.OTHER)
    ]
    old = {r["key"]: r["values"] for r in compute_table3(facts, 2020)["rows"]}
    new = {r["key"]: r["values"] for r in compute_table3(facts, 2021)["rows"]}
    assert old["6"] == [0, 0, 0, 0, 0, 3, 3] and "6.1" not in old
    assert "6" not in new and new["6.1"] == new["6.2"] == new["6.3"] == [0, 0, 0, 0, 0, 1, 1]
    assert old["7"] == new["7"] == [0, 0, 0, 0, 0, 3, 3]
    assert check_tables({"table2": [], "table3": compute_table3(facts, 2020), "table4": compute_table4([], 2020)}) == []


@pytest.mark.parametrize(("year", "layout"), [(2019, TABLE2_2019), (2020, TABLE2_2019), (2021, TABLE2_2021)])
def test_table_two_has_exactly_the_templates_blocks(db, year, layout):
    blocks = compute_tables(AnnualReport(year=year))["table2"]
    assert [(b["title"], [r["label"] for r in b["rows"]], [c for _k, c in b["columns"]]) for b in blocks] == layout


def test_a_figure_outside_the_years_format_is_refused(db):
    report = AnnualReport.objects.create(year=2019)
    with pytest.raises(ValidationError, match="不是 2019 年度报告格式表二中的单元格"):
        ReportManualFigure(report=report, row="fees", column="amount", value=1).full_clean()
    ReportManualFigure(report=report, row="procurement", column="purchase_amount", value="12.5").full_clean()
    assert ("fees", "amount") in table2_cells(2021) and ("procurement", "purchases") not in table2_cells(2021)


def test_a_decrease_is_a_valid_2019_figure_but_a_negative_count_is_not(db):
    report = AnnualReport.objects.create(year=2019)
    ReportManualFigure.objects.create(report=report, row="licensing", column="change", value=-2)
    ReportManualFigure.objects.create(report=report, row="coercion", column="decisions", value=-1)
    errors = check_tables(compute_tables(report))
    assert errors == ["表二“行政强制”：数值不能为负。"]


def _cells(html: str, tag: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html)]


def test_table_four_is_drawn_in_the_templates_orientation():
    cases = [
        ReviewCase(kind="reconsideration", filed_on=date(2021, 4, 1), result="upheld", concluded_on=date(2021, 6, 1)),
        ReviewCase(kind="litigation_after_review", filed_on=date(2021, 5, 1), result="pending"),
    ]
    t4 = compute_table4(cases, 2021)
    assert t4["row"] == [1, 0, 0, 0, 1] + [0] * 5 + [0, 0, 0, 1, 1]
    html = render_to_string(
        "reports/_report_body.html",
        {"report": AnnualReport(year=2021), "tables": {"table2": [], "table3": compute_table3([], 2021), "table4": t4}},
    )
    table = html[html.index('class="report-table table4"') :]
    table = table[: table.index("</table>")]
    head, body = table.split("<tbody>")
    assert _cells(head, "th") == ["行政复议", "行政诉讼", *TABLE4_RESULTS, "未经复议直接起诉", "复议后起诉",
                                  *TABLE4_RESULTS, *TABLE4_RESULTS]  # fmt: skip
    assert body.count("<tr>") == 1 and _cells(body, "td") == [str(v) for v in t4["row"]]


def test_table_three_is_drawn_with_the_templates_spanning_labels():
    html = render_to_string(
        "reports/_report_body.html",
        {"report": AnnualReport(year=2019), "tables": {"table2": [], "table3": compute_table3([], 2019),
                                                        "table4": compute_table4([], 2019)}},
    )  # fmt: skip
    table = html[html.index('class="report-table table3"') : html.index('class="report-table table4"')]
    head, body = table.split("<tbody>")
    assert _cells(head, "th")[:4] == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                                      "申请人情况", "自然人", "法人或其他组织"]  # fmt: skip
    assert _cells(head, "th")[4:] == ["总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert 'rowspan="20"' in body  # 三、本年度办理结果 spans its 20 rows in the 2019 format
    assert 'rowspan="8">（三）不予公开' in body and ">其他组织<" not in table  # the column reads 其他
