"""What each public approvals register exports (CSV, XLSX, JSON). No personal data."""

from django.utils import timezone

from loudi_portal.exports import Column

SERVICE_COLUMNS = [
    Column("code", "网址代码", help="本平台网址中的事项代码，例如 yjxk-001（/approvals/yjxk-001/）。"),
    Column("basic_code", "基本编码", help="国家政务服务事项基本目录编码，12 位数字。"),
    Column("implementation_code", "实施编码", help="实施机关统一社会信用代码 + 实施层级 + 基本编码，31 位。"),
    Column("name", "事项名称"),
    Column("handling_type", "办件类型", lambda s: s.get_handling_type_display(), help="即办件或承诺件。"),
    Column("onsite_visits", "到办事现场次数", kind="int", help="申请人须到窗口的次数；0 为全程网办。"),
    Column(
        "intermediaries",
        "中介服务",
        lambda s: "；".join(f"{i.name}（{'必须' if i.is_required else '非必须'}）" for i in s.intermediaries.all()),
        help="办理本事项所需的中介服务及是否为前置条件，多项以“；”分隔。",
    ),
    Column(
        "special_steps",
        "特殊环节",
        lambda s: "；".join(
            f"{p.name} {p.limit_days}个工作日（{'计入' if p.counts_toward_limit else '不计入'}办结时限；{p.legal_basis}）"
            for p in s.special_steps.all()
        ),
        help="特殊环节名称、时限、是否计入办结时限和法定依据，多项以“；”分隔。",
    ),
    Column("online_url", "网上办理地址", help="湖南政务服务网上本事项的办理页面。"),
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

# The 双公示 data standard (行政许可和行政处罚等信用信息公示数据标准), 行政许可 part.
SGS = "双公示数据标准（行政许可）"
SGS_DATE = SGS + "；日期 GB/T 7408.1-2023"
SGS_CODE = SGS + "；代码 GB 32100-2015"


def _current_status(result) -> str:
    return result.current_status(timezone.localdate())


RESULT_COLUMNS = [
    Column("reference", "受理编号", standard="本平台字段（受理编号，用于查询办理进度）"),
    Column("service", "许可事项", lambda a: a.service.name, help="行政许可决定文书名称所依据的事项。", standard=SGS),
    Column("enterprise_name", "行政相对人名称", standard=SGS),
    Column("credit_code", "统一社会信用代码", help="相对人代码。", standard=SGS_CODE),
    Column("decision", "决定", lambda a: a.get_decision_display(), help="准予许可或不予许可。", standard=SGS),
    Column("decision_number", "决定书文号", help="行政许可决定文书号。", standard=SGS + "；文号 GB/T 9704-2012 §7.2.5"),
    Column("licence_category", "许可类别", lambda a: a.get_licence_category_display(), standard=SGS),
    Column("certificate_name", "许可证书名称", standard=SGS),
    Column("decision_on", "决定日期", kind="date", help="许可决定日期。", standard=SGS_DATE),
    Column("licence_number", "许可证编号", help="许可编号。", standard=SGS),
    Column("licence_valid_from", "有效期自", kind="date", standard=SGS_DATE),
    Column("licence_valid_until", "有效期至", kind="date", standard=SGS_DATE),
    Column(
        "current_status",
        "当前状态",
        _current_status,
        help="有效、已过期、已暂扣、已吊销、已撤销、已注销、不予许可或已撤回，按下载当日计算。",
        standard=SGS,
    ),
    Column("decision_reason", "不予许可理由", standard="《行政许可法》第三十八条"),
    Column(
        "result_published_on",
        "公示日期",
        kind="date",
        standard="双公示：作出决定之日起 7 个工作日内公示；日期 GB/T 7408.1-2023",
    ),
    Column("result_withdrawn_reason", "撤回原因", standard="《政府信息公开条例》第二十条（五）；本平台撤回须公开理由"),
    Column("authority", "许可机关", standard=SGS),
    Column("authority_code", "许可机关统一社会信用代码", standard=SGS_CODE),
    Column("data_source", "数据来源单位", standard=SGS),
    Column("data_source_code", "数据来源单位统一社会信用代码", standard=SGS_CODE),
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
