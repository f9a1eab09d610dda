"""Which template the yearly report (政府信息公开工作年度报告) follows, and the template's own labels.

Reports on 2021 and later follow 国办公开办函〔2021〕30号 (《中华人民共和国政府信息公开工作年度报告格式》);
reports on 2019 and 2020 follow the format in force before it, 国办公开办函〔2019〕60号. The labels here
are written exactly as the templates write them, so tests can compare them one by one.

Shared by disclosure (Tables 二 and 四, the page) and inforequests (Table 三): pure data, no database.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

FORMAT_2019 = "2019"
FORMAT_2021 = "2021"
FIRST_YEAR_OF_2021_FORMAT = 2021


@dataclass(frozen=True)
class ReportFormat:
    key: str
    document: str  # the notice that set the format
    title: str
    years: str


FORMATS = {
    FORMAT_2019: ReportFormat(
        key=FORMAT_2019,
        document="国办公开办函〔2019〕60号",
        title=_("《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》附件格式"),
        years=_("2019、2020 年度"),
    ),
    FORMAT_2021: ReportFormat(
        key=FORMAT_2021,
        document="国办公开办函〔2021〕30号",
        title=_("《中华人民共和国政府信息公开工作年度报告格式》"),
        years=_("2021 年度起"),
    ),
}


def format_for_year(year: int) -> ReportFormat:
    """The template a report on `year` is drawn up in (the 2019 format also for any earlier year)."""
    return FORMATS[FORMAT_2021 if year >= FIRST_YEAR_OF_2021_FORMAT else FORMAT_2019]


# --- Table 三 ---------------------------------------------------------------------------------
BALANCE_NOTE = _("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
APPLICANTS = _("申请人情况")
PERSON = _("自然人")
ORGANISATIONS = _("法人或其他组织")
TOTAL = _("总计")
# The five organisation columns, keyed by inforequests.ApplicantKind values: the last is "其他".
ORGANISATION_COLUMNS = [
    ("commercial", _("商业企业")),
    ("research", _("科研机构")),
    ("social", _("社会公益组织")),
    ("legal_service", _("法律服务机构")),
    ("other_org", _("其他")),
]

TABLE3_TOP_ROWS = {
    "new": _("一、本年新收政府信息公开申请数量"),
    "carried_in": _("二、上年结转政府信息公开申请数量"),
    "results": _("三、本年度办理结果"),
    "carried_out": _("四、结转下年度继续办理"),
}

_REFUSED = [
    ("3.1", _("1.属于国家秘密")),
    ("3.2", _("2.其他法律行政法规禁止公开")),
    ("3.3", _("3.危及“三安全一稳定”")),
    ("3.4", _("4.保护第三方合法权益")),
    ("3.5", _("5.属于三类内部事务信息")),
    ("3.6", _("6.属于四类过程性信息")),
    ("3.7", _("7.属于行政执法案卷")),
    ("3.8", _("8.属于行政查询事项")),
]
_UNAVAILABLE = [
    ("4.1", _("1.本机关不掌握相关政府信息")),
    ("4.2", _("2.没有现成信息需要另行制作")),
    ("4.3", _("3.补正后申请内容仍不明确")),
]
_NOT_HANDLED = [
    ("5.1", _("1.信访举报投诉类申请")),
    ("5.2", _("2.重复申请")),
    ("5.3", _("3.要求提供公开出版物")),
    ("5.4", _("4.无正当理由大量反复申请")),
    ("5.5", _("5.要求行政机关确认或重新出具已获取信息")),
]
_OTHER_2021 = [
    ("6.1", _("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
    ("6.2", _("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
    ("6.3", _("3.其他")),
]

# The result groups of 三、本年度办理结果: (key, label, sub-rows). A group with sub-rows has no row
# of its own in the template (its label spans its sub-rows); a group without is one row.
_GROUPS_COMMON = [
    ("1", _("（一）予以公开"), []),
    ("2", _("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), []),
    ("3", _("（三）不予公开"), _REFUSED),
    ("4", _("（四）无法提供"), _UNAVAILABLE),
    ("5", _("（五）不予处理"), _NOT_HANDLED),
]
TABLE3_GROUPS = {
    FORMAT_2019: [*_GROUPS_COMMON, ("6", _("（六）其他处理"), [])],
    FORMAT_2021: [*_GROUPS_COMMON, ("6", _("（六）其他处理"), _OTHER_2021)],
}
TABLE3_GRAND_TOTAL = ("7", _("（七）总计"))


# --- Table 四 -----------------------------------------------------------------------------------
# The template's orientation: two header rows of groups and five result columns each, one row of
# 15 figures. Keys are disclosure.ReviewCase.Kind and .Result values.
TABLE4_RECONSIDERATION = _("行政复议")
TABLE4_LITIGATION = _("行政诉讼")
TABLE4_GROUPS = [
    ("reconsideration", _("行政复议")),
    ("litigation_direct", _("未经复议直接起诉")),
    ("litigation_after_review", _("复议后起诉")),
]
TABLE4_RESULTS = [
    ("upheld", _("结果维持")),
    ("corrected", _("结果纠正")),
    ("other", _("其他结果")),
    ("pending", _("尚未审结")),
    ("total", _("总计")),
]
