"""Demo notices in every category of the catalogue, written for the demo from the
facts in shared/DOMAIN.md (figures of the bureau's 2019 work). Idempotent: a
notice whose title exists is left alone.

Demo notices are stored as already reviewed and published (there are no
staff accounts yet when demo data loads); real notices go through services.py.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from loudi_portal.demo import demo_loader
from loudi_portal.models import BureauProfile

from .models import (
    AnnualReport,
    Category,
    Notice,
    NoticeAttachment,
    NoticeViewCount,
    ReportManualFigure,
    ReviewCase,
    SanGongLine,
    SanGongStatement,
)
from .services import format_index_number, next_index_serial, publish_report, publish_statement


def p(*paras):
    return "".join(f"<p>{x}</p>" for x in paras)


def ul(*items):
    return "<ul>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>"


def table(caption, head, rows):
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><caption>{caption}</caption><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


ANNUAL_REPORT_2019 = (
    p(
        "本报告依据《中华人民共和国政府信息公开条例》编制，概述娄底市应急管理局2019年1月1日至12月31日的政府信息公开工作。"
        "报告所列数据的统计期限与此相同。如对本报告有疑问，可与本局办公室（政务公开办）联系。"
    )
    + "<h2>一、总体情况</h2>"
    + p(
        "2019年是本局组建后的第一个完整年度。本局把政务公开作为依法行政的基础工作，由办公室统筹，"
        "各业务科室按“谁制作、谁公开”的原则提供信息，做到形成之日起20个工作日内主动公开。"
    )
    + "<h3>（一）执法信息公开</h3>"
    + p(
        "全年参与市场监管、文化旅游、水运道路交通等部门的联合“双随机”抽查57次，牵头组织专项执法行动12次，"
        "依法关闭企业2家，抽查对象、执法人员和检查结果均通过平台向社会公开。"
    )
    + "<h3>（二）行政审批信息公开</h3>"
    + p(
        "承接省厅下放的行政审批权限7项，逐项制定办理流程，网上公开办事指南、申请材料和办结时限。"
        "推行“证照分离”，可以查询到的营业执照不再要求申请人提交；承诺时限压缩到法定时限的50%，部分事项压缩到35%，"
        "全年申请全部按期办结。"
    )
    + "<h3>（三）煤矿关闭奖补信息公开</h3>"
    + p(
        "全市关闭煤矿25处，占全省关闭总数的62.5%。市级财政安排奖补资金2180万元。"
        "关闭时间、政策依据、补助标准、奖补企业类型和奖励金额均已公开，并逐矿公开奖补资金到位情况。"
    )
    + table(
        "2019年煤矿关闭奖补标准",
        ["项目", "标准"],
        [
            ["关闭突出矿井", "每处900万元"],
            ["关闭非突出矿井", "每处200万元"],
            ["超任务关闭奖励（县市区政府）", "每处500万元"],
            ["超任务关闭工作经费", "每处50万元"],
        ],
    )  # fmt: skip
    + "<h2>二、主动公开政府信息情况</h2>"
    + p(
        "全年通过门户网站主动公开行政许可、行政处罚、监督检查、应急预案和财政预决算等信息。"
        "危险化学品生产企业11家、经营企业275家完成风险评估分级；烟花爆竹经营网点由4200个压减到1400个，"
        "取缔经营网点142个、非法销售点79个；480家工贸企业达到安全生产标准化三级以上，有关情况均已公开。"
    )
    + "<h2>三、收到和处理政府信息公开申请情况</h2>"
    + p("全年依申请公开工作按条例规定的期限办理，办理结果按国家统一格式统计，详见本局依申请公开栏目。")
    + "<h2>四、政府信息公开行政复议、行政诉讼情况</h2>"
    + p("全年未发生因政府信息公开引起的行政复议和行政诉讼。")
    + "<h2>五、存在的主要问题及改进情况</h2>"
    + ul(
        "部分县市区煤矿关闭补偿资金到位慢，公开的到位情况更新不及时；2020年起按月更新并逐矿公示。",
        "公开内容以文字为主，图表解读偏少；2020年增加政策图解和数据表格。",
    )
    + "<h2>六、其他需要报告的事项</h2>"
    + p("本年度未收取政府信息公开信息处理费。")
)


# (category slug, title, 文号, body, publication date, extra fields)
NOTICES = [
    (
        "annual-reports",
        "娄底市应急管理局2019年政府信息公开工作年度报告",
        "",
        ANNUAL_REPORT_2019,
        date(2020, 1, 16),
        {"keywords": "政务公开 年度报告"},
    ),
    (
        "annual-reports",
        "娄底市应急管理局2020年政府信息公开工作年度报告",
        "",
        p("本报告回顾2020年本局政府信息公开工作，按国家规定的六个部分编写。")
        + "<h2>一、总体情况</h2>"
        + p("全年坚持公开为常态、不公开为例外，主动公开信息按时发布。"),
        date(2021, 1, 28),
        {},
    ),
    (
        "annual-reports",
        "娄底市应急管理局2025年政府信息公开工作年度报告",
        "",
        p("本报告依据政府信息公开条例和国家统一格式编制，统计期限为2025年全年。")
        + "<h2>一、总体情况</h2>"
        + p("全年主动公开各类信息并按月更新执法和审批结果。"),
        date(2026, 1, 27),
        {},
    ),
    (
        "organisation",
        "娄底市应急管理局主要职能",
        "",
        p("本局负责全市应急管理和安全生产综合监督管理工作。")
        + ul(
            "组织编制全市应急预案并组织演练",
            "依法行使安全生产综合监督管理职权",
            "负责重点行业领域安全生产监督管理",
            "依法公开政府信息，接受社会监督",
        ),
        date(2019, 3, 1),
        {},
    ),
    (
        "organisation",
        "娄底市应急管理局内设机构及联系方式",
        "",
        p("本局设办公室、政策法规科、行政审批科、执法监督科等内设机构，各机构职责和电话见机构概况页面。"),
        date(2019, 3, 5),
        {},
    ),
    (
        "organisation",
        "娄底市应急管理局领导分工调整情况",
        "",
        p("根据工作需要，局领导分工作相应调整，具体分工见机构概况。"),
        date(2025, 4, 10),
        {},
    ),
    (
        "normative-documents",
        "娄底市应急局事中事后监管细则",
        "娄应急发〔2019〕8号",
        "<h2>第一章 总则</h2>"
        + p("为加强安全生产行政许可事项的事中事后监管，结合本市实际，制定本细则。")
        + "<h2>第二章 监管方式</h2>"
        + ul("“双随机、一公开”抽查", "“四不两直”暗查暗访", "重大隐患“一单四制”督办")
        + "<h2>第三章 结果运用</h2>"
        + p("检查发现的违法行为依法查处，处罚结果在7个工作日内公开。"),
        date(2019, 6, 20),
        {"validity": Notice.Validity.VALID, "keywords": "事中事后监管 双随机"},
    ),
    (
        "normative-documents",
        "娄底市安全生产约谈办法",
        "娄应急发〔2019〕15号",
        p("对安全生产工作不力的单位负责人进行约谈，明确约谈情形、程序和整改要求。"),
        date(2019, 9, 2),
        {"validity": Notice.Validity.REPEALED, "validity_changed_on": date(2024, 12, 31)},
    ),
    (
        "normative-documents",
        "娄底市烟花爆竹零售经营许可实施办法",
        "娄应急发〔2020〕4号",
        p("明确烟花爆竹零售点的布点规划、许可条件和申请材料，全市零售网点总量控制在1400个以内。"),
        date(2020, 3, 18),
        {"validity": Notice.Validity.VALID},
    ),
    (
        "normative-documents",
        "娄底市生产安全事故隐患排查治理办法（试行）",
        "娄应急发〔2018〕21号",
        p("规定企业隐患自查自报、分级治理和销号管理。"),
        date(2019, 1, 8),
        {"validity": Notice.Validity.EXPIRED, "validity_changed_on": date(2023, 12, 31)},
    ),
    (
        "policy-documents",
        "关于推进安全生产风险分级管控和隐患排查治理双重预防机制建设的实施方案",
        "娄应急发〔2019〕11号",
        p("在重点行业领域全面推行风险分级管控和隐患排查治理，2019年底前危险化学品企业全部完成风险评估分级。"),
        date(2019, 7, 15),
        {},
    ),
    (
        "policy-documents",
        "娄底市应急管理局政务公开工作制度",
        "娄应急办〔2019〕3号",
        p("明确信息公开的责任科室、审核流程和发布时限，坚持先审后发，发布人与起草人分离。"),
        date(2019, 4, 2),
        {},
    ),
    (
        "policy-documents",
        "关于进一步规范安全评价检测检验机构管理的通知",
        "娄应急发〔2020〕9号",
        p("依据《安全评价检测检验机构管理办法》，对全市安全评价检测机构开展摸底调查和监督检查。"),
        date(2020, 6, 8),
        {},
    ),
    (
        "policy-interpretation",
        "一图读懂《娄底市应急局事中事后监管细则》",
        "",
        p("细则回答三个问题：谁来查、怎么查、查了怎么办。")
        + ul("谁来查：执法人员随机抽取", "怎么查：“四不两直”", "查了怎么办：凡检查必执法，凡执法必处罚"),
        date(2019, 6, 28),
        {},
    ),
    (
        "policy-interpretation",
        "煤矿关闭奖补政策问答",
        "",
        "<h2>关闭一处突出矿井补助多少？</h2>"
        + p("每处补助900万元。")
        + "<h2>关闭一处非突出矿井补助多少？</h2>"
        + p("每处补助200万元。")
        + "<h2>超额完成关闭任务有什么奖励？</h2>"
        + p("每多关闭一处，奖励所在县市区政府500万元，另给工作经费50万元。"),
        date(2019, 5, 10),
        {"keywords": "煤矿 关闭奖补"},
    ),
    (
        "policy-interpretation",
        "“证照分离”改革后安全生产许可办理解读",
        "",
        p("申请人无需提交本局能够通过系统查询到的营业执照，办理时限压缩至法定时限的一半。"),
        date(2019, 11, 5),
        {},
    ),
    (
        "plans",
        "娄底市应急管理局2019年工作要点",
        "",
        p("围绕防风险、除隐患、遏事故，全年重点抓好以下工作。")
        + ul("深化煤矿整治关闭", "开展危险化学品风险评估分级", "压减烟花爆竹经营网点", "推进工贸企业安全生产标准化"),
        date(2019, 2, 20),
        {},
    ),
    (
        "plans",
        "娄底市应急管理局2019年工作总结",
        "",
        p("全年关闭煤矿25处，开展联合抽查57次、专项执法行动12次，480家工贸企业达标三级以上。"),
        date(2019, 12, 30),
        {},
    ),
    (
        "plans",
        "娄底市“十四五”应急体系建设规划",
        "",
        p("提出到2025年基本建成统一指挥、反应灵敏的应急管理体系。"),
        date(2021, 9, 15),
        {},
    ),
    (
        "plans",
        "娄底市应急管理局2026年工作计划",
        "",
        p("2026年重点推进安全生产治本攻坚和基层应急能力建设。"),
        date(2026, 2, 12),
        {},
    ),
    (
        "licensing",
        "省级下放安全生产行政许可事项办事指南",
        "",
        p("以下7项许可事项由省应急管理厅下放本局办理，每项均公开办理流程、申请材料和承诺时限。")
        + table(
            "下放事项承诺时限",
            ["事项", "法定时限", "承诺时限"],
            [
                ["危险化学品经营许可（带储存）", "20个工作日", "10个工作日"],
                ["烟花爆竹批发许可", "20个工作日", "7个工作日"],
                ["非煤矿山安全生产许可", "45个工作日", "22个工作日"],
            ],
        ),
        date(2019, 4, 25),
        {"keywords": "行政许可 办事指南"},
    ),
    (
        "licensing",
        "2019年第四季度安全生产行政许可办理结果公示",
        "",
        p("本季度受理许可申请全部按期办结，办理结果逐项公示。"),
        date(2020, 1, 8),
        {},
    ),
    (
        "licensing",
        "2026年第三季度安全生产行政许可办理结果公示",
        "",
        p("本季度许可申请全部在承诺时限内办结。"),
        date(2026, 10, 12),
        {},
    ),
    (
        "penalties",
        "2019年安全生产行政处罚案件信息公开（第四批）",
        "",
        p("依据《安全生产法》，对检查中发现的违法行为依法作出处罚，具有一定社会影响的处罚决定在此公开。"),
        date(2019, 12, 10),
        {},
    ),
    (
        "penalties",
        "关于依法关闭两家不具备安全生产条件企业的公告",
        "",
        p("经专项执法检查，两家企业存在重大事故隐患且拒不整改，本局依法提请关闭。"),
        date(2019, 10, 22),
        {},
    ),
    (
        "penalties",
        "行政处罚和行政强制的依据与程序",
        "",
        p("本局实施行政处罚和行政强制的依据、程序和救济途径。")
        + ul("立案", "调查取证", "告知", "听证（依申请）", "决定", "送达执行"),
        date(2019, 3, 20),
        {},
    ),
    (
        "inspections",
        "2019年度“双随机、一公开”抽查工作计划",
        "",
        p("从检查对象名录库和执法人员名录库中随机抽取，每次检查不少于两名执法人员，抽查结果20个工作日内公开。"),
        date(2019, 3, 12),
        {"keywords": "双随机 一公开"},
    ),
    (
        "inspections",
        "2019年跨部门联合“双随机”抽查结果汇总",
        "",
        p("全年与市场监管、文化旅游、交通运输等部门开展联合抽查57次。")
        + table(
            "联合抽查次数",
            ["联合部门", "次数"],
            [["市场监管", "21"], ["文化旅游", "12"], ["交通运输（水运、道路）", "14"], ["其他行业主管部门", "10"]],
        ),
        date(2020, 1, 10),
        {},
    ),
    (
        "inspections",
        "烟花爆竹“打非治违”专项执法行动通报",
        "",
        p("专项行动取缔经营网点142个、非法销售点79个，全市零售网点由4200个压减到1400个。"),
        date(2019, 12, 18),
        {},
    ),
    (
        "inspections",
        "危险化学品企业风险评估分级结果",
        "",
        p("全市11家危险化学品生产企业和275家经营企业完成风险评估，按红、橙、黄、蓝四级实施分级监管。"),
        date(2019, 11, 28),
        {},
    ),
    (
        "emergency-plans",
        "娄底市生产安全事故应急预案",
        "",
        p("规定事故分级、组织指挥体系、响应程序和保障措施。"),
        date(2019, 8, 30),
        {},
    ),
    (
        "emergency-plans",
        "娄底市危险化学品事故专项应急预案",
        "",
        p("针对危险化学品泄漏、火灾、爆炸事故的处置程序。"),
        date(2020, 5, 14),
        {},
    ),
    (
        "emergency-plans",
        "2026年防汛抗旱应急演练情况",
        "",
        p("在涟源市、新化县组织开展山洪地质灾害转移避险演练。"),
        date(2026, 6, 3),
        {},
    ),
    (
        "warnings",
        "关于做好强降雨天气防范应对工作的预警提示",
        "",
        p("近期我市将出现强降雨过程，请各县市区加强值班值守，提前转移危险区域群众。"),
        date(2026, 6, 18),
        {},
    ),
    (
        "warnings",
        "春节期间烟花爆竹安全风险提示",
        "",
        p("请购买合法产品，在指定区域燃放，远离易燃物。"),
        date(2026, 1, 20),
        {},
    ),
    (
        "warnings",
        "高温天气有限空间作业安全提示",
        "",
        p("有限空间作业必须先通风、再检测、后作业。"),
        date(2025, 7, 22),
        {},
    ),
    (
        "accident-reports",
        "新化县某煤矿“3·12”顶板事故调查报告",
        "",
        p("事故调查组查明了事故经过、原因和性质，提出了对有关责任单位和人员的处理建议及防范措施。"),
        date(2019, 7, 5),
        {},
    ),
    (
        "accident-reports",
        "冷水江市某工贸企业机械伤害事故调查报告",
        "",
        p("事故暴露出企业安全培训不到位、设备防护缺失等问题。"),
        date(2020, 9, 21),
        {},
    ),
    (
        "accident-reports",
        "涟源市某建筑工地高处坠落事故调查报告",
        "",
        p("调查报告对事故责任单位依法提出处罚建议。"),
        date(2025, 11, 6),
        {},
    ),
    (
        "budgets",
        "娄底市应急管理局2019年部门预算及“三公”经费预算说明",
        "",
        p("公开2019年部门收支预算和因公出国（境）费、公务用车购置及运行费、公务接待费预算。"),
        date(2019, 2, 28),
        {},
    ),
    (
        "budgets",
        "娄底市应急管理局2019年部门决算",
        "",
        p("公开2019年部门决算和“三公”经费决算情况及增减原因。"),
        date(2020, 8, 20),
        {},
    ),
    (
        "budgets",
        "2019年煤矿关闭奖补资金到位情况",
        "",
        p("市级财政安排奖补资金2180万元，按关闭矿井逐处公开资金拨付和到位情况。"),
        date(2020, 1, 15),
        {"keywords": "煤矿 奖补 资金到位"},
    ),
    (
        "fees",
        "本局行政事业性收费项目公示",
        "",
        p("本局目前无行政事业性收费项目。依申请公开政府信息一般不收费。"),
        date(2019, 5, 6),
        {},
    ),
    (
        "fees",
        "政府信息公开信息处理费收费标准",
        "",
        p("同一申请人一个自然月内申请超过10件的，按国家规定标准收取信息处理费。"),
        date(2021, 1, 4),
        {},
    ),
    (
        "fees",
        "行政事业性收费目录清单（2026年）",
        "",
        p("本局执行省级公布的收费目录清单，无自行设立的收费项目。"),
        date(2026, 3, 2),
        {},
    ),
    (
        "procurement",
        "应急指挥平台升级项目采购意向公开",
        "",
        p("预计采购时间为第三季度，采购方式为公开招标。"),
        date(2025, 5, 12),
        {},
    ),
    ("procurement", "应急物资储备采购结果公告", "", p("公开中标单位、中标金额和主要标的。"), date(2025, 9, 1), {}),
    (
        "procurement",
        "执法装备采购项目招标公告",
        "",
        p("采购执法记录仪和便携式气体检测仪，欢迎符合条件的供应商参加。"),
        date(2020, 4, 16),
        {},
    ),
    (
        "personnel",
        "娄底市应急管理局2019年公开遴选公务员公告",
        "",
        p("公布遴选职位、资格条件和报名方式。"),
        date(2019, 6, 3),
        {},
    ),
    (
        "personnel",
        "干部任前公示",
        "",
        p("按照干部任用规定，对拟任职人选进行公示，公示期5个工作日。"),
        date(2025, 10, 9),
        {},
    ),
    (
        "personnel",
        "2026年度事业单位公开招聘工作人员拟聘用人员公示",
        "",
        p("公示拟聘用人员名单，接受社会监督。"),
        date(2026, 8, 14),
        {},
    ),
    (
        "announcements",
        "关于开展“安全生产月”活动的通知",
        "",
        p("全市开展安全宣传咨询日、应急演练周等活动。"),
        date(2019, 5, 28),
        {},
    ),
    (
        "announcements",
        "关于公布安全生产举报电话和奖励办法的公告",
        "",
        p("鼓励群众举报重大事故隐患和安全生产违法行为，经查属实的按规定给予奖励。"),
        date(2019, 8, 1),
        {},
    ),
    (
        "announcements",
        "关于公开征求《娄底市安全生产约谈办法（修订稿）》意见的公告",
        "",
        p("意见征集期为30日，可通过电子邮件或信函提出。"),
        date(2025, 3, 17),
        {},
    ),
    (
        "announcements",
        "“互联网+监管”事项清单公告",
        "",
        p("市级认领监管事项21项、确认12项；县级认领12项、确认9项。"),
        date(2019, 10, 15),
        {},
    ),
]


# A notice published and later withdrawn, so the 410 page has something to show.
WITHDRAWN = (
    "announcements",
    "关于2020年春节期间烟花爆竹临时零售点布点的公告",
    date(2020, 1, 6),
    "布点方案经复核有两处网点距离学校不足规定距离，原公告撤回，调整后的方案另行公告。",
)


def _demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF (ASCII text only), enough for the attachment list."""
    text = "Loudi Emergency Management Bureau - demo attachment"
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _published_at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def load_notices(*, stdout) -> None:
    categories = {c.slug: c for c in Category.objects.all()}
    profile = BureauProfile.current()
    credit_code = profile.credit_code or "000000000000000000"
    existing = set(Notice.objects.values_list("title", flat=True))
    created = 0
    for slug, title, doc_number, body, day, extra in NOTICES:
        if title in existing or slug not in categories:
            continue
        at = _published_at(day)
        serial = next_index_serial(day.year)
        notice = Notice(
            title=title,
            category=categories[slug],
            doc_number=doc_number,
            body=body,
            source="娄底市应急管理局",
            author="办公室",
            editor_name="政务公开办",
            written_on=day,
            status=Notice.Status.PUBLISHED,
            published_at=at,
            index_year=day.year,
            index_serial=serial,
            index_number=format_index_number(credit_code, day.year, serial),
            **extra,
        )
        notice._change_reason = "演示数据"
        notice.save()
        NoticeViewCount.objects.create(notice=notice, count=(len(title) * 37) % 500 + 20)
        created += 1
    report = Notice.objects.filter(title=NOTICES[0][1]).first()
    if report is not None and created:
        others = Notice.objects.filter(category=report.category).exclude(pk=report.pk)
        report.related.add(*others)
    if report is not None and not report.attachments.exists():
        pdf = _demo_pdf(report.title)
        attachment = NoticeAttachment(
            notice=report, name="2019年政府信息公开工作年度报告（PDF版）", kind="PDF", size=len(pdf)
        )
        path = "notices/demo/annual-report-2019.pdf"
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(pdf))
        attachment.file.name = path
        attachment.save()
        from .services import refresh_search_text

        refresh_search_text(report)
    slug, title, day, reason = WITHDRAWN
    if title not in existing and slug in categories:
        serial = next_index_serial(day.year)
        notice = Notice(
            title=title,
            category=categories[slug],
            body=p("公布春节期间临时零售点的位置和经营时段。"),
            written_on=day,
            status=Notice.Status.WITHDRAWN,
            published_at=_published_at(day),
            withdrawn_at=_published_at(date(2020, 1, 9)),
            withdrawal_reason=reason,
            index_year=day.year,
            index_serial=serial,
            index_number=format_index_number(credit_code, day.year, serial),
        )
        notice._change_reason = "演示数据"
        notice.save()
    stdout.write(
        f"政务公开：新建 {created} 条公开信息（共 {Notice.objects.count()} 条），{len(categories)} 个目录栏目。"
    )


def load(*, stdout) -> None:
    """Notices, then the 三公 statements, then the 2019 yearly report (it counts the records)."""
    load_notices(stdout=stdout)
    load_budgets(stdout=stdout)
    load_report(stdout=stdout)


# --- Demo “三公” figures for 2017-2019 (budgets and final accounts), entered and published the normal way.

# (year, stage): {category: (amount in 元, count, people, explanation)}
FIGURES = {
    (2017, "budget"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("260000", 120, 1150, ""),
        "vehicle_purchase": ("0", 0, None, ""),
        "vehicle_operation": ("480000", 12, None, ""),
    },
    (2017, "final"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("231500", 104, 980, ""),
        "vehicle_purchase": ("0", 0, None, ""),
        "vehicle_operation": ("452300", 12, None, ""),
    },
    (2018, "budget"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("240000", 110, 1020, "机构改革后按新的职能和编制测算，并压减一般性接待。"),
        "vehicle_purchase": ("0", 0, None, ""),
        "vehicle_operation": ("420000", 10, None, "公务用车制度改革后保留车辆减少 2 辆，运行费相应减少。"),
    },
    (2018, "final"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("198600", 92, 860, "严格执行公务接待标准，减少陪餐人数和接待批次。"),
        "vehicle_purchase": ("0", 0, None, ""),
        "vehicle_operation": ("398700", 10, None, "车辆减少，维修和燃油支出随之下降。"),
    },
    (2019, "budget"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("220000", 100, 940, "继续压减一般性支出。"),
        "vehicle_purchase": ("250000", 1, None, "按规定更新 1 辆应急救援指挥车（原车辆已达报废年限）。"),
        "vehicle_operation": ("380000", 10, None, "执法执勤用车集中管理，运行维护费下调。"),
    },
    (2019, "final"): {
        "outbound": ("0", 0, 0, ""),
        "reception": ("176400", 85, 760, "上级检查指导和兄弟单位交流减少，接待批次下降。"),
        "vehicle_purchase": ("238000", 1, None, "购置应急救援指挥车 1 辆，实际成交价低于预算。"),
        "vehicle_operation": ("351200", 10, None, "加强油耗和维修定点管理，支出继续下降。"),
    },
}


def load_budgets(*, stdout) -> None:
    if SanGongStatement.objects.exists():
        return
    loader = demo_loader()
    for (year, stage), lines in sorted(FIGURES.items()):
        statement = SanGongStatement.objects.create(
            year=year, stage=stage, note=f"{year} 年度“三公”经费{'预算' if stage == 'budget' else '决算'}（演示数据）。"
        )
        for category, (amount, count, people, explanation) in lines.items():
            SanGongLine.objects.create(
                statement=statement,
                category=category,
                amount=Decimal(amount),
                count=count,
                people=people,
                explanation=explanation,
            )
        publish_statement(statement=statement, by=loader)
    stdout.write("“三公”经费：2017-2019 年预算和决算各 3 份。")


# --- The 2019 yearly report, computed from the demo records and published like a real one.
#
# The requests it counts are loaded before (inforequests comes before disclosure in PROJECT_APPS).

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


def load_report(*, stdout) -> None:
    if AnnualReport.objects.filter(year=2019).exists():
        return
    loader = demo_loader()
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
