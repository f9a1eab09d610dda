"""What each public register exports (CSV, XLSX, JSON): stable English keys, Chinese headers.

Natural persons' names and ID numbers only ever leave the server masked.
"""

from loudi_portal.exports import Column


def _inspector_names(inspection) -> str:
    return "、".join(i.name for i in inspection.inspectors.all())


def _hazard_is_overdue(hazard) -> bool:
    return hazard.is_overdue


ENTERPRISE_COLUMNS = [
    Column("name", "企业名称"),
    Column("credit_code", "统一社会信用代码"),
    Column("county", "所在县市区", "get_county_display"),
    Column("industry", "行业领域", "get_industry_display"),
    Column("risk_grade", "风险等级", "get_risk_grade_display"),
    Column("status", "经营状态", "get_status_display"),
    Column("address", "地址"),
]

INSPECTOR_COLUMNS = [
    Column("name", "姓名"),
    Column("cert_no", "执法证号"),
    Column("unit", "所在单位"),
    Column("is_active", "在岗", kind="bool"),
]

PLAN_COLUMNS = [
    Column("id", "编号", kind="int"),
    Column("year", "年度", kind="int"),
    Column("title", "计划名称"),
    Column("lead_department", "牵头部门"),
    Column("joint_departments", "联合部门"),
    Column("enterprise_count", "抽取企业数", kind="int"),
    Column("inspectors_per_enterprise", "每家检查人员数", kind="int"),
    Column("draw_status", "抽取状态", lambda p: p.draw.get_status_display() if hasattr(p, "draw") else "未冻结"),
    Column("published_at", "发布时间", kind="datetime"),
]

INSPECTION_COLUMNS = [
    Column("id", "编号", kind="int"),
    Column("inspected_on", "检查日期", kind="date"),
    Column("enterprise", "被检查企业", "enterprise.name"),
    Column("credit_code", "统一社会信用代码", "enterprise.credit_code"),
    Column("county", "所在县市区", "enterprise.get_county_display"),
    Column("source", "检查来源", "get_source_display"),
    Column("plan", "抽查计划", lambda i: i.plan.title if i.plan_id else ""),
    Column("action_name", "专项行动名称"),
    Column("inspectors", "检查人员", _inspector_names),
    Column("result", "检查结果", "get_result_display"),
    Column("hazard_count", "发现隐患数", lambda i: getattr(i, "hazard_count", None), kind="int"),
    Column("findings", "检查情况"),
    Column("status", "状态", "get_status_display"),
    Column("withdrawal_reason", "撤回原因"),
]

HAZARD_COLUMNS = [
    Column("id", "编号", kind="int"),
    Column("enterprise", "企业", "inspection.enterprise.name"),
    Column("found_on", "发现日期", "inspection.inspected_on", kind="date"),
    Column("description", "隐患描述"),
    Column("level", "隐患等级", "get_level_display"),
    Column("responsible_person", "整改责任人"),
    Column("measures", "整改措施"),
    Column("funds", "整改资金（元）", kind="money"),
    Column("deadline", "整改期限", kind="date"),
    Column("status", "整改状态", "get_rectification_status_display"),
    Column("rectified_on", "整改完成日期", kind="date"),
    Column("is_overdue", "逾期未整改", _hazard_is_overdue, kind="bool"),
]

# The 双公示 data standard (行政许可和行政处罚等信用信息公示数据标准), 行政处罚 part.
SGS = "双公示数据标准（行政处罚）"
SGS_DATE = SGS + "；日期 GB/T 7408.1-2023"
SGS_CODE = SGS + "；代码 GB 32100-2015"


def _penalty_categories(penalty) -> str:
    return penalty.category_labels()


PENALTY_COLUMNS = [
    Column("decision_no", "决定书文号", standard=SGS + "；文号 GB/T 9704-2012 §7.2.5"),
    Column("party", "当事人", "public_party_name", help="行政相对人名称；自然人只显示姓。", standard=SGS),
    Column(
        "party_kind",
        "当事人类型",
        "get_party_kind_display",
        help="相对人类别：法人或其他组织、个体工商户、自然人。",
        standard=SGS,
    ),
    Column(
        "id_number",
        "身份证件号码",
        "public_id_number",
        help="自然人的居民身份证号码，遮蔽后只留首尾各一位。",
        standard=SGS + "；GB 11643-1999；《行政处罚法》第四十八条（遮蔽）",
    ),
    Column("credit_code", "统一社会信用代码", help="相对人代码。", standard=SGS_CODE),
    Column("violation_type", "违法行为类型", standard=SGS),
    Column("violation", "违法事实", standard=SGS),
    Column("legal_basis", "处罚依据", standard=SGS),
    Column(
        "kind",
        "主要处罚种类",
        "get_kind_display",
        help="本平台用于统计的主要种类；全部种类见“处罚类别”。",
        standard="本平台字段；种类取自《行政处罚法》（2021）第九条",
    ),
    Column(
        "categories",
        "处罚类别",
        _penalty_categories,
        help="《行政处罚法》第九条规定的种类，多个用顿号分隔。",
        standard=SGS + "；《行政处罚法》（2021）第九条",
    ),
    Column("content", "处罚内容", standard=SGS),
    Column(
        "fine_amount",
        "罚款金额（元）",
        kind="money",
        help="与下一列同一金额，以元表示。",
        standard="本平台字段（以元计）",
    ),
    Column("fine_amount_wan", "罚款金额（万元）", kind="wan", standard=SGS),
    Column(
        "confiscation_amount_wan",
        "没收违法所得、没收非法财物的金额（万元）",
        kind="wan",
        standard=SGS,
    ),
    Column("licence_ref", "暂扣或吊销证照名称及编号", standard=SGS),
    Column("decided_on", "处罚决定日期", kind="date", standard=SGS_DATE),
    Column(
        "effective_until",
        "处罚有效期",
        kind="date",
        help="处罚决定履行或生效的截止日期；空表示无期限。",
        standard=SGS_DATE,
    ),
    Column(
        "severity",
        "失信严重程度",
        "get_severity_display",
        help="轻微、一般或严重，决定公示期。",
        standard="《信用修复管理办法》（2026-04-01 施行）",
    ),
    Column(
        "publicity_ends_on",
        "公示截止期",
        kind="date",
        help="公示期自处罚决定日起算：轻微最长 3 个月，一般 3 个月至 1 年，严重 1 年至 3 年；过期自动撤下。",
        standard=SGS_DATE + "；《信用修复管理办法》",
    ),
    Column("authority", "处罚机关", standard=SGS),
    Column("authority_code", "处罚机关统一社会信用代码", standard=SGS_CODE),
    Column("data_source", "数据来源单位", standard=SGS),
    Column("data_source_code", "数据来源单位统一社会信用代码", standard=SGS_CODE),
    Column(
        "published_at",
        "公示日期",
        kind="datetime",
        standard="双公示：作出决定之日起 7 个工作日内公示；时间 GB/T 7408.1-2023",
    ),
    Column(
        "status", "状态", "get_status_display", help="已发布或已撤回。", standard="《行政处罚法》（2021）第四十八条"
    ),
    Column(
        "withdrawal_reason",
        "撤回原因",
        help="决定被变更、撤销或确认违法、无效的，3 日内撤回并公开理由。",
        standard="《行政处罚法》（2021）第四十八条",
    ),
]

CLOSURE_COLUMNS = [
    Column("name", "名称"),
    Column("kind", "类别", "get_kind_display"),
    Column("county", "所在县市区", "get_county_display"),
    Column("address", "地址"),
    Column("basis", "关闭取缔依据"),
    Column("closed_on", "关闭取缔日期", kind="date"),
    Column("status", "状态", "get_status_display"),
    Column("withdrawal_reason", "撤回原因"),
]
