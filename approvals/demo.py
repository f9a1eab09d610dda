"""Demo content for approvals: the seven services delegated from the province (plus one
filing), applications from mid-2019 to yesterday run through the real services, and the agency directory.

Facts from shared/DOMAIN.md (seven delegated powers, limits cut to 50% and some to 35%,
证照分离, everything completed on time); every sentence is written for the demo. Running
it again changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from loudi_portal.identifiers import make_credit_code
from loudi_portal.models import BureauProfile
from loudi_portal.publishing import Status
from loudi_portal.workdays import add_working_days, is_working_day, working_days_between

from . import blank_forms, service_codes, services
from .models import (
    Agency,
    Application,
    ApprovalResult,
    Intermediary,
    Material,
    Pause,
    Service,
    SpecialStep,
    Step,
    SupervisionRecord,
)

PLACE = "娄底市政务服务中心二楼应急管理窗口（娄星区吉星路）"
HOURS = "工作日上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）"
HOW = "窗口办理：携带申请材料到政务服务中心应急管理窗口提交\n网上办理：登录湖南政务服务网，在线提交电子材料\n邮寄申请：将纸质材料寄至窗口，以签收之日为收件日"
ONLINE_URL = "https://zwfw-new.hunan.gov.cn/"  # 湖南政务服务网; staff enter each item's own page
SAFETY_EVALUATION = "具备相应资质的安全评价机构，申请人自主选择，本局不指定"
ORDER_1 = "《安全评价检测检验机构管理办法》（应急管理部令第1号）"
EXPERT = ("专家评审", 10, "《行政许可法》第四十五条", False)
SITE = ("现场核查", 5, "《行政许可法》第三十四条第三款", True)
# 办事指南 elements by service (全国一体化政务服务平台 事项标准): demo 基本编码 (illustrative, not the
# national catalogue's), 办件类型, 到办事现场次数, 中介服务 (name, required, provider, basis) and
# 特殊环节 (name, working days, basis, counted in the limit).
GUIDE_ELEMENTS = {
    "yjxk-001": ("000172011000", "promised", 1,
                 [("安全评价（储存设施）", True, SAFETY_EVALUATION, "《危险化学品经营许可证管理办法》第八条")],
                 [SITE, EXPERT]),
    "yjxk-002": ("000172004000", "promised", 1,
                 [("安全现状评价", True, SAFETY_EVALUATION, "《非煤矿矿山企业安全生产许可证实施办法》第十条")],
                 [SITE, EXPERT]),
    "yjxk-003": ("000172013000", "promised", 1,
                 [("仓库和储存设施安全评价", True, SAFETY_EVALUATION, "《烟花爆竹经营许可实施办法》第六条")],
                 [SITE]),
    "yjxk-004": ("000172018000", "promised", 1,
                 [("建设项目安全评价", True, SAFETY_EVALUATION, "《危险化学品建设项目安全监督管理办法》第八条")],
                 [EXPERT]),
    "yjxk-005": ("000172019000", "promised", 1,
                 [("安全设施设计", True, "具备相应资质的设计单位，申请人自主选择", "《危险化学品建设项目安全监督管理办法》第十五条")],
                 [EXPERT]),
    "yjxk-006": ("000172020000", "promised", 1,
                 [("安全预评价", True, SAFETY_EVALUATION, "《建设项目安全设施“三同时”监督管理办法》第七条"),
                  ("安全设施设计", True, "具备相应资质的设计单位，申请人自主选择", ORDER_1)],
                 [EXPERT, SITE]),
    "yjxk-007": ("000172021000", "promised", 1,
                 [("安全预评价", True, SAFETY_EVALUATION, "《金属非金属矿山建设项目安全设施目录（试行）》"),
                  ("安全设施设计", True, "具备相应资质的设计单位，申请人自主选择", ORDER_1)],
                 [EXPERT]),
    "yjba-001": ("000272001000", "promised", 0,
                 [("应急预案评审", False, "申请人自行组织专家评审或委托有能力的机构", "《生产安全事故应急预案管理办法》第二十一条")],
                 []),
}  # fmt: skip
# Materials the bureau provides a blank form for (表格下载), and the file type it provides.
FORM_FORMATS = [("申请表", "xlsx"), ("申请书", "docx"), ("登记表", "pdf")]
LICENCE_LOOKUP = "营业执照由本局通过市场主体登记信息共享核验，申请人无需提交"

COMMON_STEPS = [
    (
        "受理",
        "窗口核对材料是否齐全、符合法定形式；齐全的当场受理并出具受理通知书，告知受理编号和查询码；不齐全的一次性告知需补正的内容。",
        "窗口受理岗",
        1,
    ),
    (
        "审查",
        "承办科室审查申请材料，需要现场核查或专家评审的，组织核查、评审（所需时间不计入办理时限）。",
        "行政审批科",
        None,
    ),
    (
        "决定",
        "分管负责人审核签发，作出准予或不予许可的书面决定；不予许可的说明理由并告知申请复议、诉讼的权利。",
        "分管负责人",
        None,
    ),
    ("送达", "通过窗口领取或邮寄送达许可证件、决定书；结果在 7 个工作日内向社会公示。", "窗口发证岗", 1),
]

SERVICES = [
    {
        "code": "yjxk-001",
        "name": "危险化学品经营许可证核发（带有储存设施）",
        "kind": Service.Kind.LICENSING,
        "delegated": True,
        "statutory": 30,
        "committed": 15,
        "result": "危险化学品经营许可证",
        "summary": "在本市行政区域内从事带有储存设施的危险化学品经营活动，须取得经营许可证后方可经营。",
        "basis": "《危险化学品安全管理条例》第三十三条、第三十五条\n《危险化学品经营许可证管理办法》第三条、第五条\n《湖南省人民政府关于向市州下放部分省级行政权力事项的决定》",
        "conditions": "经营和储存场所、设施、建筑物符合国家标准和行业标准，安全距离满足要求\n主要负责人和安全生产管理人员经考核合格，特种作业人员持证上岗\n有健全的安全生产责任制、安全管理制度和岗位操作规程\n有符合规定的危险化学品事故应急预案和必要的应急救援器材\n储存设施经安全评价，评价结论为符合安全要求",
        "applicants": "在娄底市辖区内设有储存设施、从事危险化学品经营的企业",
        "materials": [
            (
                "危险化学品经营许可证申请表",
                True,
                Material.Form.ORIGINAL,
                1,
                "",
                "表格可在窗口领取，按表内说明填写并加盖单位公章",
            ),
            ("营业执照", True, Material.Form.COPY, 1, LICENCE_LOOKUP, ""),
            ("主要负责人、安全生产管理人员安全生产知识和管理能力考核合格证明", True, Material.Form.COPY, 1, "", ""),
            ("经营和储存场所产权证明或租赁合同", True, Material.Form.COPY, 1, "", ""),
            ("安全评价报告（储存设施）", True, Material.Form.ORIGINAL, 1, "", "由具备资质的安全评价机构出具"),
            ("危险化学品事故应急预案备案登记表", True, Material.Form.COPY, 1, "", ""),
            ("安全生产管理制度和岗位操作规程目录", True, Material.Form.ORIGINAL, 1, "", ""),
        ],
        "review_days": 10,
    },
    {
        "code": "yjxk-002",
        "name": "非煤矿矿山企业安全生产许可证核发（地下矿山以外）",
        "kind": Service.Kind.LICENSING,
        "delegated": True,
        "statutory": 45,
        "committed": 16,
        "result": "安全生产许可证",
        "summary": "露天矿山、小型采石场等非煤矿山企业在生产前须取得安全生产许可证。",
        "basis": "《安全生产许可证条例》第二条、第七条\n《非煤矿矿山企业安全生产许可证实施办法》第二条、第十条\n《湖南省人民政府关于向市州下放部分省级行政权力事项的决定》",
        "conditions": "建立健全主要负责人、分管负责人、安全管理人员和职能部门的安全生产责任制\n安全投入符合要求，依法参加工伤保险并投保安全生产责任保险\n设置安全生产管理机构或配备专职安全生产管理人员\n矿山建设项目安全设施经验收合格\n有重大危险源检测、评估、监控措施和应急预案",
        "applicants": "本市行政区域内的露天非煤矿山企业",
        "materials": [
            ("安全生产许可证申请书", True, Material.Form.ORIGINAL, 2, "", ""),
            ("营业执照", True, Material.Form.COPY, 1, LICENCE_LOOKUP, ""),
            ("采矿许可证", True, Material.Form.COPY, 1, "", ""),
            ("安全生产责任制和安全管理制度文件", True, Material.Form.ORIGINAL, 1, "", ""),
            ("安全现状评价报告", True, Material.Form.ORIGINAL, 1, "", "由具备资质的安全评价机构出具"),
            ("工伤保险、安全生产责任保险缴费证明", True, Material.Form.COPY, 1, "", ""),
            ("特种作业人员操作资格证书", False, Material.Form.COPY, 1, "", "有特种作业岗位的提供"),
        ],
        "review_days": 12,
    },
    {
        "code": "yjxk-003",
        "name": "烟花爆竹批发许可证核发",
        "kind": Service.Kind.LICENSING,
        "delegated": True,
        "statutory": 30,
        "committed": 15,
        "result": "烟花爆竹经营（批发）许可证",
        "summary": "从事烟花爆竹批发经营的企业，须取得批发许可证，并在许可的仓库储存。",
        "basis": "《烟花爆竹安全管理条例》第十八条、第十九条\n《烟花爆竹经营许可实施办法》第四条、第六条\n《湖南省人民政府关于向市州下放部分省级行政权力事项的决定》",
        "conditions": "具有企业法人条件，符合本地批发企业布点规划\n仓库符合《烟花爆竹工程设计安全标准》，安全距离满足要求\n主要负责人、安全管理人员、仓库保管员和守护员经培训合格\n有事故应急预案，配备应急救援人员和器材\n依法投保安全生产责任保险",
        "applicants": "本市行政区域内拟从事烟花爆竹批发的企业",
        "materials": [
            ("烟花爆竹经营（批发）许可证申请书", True, Material.Form.ORIGINAL, 1, "", ""),
            ("营业执照", True, Material.Form.COPY, 1, LICENCE_LOOKUP, ""),
            ("仓库和储存设施的安全评价报告", True, Material.Form.ORIGINAL, 1, "", ""),
            ("仓库产权证明或租赁合同", True, Material.Form.COPY, 1, "", ""),
            ("从业人员培训合格证明", True, Material.Form.COPY, 1, "", ""),
            ("安全生产责任保险保单", True, Material.Form.COPY, 1, "", ""),
        ],
        "review_days": 8,
    },
    {
        "code": "yjxk-004",
        "name": "危险化学品生产、储存建设项目安全条件审查",
        "kind": Service.Kind.LICENSING,
        "delegated": True,
        "statutory": 45,
        "committed": 16,
        "result": "建设项目安全条件审查意见书",
        "summary": "新建、改建、扩建危险化学品生产、储存装置和设施，在开工前须通过安全条件审查。",
        "basis": "《危险化学品安全管理条例》第十二条\n《危险化学品建设项目安全监督管理办法》第八条、第十条\n《湖南省人民政府关于向市州下放部分省级行政权力事项的决定》",
        "conditions": "建设项目选址符合城乡规划和化工园区规划，与周边场所的安全距离满足要求\n已委托具备资质的机构进行安全评价，评价报告结论明确\n采用的工艺技术安全可靠，未采用国家明令淘汰的工艺和设备\n涉及重点监管危险化工工艺的，已进行危险与可操作性分析",
        "applicants": "在本市建设危险化学品生产、储存项目的建设单位",
        "materials": [
            ("建设项目安全条件审查申请书", True, Material.Form.ORIGINAL, 1, "", ""),
            ("建设项目安全评价报告", True, Material.Form.ORIGINAL, 2, "", ""),
            ("项目备案（核准）文件", True, Material.Form.COPY, 1, "", ""),
            ("规划选址意见或用地批准文件", True, Material.Form.COPY, 1, "", ""),
            ("营业执照", True, Material.Form.COPY, 1, LICENCE_LOOKUP, ""),
        ],
        "review_days": 14,
    },
    {
        "code": "yjxk-005",
        "name": "危险化学品生产、储存建设项目安全设施设计审查",
        "kind": Service.Kind.LICENSING,
        "delegated": True,
        "statutory": 20,
        "committed": 7,
        "result": "建设项目安全设施设计审查意见书",
        "summary": "通过安全条件审查的危险化学品建设项目，其安全设施设计须经审查同意后方可施工。",
        "basis": "《危险化学品建设项目安全监督管理办法》第十五条、第十七条\n《建设项目安全设施“三同时”监督管理办法》第十二条\n《湖南省人民政府关于向市州下放部分省级行政权力事项的决定》",
        "conditions": "已通过建设项目安全条件审查\n安全设施设计由具备相应资质的设计单位编制\n设计内容落实了安全条件审查意见和安全评价报告提出的对策措施",
        "applicants": "已通过安全条件审查的危险化学品建设项目的建设单位",
        "materials": [
            ("安全设施设计审查申请书", True, Material.Form.ORIGINAL, 1, "", ""),
            ("安全设施设计专篇", True, Material.Form.ORIGINAL, 2, "", ""),
            ("设计单位资质证书", True, Material.Form.COPY, 1, "", ""),
            ("安全条件审查意见书", True, Material.Form.COPY, 1, "", "本局核发的可由窗口调取"),
        ],
        "review_days": 5,
    },
    {
        "code": "yjxk-006",
        "name": "金属冶炼建设项目安全设施设计审查",
        "kind": Service.Kind.LICENSING,
        "delegated": True,
        "statutory": 20,
        "committed": 10,
        "result": "建设项目安全设施设计审查意见书",
        "summary": "新建、改建、扩建金属冶炼建设项目的安全设施设计，须经审查同意后方可施工。",
        "basis": "《中华人民共和国安全生产法》第三十四条\n《建设项目安全设施“三同时”监督管理办法》第七条、第十二条\n《湖南省人民政府关于向市州下放部分省级行政权力事项的决定》",
        "conditions": "安全设施设计由具备相应资质的设计单位编制\n设计采用的工艺、设备符合国家和行业标准\n涉及煤气、高温熔融金属等危险作业的，设计了相应的防护和联锁措施",
        "applicants": "在本市建设金属冶炼项目的建设单位",
        "materials": [
            ("安全设施设计审查申请书", True, Material.Form.ORIGINAL, 1, "", ""),
            ("安全设施设计专篇", True, Material.Form.ORIGINAL, 2, "", ""),
            ("建设项目安全预评价报告", True, Material.Form.ORIGINAL, 1, "", ""),
            ("项目备案（核准）文件", True, Material.Form.COPY, 1, "", ""),
            ("营业执照", True, Material.Form.COPY, 1, LICENCE_LOOKUP, ""),
        ],
        "review_days": 6,
    },
    {
        "code": "yjxk-007",
        "name": "非煤矿山建设项目安全设施设计审查",
        "kind": Service.Kind.LICENSING,
        "delegated": True,
        "statutory": 20,
        "committed": 7,
        "result": "建设项目安全设施设计审查意见书",
        "summary": "非煤矿山新建、改建、扩建工程的安全设施设计，须经审查同意后方可施工。",
        "basis": "《中华人民共和国矿山安全法》第八条\n《建设项目安全设施“三同时”监督管理办法》第十二条\n《湖南省人民政府关于向市州下放部分省级行政权力事项的决定》",
        "conditions": "已取得采矿许可证或划定矿区范围批复\n安全设施设计由具备矿山工程设计资质的单位编制\n开采方式、边坡参数、排土场等设计符合《金属非金属矿山安全规程》",
        "applicants": "本市行政区域内非煤矿山建设项目的建设单位",
        "materials": [
            ("安全设施设计审查申请书", True, Material.Form.ORIGINAL, 1, "", ""),
            ("安全设施设计", True, Material.Form.ORIGINAL, 2, "", ""),
            ("安全预评价报告", True, Material.Form.ORIGINAL, 1, "", ""),
            ("采矿许可证", True, Material.Form.COPY, 1, "", ""),
            ("设计单位资质证书", True, Material.Form.COPY, 1, "", ""),
        ],
        "review_days": 5,
    },
    {
        "code": "yjba-001",
        "name": "生产经营单位生产安全事故应急预案备案",
        "kind": Service.Kind.OTHER,
        "delegated": False,
        "statutory": 20,
        "committed": 5,
        "result": "应急预案备案登记表",
        "summary": "危险物品生产、经营、储存单位和矿山、金属冶炼等单位，应将应急预案报应急管理部门备案。",
        "basis": "《生产安全事故应急条例》第七条\n《生产安全事故应急预案管理办法》第二十六条",
        "conditions": "应急预案已经评审或论证，并由本单位主要负责人签署公布\n预案内容符合《生产经营单位生产安全事故应急预案编制导则》",
        "applicants": "本市行政区域内依法须备案应急预案的生产经营单位",
        "materials": [
            ("应急预案备案申请表", True, Material.Form.ORIGINAL, 1, "", ""),
            ("应急预案评审意见", True, Material.Form.COPY, 1, "", ""),
            ("应急预案文本及电子文档", True, Material.Form.BOTH, 1, "", ""),
            ("风险评估结果和应急资源调查清单", True, Material.Form.ORIGINAL, 1, "", ""),
        ],
        "review_days": 2,
    },
]

COUNTIES = [
    ("431302", "娄星区"),
    ("431321", "双峰县"),
    ("431322", "新化县"),
    ("431381", "冷水江市"),
    ("431382", "涟源市"),
]
TRADES = {
    "yjxk-001": ["化工贸易", "石化销售", "化学品仓储", "气体经营"],
    "yjxk-002": ["石材开采", "矿业", "建材矿业", "石灰石开采"],
    "yjxk-003": ["烟花爆竹贸易", "烟花爆竹批发"],
    "yjxk-004": ["新材料科技", "精细化工", "化工"],
    "yjxk-005": ["新材料科技", "精细化工", "化工"],
    "yjxk-006": ["钢铁", "冶金", "锑业", "铝业"],
    "yjxk-007": ["矿业", "石材开采", "砂石"],
    "yjba-001": ["化工", "矿业", "冶金", "燃气", "物流"],
}
WORDS = [
    "恒泰",
    "鑫达",
    "湘中",
    "资江",
    "梅山",
    "紫鹊",
    "锡都",
    "华昌",
    "宏远",
    "金穗",
    "瑞丰",
    "永兴",
    "振华",
    "天成",
    "晟源",
    "博雅",
]
SURNAMES = "王李张刘陈杨赵黄周吴曾彭谭罗邓"
GIVEN = ["建平", "志勇", "海燕", "丽华", "国强", "小军", "春梅", "伟", "芳", "敏", "涛", "俊杰"]
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LICENCE_PREFIX = {
    "yjxk-001": "湘娄危化经字",
    "yjxk-002": "（湘娄）FM安许证字",
    "yjxk-003": "湘娄烟批字",
    "yjxk-004": "娄应急危化项目审字",
    "yjxk-005": "娄应急危化设计审字",
    "yjxk-006": "娄应急冶金设计审字",
    "yjxk-007": "娄应急非煤设计审字",
    "yjba-001": "娄应急预案备字",
}
REFUSALS = [
    "经现场核查，储存场所与周边建筑的安全距离不符合国家标准，补正后仍未达到要求。",
    "申请人未在规定期限内完成安全评价报告提出的整改事项。",
    "提交的安全评价报告已超过有效期，补正后仍不符合要求。",
]


def _mark_published(record, on: date, reason: str) -> None:
    """Store a historical record as published on `on` (9:00, never later than now), lifecycle fields coherent.

    Demo history only: live records are published by a second reviewer through `publishing.publish`.
    """
    at = min(timezone.make_aware(datetime.combine(on, time(9, 0))), timezone.now())
    record.status = Status.PUBLISHED
    record.submitted_at = record.submitted_at or at
    record.published_at = at
    record.reviewed_at = at
    record.revision_authors = []
    record._change_reason = reason
    record.save()


def _credit_code(rng: random.Random, county: str) -> str:
    return make_credit_code("91" + county + "".join(rng.choice(CODE_CHARS) for _ in range(9)))


def _guide_fields(code: str) -> dict:
    basic, handling, visits, _intermediaries, _specials = GUIDE_ELEMENTS[code]
    credit_code = BureauProfile.current().credit_code
    return {
        "basic_code": basic,
        # 3: implemented at city level.
        "implementation_code": service_codes.implementation_code(credit_code, 3, basic) if credit_code else "",
        "handling_type": handling,
        "onsite_visits": visits,
        "online_url": ONLINE_URL,
    }


def _add_guide_rows(service: Service) -> None:
    _basic, _handling, _visits, intermediaries, specials = GUIDE_ELEMENTS[service.code]
    for i, (name, required, provider, basis) in enumerate(intermediaries, start=1):
        Intermediary.objects.create(
            service=service, position=i, name=name, is_required=required, provider=provider, legal_basis=basis
        )
    for i, (name, days, basis, counts) in enumerate(specials, start=1):
        SpecialStep.objects.create(
            service=service, position=i, name=name, limit_days=days, legal_basis=basis, counts_toward_limit=counts
        )


def _attach_blank_form(material: Material, service: Service) -> None:
    """A real blank form for the materials a bureau hands out (申请表, 申请书, 登记表)."""
    fmt = next((f for suffix, f in FORM_FORMATS if material.name.endswith(suffix)), None)
    if fmt is None:
        return
    content = blank_forms.blank_form(fmt, material.name, service.name)
    material.template.save(f"{material.name}.{fmt}", ContentFile(content), save=False)
    material.template_name = f"{material.name}.{fmt}"
    material.save()


def _load_services(stdout) -> dict[str, Service]:
    result = {}
    revised = date(2019, 6, 28)
    for position, spec in enumerate(SERVICES, start=1):
        service = Service.objects.filter(code=spec["code"]).first()
        if service is None:
            service = Service(
                code=spec["code"],
                name=spec["name"],
                kind=spec["kind"],
                is_delegated=spec["delegated"],
                summary=spec["summary"],
                legal_basis=spec["basis"],
                conditions=spec["conditions"],
                applicants=spec["applicants"],
                statutory_limit_days=spec["statutory"],
                committed_limit_days=spec["committed"],
                fee_basis="不收费",
                where_to_apply=PLACE,
                how_to_apply=HOW,
                office_hours=HOURS,
                department="行政审批科",
                enquiry_phone="0738-8000003",
                complaint_phone="0738-12345",
                result_name=spec["result"],
                version=1,
                revised_on=revised,
                change_note="省级下放后首次编制办事指南" if spec["delegated"] else "首次编制办事指南",
                position=position,
                **_guide_fields(spec["code"]),
            )
            service.full_clean()
            service.save()
            _add_guide_rows(service)
            for i, (name, required, form, copies, not_needed, note) in enumerate(spec["materials"], start=1):
                material = Material.objects.create(
                    service=service,
                    position=i,
                    name=name,
                    is_required=required,
                    form=form,
                    copies=copies,
                    not_needed_reason=not_needed,
                    note=note,
                )
                _attach_blank_form(material, service)
            for i, (name, text, who, days) in enumerate(COMMON_STEPS, start=1):
                if name == "审查":
                    days = spec["review_days"]
                Step.objects.create(
                    service=service, position=i, name=name, description=text, responsible=who, limit_days=days
                )
            _mark_published(service, revised, "历史数据：首版办事指南发布")
            # Version 2: the guide was revised for 证照分离 (no business licence needed).
            service.version = 2
            service.revised_on = date(2019, 10, 15)
            service.change_note = "落实证照分离改革，营业执照改由部门共享核验；压缩承诺时限"
            service.revision = 2
            service._change_reason = "历史数据：证照分离修订"
            service.save()
        result[service.code] = service
    stdout.write(f"  审批事项：{len(result)} 项")
    return result


def _working_day_on_or_after(d: date) -> date:
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def demo_query_code(n: int) -> str:
    """The known query code of the n-th demo application (by id), so the demo can be tried.

    Only its hash is stored, like any other; the codes are derivable from here and
    from nowhere in the database.
    """
    return f"{(n * 7919 + 20190627) % 10**8:08d}"


# Applications decided per year (the delegated powers arrived in mid-2019, so 2019 is its
# second half); months weighted as a licensing window sees them: quiet around the Spring
# Festival, busy in the autumn when fireworks wholesalers and chemical traders renew.
YEAR_APPLICATIONS = {2019: 23, 2020: 31, 2021: 42, 2022: 34, 2023: 39, 2024: 45, 2025: 41, 2026: 37}
MONTH_WEIGHTS = [6, 3, 8, 9, 8, 7, 8, 7, 10, 12, 13, 9]


def _received_days(rng: random.Random, year: int, first: date, last: date) -> list[date]:
    count = YEAR_APPLICATIONS.get(year, YEAR_APPLICATIONS[max(YEAR_APPLICATIONS)])
    months = [m for m in range(first.month if first.year == year else 1, 13) if date(year, m, 1) <= last]
    days = []
    for month in rng.choices(months, weights=[MONTH_WEIGHTS[m - 1] for m in months], k=count):
        day = _working_day_on_or_after(date(year, month, rng.randint(1, 28)))
        if first <= day < last:
            days.append(day)
    return sorted(days)


def _load_applications(catalogue: dict[str, Service], stdout) -> None:
    if Application.objects.exists():
        return
    today = timezone.localdate()
    weights = {
        "yjxk-001": 30,
        "yjxk-002": 8,
        "yjxk-003": 6,
        "yjxk-004": 7,
        "yjxk-005": 8,
        "yjxk-006": 5,
        "yjxk-007": 6,
        "yjba-001": 40,
    }
    codes = list(weights)
    serial: dict[str, int] = {}
    made = 0
    first = date(2019, 7, 1)  # the first guides were published on 2019-06-28
    for year in range(first.year, today.year + 1):
        rng = random.Random(20190627 + year)
        for received in _received_days(rng, year, first, today - timedelta(days=1)):
            code = rng.choices(codes, weights=[weights[c] for c in codes])[0]
            service = catalogue[code]
            county_code, _county = rng.choice(COUNTIES)
            trade = rng.choice(TRADES[code])
            name = (
                f"娄底市{rng.choice(WORDS)}{trade}有限公司"
                if rng.random() < 0.5
                else f"{_county}{rng.choice(WORDS)}{trade}有限公司"
            )
            accepted = received if rng.random() < 0.8 else add_working_days(received, 1).due
            if accepted >= today:
                continue
            app = services.accept_application(
                service=service,
                enterprise_name=name,
                credit_code=_credit_code(rng, county_code),
                contact_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                contact_phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                received_on=received,
                accepted_on=accepted,
                query_code=demo_query_code(made + 1),
            )
            made += 1
            _run(app, service, rng, today, serial)
    stdout.write(f"  审批申请：{made} 件（{first.year} 年下半年起）")


def _run(app: Application, service: Service, rng: random.Random, today: date, serial: dict[str, int]) -> None:
    """Take one application as far as its dates allow, with realistic pauses and timings."""
    limit = service.committed_limit_days
    review_on = add_working_days(app.accepted_on, 1).due
    if review_on >= today:
        return
    app = services.start_review(application=app, on=review_on)
    last_pause_end = None
    if rng.random() < 0.22:
        kind = (
            Pause.Kind.SUPPLEMENT
            if rng.random() < 0.6
            else rng.choice([Pause.Kind.EXPERT_REVIEW, Pause.Kind.SITE_CHECK, Pause.Kind.TESTING])
        )
        pause_start = add_working_days(app.accepted_on, rng.randint(1, max(1, limit // 2))).due
        if pause_start >= today:
            return
        services.pause(application=app, kind=kind, starts_on=pause_start, reason="演示：等待申请人补充或外部评审")
        pause_end = pause_start + timedelta(days=rng.randint(3, 20))
        if pause_end >= today:
            return  # still paused today
        app = services.resume(application=app, last_paused_day=pause_end)
        last_pause_end = pause_end
    if rng.random() < 0.12 and app.statutory_due_on:
        approved = add_working_days(app.accepted_on, max(1, limit - 1)).due
        if last_pause_end and approved <= last_pause_end:
            approved = add_working_days(last_pause_end, 1).due
        if approved < today and approved <= app.statutory_due_on:
            app = services.extend(
                application=app,
                days=10,
                reason="需组织专家对储存设施进行现场核查，现有时限内无法完成",
                approved_by="刘晓红",
                approved_on=approved,
                notified_on=approved,
            )
    # Nearly always on time: most decisions land in the first two-thirds of the promise.
    share = rng.random()
    if share < 0.97:
        taken = max(1, round(limit * (0.3 + 0.65 * rng.random())))
    else:
        taken = limit + rng.randint(1, 3)  # a rare slip past the promise, still within the law
    taken += app.extension_days if share >= 0.9 else 0
    if last_pause_end:
        first_paused = app.pauses.first().starts_on
        taken = max(taken, working_days_between(app.accepted_on, first_paused) + 1)
    decision_on = add_working_days(app.accepted_on, taken, pauses=app.pause_periods()).due
    if app.extension_approved_on and decision_on <= app.extension_approved_on:
        decision_on = add_working_days(app.extension_approved_on, rng.randint(1, app.extension_days)).due
    if decision_on >= today:
        return
    refused = rng.random() < 0.05 and service.kind == Service.Kind.LICENSING
    year = decision_on.year
    key = f"{service.code}:{year}"  # numbers restart every year
    serial[key] = serial.get(key, 0) + 1
    number = f"{LICENCE_PREFIX[service.code]}〔{year}〕{serial[key]:04d}号"
    serial[str(year)] = serial.get(str(year), 0) + 1  # decision numbers: one sequence per year
    if refused:
        app = services.decide(
            application=app,
            decision=Application.Decision.REFUSED,
            on=decision_on,
            decision_number=f"娄应急不许〔{year}〕{serial[str(year)]}号",
            reason=rng.choice(REFUSALS),
        )
    else:
        valid_years = 3 if service.code in ("yjxk-001", "yjxk-002", "yjxk-003") else 2
        app = services.decide(
            application=app,
            decision=Application.Decision.GRANTED,
            on=decision_on,
            decision_number=f"娄应急许〔{year}〕{serial[str(year)]}号",
            licence_number=number,
            valid_from=decision_on,
            valid_until=date(decision_on.year + valid_years, decision_on.month, min(decision_on.day, 28))
            - timedelta(days=1),
        )
    done_on = add_working_days(decision_on, rng.randint(0, 2)).due
    if done_on < today:
        services.complete(application=app, on=done_on)
    publish_on = add_working_days(decision_on, rng.randint(1, 5)).due
    if publish_on <= today:
        _mark_published(ApprovalResult.objects.get(application=app), publish_on, "历史数据：结果公示")


AGENCIES = [
    (
        "湖南湘中安全技术咨询有限公司",
        Agency.Kind.EVALUATION,
        "APJ-（湘）-012",
        "金属、非金属矿及其他矿采选业；陆地石油和天然气开采业",
        900,
        "娄星区乐坪街道",
    ),
    (
        "娄底市安科职业安全评价有限公司",
        Agency.Kind.EVALUATION,
        "APJ-（湘）-027",
        "化学原料、化学品及医药制造业；烟花爆竹制造业",
        420,
        "娄星区涟滨街道",
    ),
    (
        "湖南恒安安全评价有限公司",
        Agency.Kind.EVALUATION,
        "APJ-（湘）-008",
        "危险化学品生产、储存、经营；金属冶炼",
        -60,
        "长沙市岳麓区",
    ),
    (
        "湖南梅山安全生产检测检验有限公司",
        Agency.Kind.TESTING,
        "AJJ-（湘）-005",
        "矿山在用设备设施安全检测检验；防爆电气设备检测",
        600,
        "冷水江市锡矿山街道",
    ),
    (
        "娄底市华检安全检测技术有限公司",
        Agency.Kind.TESTING,
        "AJJ-（湘）-011",
        "危险化学品企业可燃有毒气体检测报警系统检测",
        250,
        "涟源市蓝田街道",
    ),
    (
        "湖南中衡职业安全检测评价有限公司",
        Agency.Kind.EVALUATION,
        "APJ-（湘）-031",
        "金属冶炼；建材、机械等工贸行业",
        -15,
        "双峰县永丰镇",
    ),
    (
        "湖南资江矿山设备检测有限公司",
        Agency.Kind.TESTING,
        "AJJ-（湘）-019",
        "矿用提升设备、主通风机、空压机检测检验",
        1100,
        "新化县上梅街道",
    ),
    (
        "湖南安泰立安全技术有限公司",
        Agency.Kind.EVALUATION,
        "APJ-（湘）-044",
        "危险化学品生产、储存、经营；烟花爆竹",
        730,
        "娄底经济技术开发区",
    ),
]


def _load_agencies(stdout) -> None:
    rng = random.Random(7)
    today = timezone.localdate()
    for i, (name, kind, number, scope, days_left, place) in enumerate(AGENCIES):
        code = make_credit_code("914313" + f"{i:02d}" + "".join(rng.choice(CODE_CHARS) for _ in range(9)))
        if Agency.objects.filter(qualification_number=number).exists():
            continue
        status = Agency.QualificationStatus.SUSPENDED if i == 7 else Agency.QualificationStatus.NORMAL
        agency = Agency(
            name=name,
            credit_code=code,
            kind=kind,
            qualification_number=number,
            scope=scope,
            valid_until=today + timedelta(days=days_left),
            qualification_status=status,
            address=f"湖南省{place}" if not place.startswith("长沙") else f"湖南省{place}",
            phone=f"0738-83{rng.randint(10000, 99999)}",
        )
        _mark_published(agency, today - timedelta(days=400), "历史数据：机构名录发布")
        SupervisionRecord.objects.create(
            agency=agency,
            checked_on=today - timedelta(days=rng.randint(30, 300)),
            kind=SupervisionRecord.Kind.RANDOM,
            findings="抽查近一年出具的报告 5 份，现场核查项目负责人到岗和原始记录留存情况。",
            outcome="未发现问题" if i != 7 else "2 份报告现场勘验记录缺失，责令暂停资质整改三个月",
        )
    stdout.write(f"  安全评价检测机构：{Agency.objects.count()} 家")


def load(*, stdout) -> None:
    catalogue = _load_services(stdout)
    _load_applications(catalogue, stdout)
    _load_agencies(stdout)


def tracking_samples() -> list[str]:
    """Demo applications a newcomer can look up on /approvals/track/ (1 query): the first two made."""
    apps = Application.objects.order_by("id").select_related("service")[:2]
    return [
        f"行政审批 /approvals/track/  办件编号 {app.reference}  查询码 {demo_query_code(n)}（{app.service.name}）"
        for n, app in enumerate(apps, start=1)
    ]
