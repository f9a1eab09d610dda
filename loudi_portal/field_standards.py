"""The standard each field of each /data/ dataset comes from (the 依据的标准 column of the dictionary).

A field's own `Column.standard` wins; then the entry here for (dataset, field); then the dataset's
`standard`, then its default here. A field that no standard defines says 本局自定. Dates name
GB/T 7408.1-2023, the form they are written in.
"""

SELF = "本局自定"
DATE = "日期 GB/T 7408.1-2023"
CREDIT_CODE = "GB 32100-2015 统一社会信用代码"
AREA = "GB/T 2260-2007 行政区划代码（县市区名称；经开区、万宝新区本局自定）"
DOC_NUMBER = "GB/T 9704-2012 §7.2.5 发文字号"
ARTICLE_12 = "《政府信息公开条例》第十二条"
ARTICLE_20_2 = "《政府信息公开条例》第二十条（二）机构设置、职能、办公地址、办公时间、联系方式、负责人姓名"
SERVICE = "全国一体化政务服务平台 事项标准（GB/T 39554.1-2020）"
VETO = "《政府网站与政务新媒体检查指标》办事指南要素"
AGENCIES = "《安全评价检测检验机构管理办法》（应急管理部令第1号）"
DRAW = "国办发〔2015〕58号《关于推广随机抽查规范事中事后监管的通知》"
HAZARDS = "《安全生产事故隐患排查治理暂行规定》（国家安全监管总局令第16号）"
CLOSURE_FUNDS = "娄底市煤矿关闭奖补方案的公开要求（关闭时间、依据、奖补标准、经费到位情况）"
SANGONG = "《地方预决算公开操作规程》（财预〔2016〕143号）“三公”经费预决算及增减变化原因"
ARTICLE_20_6 = "《政府信息公开条例》第二十条（六）行政处罚、行政强制的依据、程序和决定"

# dataset key -> default for its fields (used where neither the column nor the dataset names one).
DATASET_DEFAULTS = {
    "notices": ARTICLE_12,
    "approval-services": f"{SERVICE}；{VETO}",
    "safety-agencies": AGENCIES,
    "mine_closures": CLOSURE_FUNDS,
    "subsidy_payments": f"{SELF}（奖补资金拨付台账）",
    "sangong-budgets": SANGONG,
    "enforcement-enterprises": f"{DRAW}（检查对象名录库）",
    "enforcement-inspectors": f"{DRAW}（执法检查人员名录库）",
    "enforcement-plans": f"{DRAW}（随机抽查事项清单和抽查计划）",
    "enforcement-inspections": f"{DRAW}（抽查情况和查处结果向社会公开）",
    "enforcement-hazards": HAZARDS,
    "enforcement-closures": ARTICLE_20_6,
    "departments": ARTICLE_20_2,
    "leaders": ARTICLE_20_2,
    "bureau": ARTICLE_20_2,
}

# (dataset key, field key) -> standard, where a field differs from its dataset's default.
FIELDS = {
    "notices": {
        "index_number": f"{ARTICLE_12}（索引）；编排 机构代码/年份-流水号，机构代码 {CREDIT_CODE}",
        "title": f"{ARTICLE_12}（名称）；GB/T 21063.3 核心元数据（信息资源名称）",
        "doc_number": DOC_NUMBER,
        "category": f"{ARTICLE_12}（分类、编排体系）；栏目设置{SELF}",
        "source": "《政府网站网页设计规范》ContentSource（信息来源）",
        "written_on": f"{ARTICLE_12}（生成日期）",
        "published_at": "《政府网站网页设计规范》PubDate（发布时间）",
        "validity": "《政府网站发展指引》（国办发〔2017〕47号）：修改、废止、失效的文件明确标注",
        "url": "GB/T 21063.3 核心元数据（在线资源链接地址）",
    },
    "approval-services": {
        "code": f"{SELF}（网址用的事项代码，不是国家基本编码）",
        "basic_code": f"{SERVICE}（基本编码）",
        "implementation_code": f"{SERVICE}（实施编码）",
        "name": f"{SERVICE}（事项名称）；{VETO}",
        "handling_type": f"{SERVICE}（办件类型）",
        "onsite_visits": f"{SERVICE}（到办事现场次数）",
        "intermediaries": f"{SERVICE}（中介服务）",
        "special_steps": f"{SERVICE}（特殊环节：名称、时限、法定依据、是否计入法定办结时限）",
        "online_url": f"{SERVICE}（网上办理地址）；《政府网站与政务新媒体检查指标》办事附件可下载、在线申请系统可用",
        "kind": f"{SERVICE}（事项类型）",
        "is_delegated": f"{SELF}（省级下放事项标注）",
        "statutory_limit_days": f"{SERVICE}（法定办结时限）；《行政许可法》第四十二条",
        "committed_limit_days": f"{SERVICE}（承诺办结时限）",
        "fee_yuan": f"{SERVICE}（收费标准）；{VETO}",
        "department": f"{SERVICE}（办理机构）；{VETO}",
        "enquiry_phone": f"{SERVICE}（咨询方式）；{VETO}",
        "version": f"{SELF}（指南版本号）",
        "revised_on": f"{SELF}（指南修订日期）",
    },
    "safety-agencies": {
        "credit_code": CREDIT_CODE,
        "address": SELF,
        "phone": SELF,
    },
    "mine_closures": {
        "id": SELF,
        "enterprise_credit_code": CREDIT_CODE,
        "county": AREA,
        "capacity": SELF,
        "decision_no": f"{CLOSURE_FUNDS}；{DOC_NUMBER}",
        "accepted_on": SELF,
        "days_since_closure": SELF,
    },
    "subsidy_payments": {
        "county": AREA,
    },
    "enforcement-enterprises": {
        "credit_code": CREDIT_CODE,
        "county": AREA,
        "industry": f"{SELF}（十大重点行业领域）",
        "risk_grade": f"{SELF}（安全风险分级管控等级）",
        "status": SELF,
        "address": SELF,
    },
    "enforcement-inspectors": {
        "is_active": SELF,
    },
    "enforcement-plans": {
        "id": SELF,
        "draw_status": SELF,
    },
    "enforcement-inspections": {
        "id": SELF,
        "credit_code": CREDIT_CODE,
        "county": AREA,
        "source": f"{SELF}（检查来源：双随机、专项、投诉举报、“四不两直”）",
        "status": SELF,
        "withdrawal_reason": f"{SELF}（撤回须公开理由）",
    },
    "enforcement-hazards": {
        "id": SELF,
        "status": SELF,
        "rectified_on": SELF,
        "is_overdue": SELF,
    },
    "enforcement-closures": {
        "county": AREA,
        "address": SELF,
        "status": SELF,
        "withdrawal_reason": f"{SELF}（撤回须公开理由）",
    },
    "departments": {"id": SELF, "position": SELF},
    "leaders": {"id": SELF, "position": SELF},
    "bureau": {
        "credit_code": CREDIT_CODE,
        "disclosure_office": f"{ARTICLE_12}（政府信息公开工作机构）",
    },
}


def standard_for(dataset, column) -> str:
    """The 依据的标准 of one field; empty only when nothing names one (a test keeps that from happening)."""
    base = (
        column.standard
        or FIELDS.get(dataset.key, {}).get(column.key)
        or dataset.standard
        or DATASET_DEFAULTS.get(dataset.key, "")
    )
    base = base.replace("本平台字段", SELF)
    if base and column.kind in ("date", "datetime") and "7408" not in base:
        base = f"{base}；{DATE}"
    return base
