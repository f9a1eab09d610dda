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

PENALTY_COLUMNS = [
    Column("decision_no", "决定书文号"),
    Column("party", "当事人", "public_party_name"),
    Column("party_kind", "当事人类型", "get_party_kind_display"),
    Column("id_number", "身份证件号码", "public_id_number"),
    Column("credit_code", "统一社会信用代码"),
    Column("violation", "违法事实"),
    Column("legal_basis", "处罚依据"),
    Column("kind", "处罚种类", "get_kind_display"),
    Column("fine_amount", "罚没金额（元）", kind="money"),
    Column("decided_on", "处罚决定日期", kind="date"),
    Column("published_at", "公示日期", kind="datetime"),
    Column("status", "状态", "get_status_display"),
    Column("withdrawal_reason", "撤回原因"),
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
