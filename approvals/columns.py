"""What each public approvals register exports (CSV, XLSX, JSON). No personal data."""

from django.utils import timezone

from loudi_portal.exports import Column

SERVICE_COLUMNS = [
    Column("code", "事项编码"),
    Column("name", "事项名称"),
    Column("kind", "事项类型", lambda s: s.get_kind_display()),
    Column("is_delegated", "省级下放事项", kind="bool"),
    Column("statutory_limit_days", "法定时限（工作日）", kind="int"),
    Column("committed_limit_days", "承诺时限（工作日）", kind="int"),
    Column("fee_yuan", "收费金额（元）", kind="money"),
    Column("department", "承办科室"),
    Column("enquiry_phone", "咨询电话"),
    Column("version", "指南版本", kind="int"),
    Column("revised_on", "修订日期", kind="date"),
]

RESULT_COLUMNS = [
    Column("reference", "受理编号"),
    Column("service", "许可事项", lambda a: a.service.name),
    Column("enterprise_name", "行政相对人名称"),
    Column("credit_code", "统一社会信用代码"),
    Column("decision", "决定", lambda a: a.get_decision_display()),
    Column("decision_number", "决定书文号"),
    Column("decision_on", "决定日期", kind="date"),
    Column("licence_number", "许可证编号"),
    Column("licence_valid_from", "有效期自", kind="date"),
    Column("licence_valid_until", "有效期至", kind="date"),
    Column("decision_reason", "不予许可理由"),
    Column("result_published_on", "公示日期", kind="date"),
    Column("result_withdrawn_reason", "撤回原因"),
    Column("authority", "许可机关", lambda a: "娄底市应急管理局"),
]

AGENCY_COLUMNS = [
    Column("name", "机构名称"),
    Column("credit_code", "统一社会信用代码"),
    Column("kind", "机构类别", lambda a: a.get_kind_display()),
    Column("qualification_number", "资质证书编号"),
    Column("scope", "业务范围"),
    Column("valid_until", "资质有效期至", kind="date"),
    Column("status", "资质状态", lambda a: a.public_status(timezone.localdate())),
    Column("address", "地址"),
    Column("phone", "联系电话"),
]
