"""Demo notices in every category of the catalogue, written for the demo from the
facts in shared/DOMAIN.md (figures of the bureau's 2019 work). Idempotent: a
notice whose title exists is left alone.

Demo notices are stored as already reviewed and published (there are no
staff accounts yet when demo data loads); real notices go through services.py.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from loudi_portal import publishing
from loudi_portal.demo import DEMO_FIRST_YEAR, demo_drafter, demo_loader
from loudi_portal.models import BureauProfile

from . import demo_documents, demo_summaries, demo_texts
from .demo_html import p, table, ul
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
    format_index_number,
    next_index_serial,
)
from .services.reports import ANNUAL_REPORT_CATEGORY, report_title

# (category slug, title, 文号, body, publication date, extra fields)
NOTICES = [
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
        p(
            "对安全生产工作不力的单位负责人进行约谈，明确约谈情形、程序和整改要求。",
            "本办法自印发之日起施行，有效期至2024年12月31日。",
        ),
        date(2019, 9, 2),
        # Expired at the end of its term (a revision was put out for comment in 2025); a 废止
        # would name the document that repealed it.
        {"validity": Notice.Validity.EXPIRED, "validity_changed_on": date(2024, 12, 31)},
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
        "<h2>一、事故基本情况</h2>"
        + p(
            "2019年3月12日14时20分许，新化县某煤矿+120米水平采煤工作面发生一起顶板事故，"
            "造成1人死亡，直接经济损失约118万元。经县人民政府批准，成立由县应急管理局牵头的事故调查组。"
        )
        + "<h2>二、事故原因</h2>"
        + p(
            "直接原因：工作面超前支护不及时，作业人员在空顶区域作业，顶板局部冒落。",
            "间接原因：煤矿现场安全管理不到位，作业规程落实不严，班组安全检查流于形式。",
        )
        + "<h2>三、责任认定和处理建议</h2>"
        + p("该事故是一起一般生产安全责任事故。调查组建议对煤矿依法给予行政处罚，对矿长、分管副矿长等3人依法追责。")
        + "<h2>四、防范措施</h2>"
        + p("（一）严格执行敲帮问顶和超前支护制度；（二）开展顶板管理专项培训；（三）县应急管理局加强驻矿监管。"),
        date(2019, 7, 5),
        {"approved_on": date(2019, 6, 28)},
    ),
    (
        "accident-reports",
        "冷水江市某工贸企业机械伤害事故调查报告",
        "",
        "<h2>一、事故基本情况</h2>"
        + p(
            "2020年5月18日10时许，冷水江市某工贸企业轧钢车间一名维修工在检修输送辊道时被卷入，"
            "经抢救无效死亡，直接经济损失约96万元。市人民政府批准成立事故调查组开展调查。"
        )
        + "<h2>二、事故原因</h2>"
        + p(
            "直接原因：维修作业前未切断设备电源、未挂牌上锁，辊道被误启动。",
            "间接原因：企业安全培训不到位、设备防护缺失，检修作业审批和监护制度未落实。",
        )
        + "<h2>三、责任认定和处理建议</h2>"
        + p(
            "该事故是一起一般生产安全责任事故。建议对企业及其主要负责人依法给予行政处罚，对车间主任等2人由企业内部处理。"
        )
        + "<h2>四、防范措施</h2>"
        + p("（一）全面推行检修挂牌上锁制度；（二）为传动部位加装防护罩和急停装置；（三）开展全员安全培训考核。"),
        date(2020, 9, 21),
        {"approved_on": date(2020, 9, 11)},
    ),
    (
        "accident-reports",
        "涟源市某建筑工地高处坠落事故调查报告",
        "",
        "<h2>一、事故基本情况</h2>"
        + p(
            "2025年10月9日8时30分许，涟源市某住宅项目工地一名架子工在拆除外脚手架时从13层坠落，"
            "经抢救无效死亡，直接经济损失约132万元。经涟源市人民政府批准，成立事故调查组。"
        )
        + "<h2>二、事故原因</h2>"
        + p(
            "直接原因：作业人员高处作业未系挂安全带，脚手架拆除顺序违反专项方案。",
            "间接原因：施工单位专项方案交底不到位，现场无专职安全员监护；监理单位旁站监理缺失。",
        )
        + "<h2>三、责任认定和处理建议</h2>"
        + p(
            "该事故是一起一般生产安全责任事故。调查报告对事故责任单位依法提出处罚建议，对项目经理、总监理工程师依法追责。"
        )
        + "<h2>四、防范措施</h2>"
        + p(
            "（一）严格执行脚手架搭拆专项方案和交底；（二）高处作业人员持证上岗并全程系挂安全带；（三）落实监理旁站制度。"
        ),
        date(2026, 1, 20),
        {"approved_on": date(2026, 1, 12)},
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
    # 2021–2024: the ordinary year of a bureau (warnings, plans, rules, announcements).
    (
        "warnings",
        "关于做好2021年主汛期防汛抗旱工作的预警提示",
        "",
        p(
            "据气象部门预测，今年6月至8月我市降水偏多二至三成，局地可能发生山洪、地质灾害。"
            "各县市区要落实防汛责任人和“三个责任人”在岗在位，对山塘水库、地质灾害隐患点和在建工地逐一排查，"
            "提前转移危险区域群众；各生产经营单位要停止汛期危险作业，强化尾矿库、排土场和低洼地带的巡查。"
        ),
        date(2021, 5, 28),
        {"keywords": "防汛 预警"},
    ),
    (
        "plans",
        "娄底市应急管理局2021年安全生产执法计划",
        "",
        p(
            "全年计划对重点行业领域生产经营单位执法检查不少于600家次，其中危险化学品、非煤矿山、烟花爆竹和工贸行业"
            "分别安排180、60、160和200家次；“双随机”抽查比例不低于计划检查总数的70%，检查结果在20个工作日内公开。"
        ),
        date(2021, 3, 2),
        {},
    ),
    (
        "announcements",
        "关于开展2021年“安全生产月”活动的通知",
        "",
        p(
            "今年6月是全国第二十个“安全生产月”，主题为“落实安全责任，推动安全发展”。"
            "各县市区应急管理局和市直有关单位要组织开展安全宣传咨询日、应急演练周和警示教育活动，6月30日前报送活动总结。"
        ),
        date(2021, 5, 20),
        {},
    ),
    (
        "emergency-plans",
        "娄底市地质灾害应急预案（2022年修订）",
        "",
        p(
            "预案明确了地质灾害的分级标准、市县两级应急指挥机构及其职责、监测预警和信息报告程序、"
            "特别重大至一般四级应急响应的启动条件和处置措施，以及灾后恢复重建和应急保障要求。"
        ),
        date(2022, 4, 15),
        {},
    ),
    (
        "announcements",
        "关于做好当前抗旱救灾工作的紧急通知",
        "",
        p(
            "7月下旬以来我市持续高温少雨，气象干旱已达重旱等级，部分乡镇出现人畜饮水困难。"
            "各县市区要启动抗旱应急响应，优先保障城乡居民生活用水，组织送水、打井和调水，"
            "统筹做好农业抗旱和森林防火，因灾损失情况按规定及时核报并公开。"
        ),
        date(2022, 8, 10),
        {},
    ),
    (
        "announcements",
        "关于2022年度安全生产工作考核结果的通报",
        "",
        p(
            "根据年度安全生产和消防工作考核细则，经县市区自评、实地核查和综合评议，"
            "评定娄星区、冷水江市、双峰县为优秀等次，其他县市区为合格等次，对考核中发现的问题已逐一反馈并限期整改。"
        ),
        date(2023, 2, 21),
        {},
    ),
    (
        "policy-documents",
        "娄底市安全生产举报奖励实施办法",
        "",
        p(
            "对举报重大事故隐患和安全生产违法行为的，经核查属实，按照行政处罚金额的15%给予奖励，"
            "最低奖励3000元、最高不超过30万元；举报人可通过12350热线、信函或本平台提交，举报人信息依法保密。"
        ),
        date(2023, 6, 12),
        {},
    ),
    (
        "warnings",
        "关于加强2023年冬春季森林防灭火工作的预警提示",
        "",
        p(
            "入冬以来我市降水偏少，森林火险等级持续偏高。各地要严格野外用火管理，清明、春节等重点时段实行网格化巡护，"
            "落实扑火队伍24小时备勤，发现火情第一时间报告并科学组织扑救，严禁组织群众扑火。"
        ),
        date(2023, 11, 28),
        {"keywords": "森林防火 预警"},
    ),
    (
        "plans",
        "娄底市应急管理局2024年安全生产执法计划",
        "",
        p(
            "全年计划执法检查不少于650家次，重点检查危险化学品企业重大危险源、工贸企业有限空间作业和粉尘涉爆场所；"
            "对上年度发生事故或存在重大事故隐患的单位实行重点检查，“双随机”抽查比例不低于70%。"
        ),
        date(2024, 3, 5),
        {},
    ),
    (
        "announcements",
        "关于开展城镇燃气安全专项整治“回头看”的通知",
        "",
        p(
            "为巩固城镇燃气安全专项整治成效，决定于2024年5月至9月开展“回头看”，"
            "重点检查餐饮场所燃气泄漏报警装置安装、老旧管网改造和瓶装液化气充装经营单位，"
            "发现的问题实行清单化管理、销号式整改。"
        ),
        date(2024, 4, 26),
        {},
    ),
    (
        "emergency-plans",
        "娄底市危险化学品事故应急预案（2024年修订）",
        "",
        p(
            "修订后的预案增加了长输管道、危险化学品运输车辆事故的处置流程，细化了事故现场警戒疏散、"
            "环境监测和医疗救护的分工，明确了与周边市州的应急联动和物资调用机制。"
        ),
        date(2024, 9, 10),
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


def _attach(notice) -> None:
    """The files a bureau attaches to such a notice: its text as a PDF, its tables as a workbook."""
    for position, (name, kind, data) in enumerate(demo_texts.attachment_files(notice.title, notice.body)):
        attachment = NoticeAttachment(notice=notice, name=name, kind=kind, size=len(data), position=position)
        attachment.file.save(
            f"{notice.index_number.rsplit('/', 1)[-1]}-{position + 1}.{kind.lower()}", ContentFile(data), save=False
        )
        attachment.save()
    if notice.attachments.exists():
        from .services import refresh_search_text

        refresh_search_text(notice)


# 工作动态 (updated every two weeks at least) and 公开制度 (the bureau's disclosure rules), issue 15.
WORK_NEWS = [
    (
        2,
        "市应急管理局开展冬季危险化学品企业安全检查",
        "检查组分三路深入全市 11 家危险化学品生产企业，重点查看储罐区、装卸区和动火作业管理，现场交办问题 23 个。",
    ),
    (
        9,
        "全市烟花爆竹“打非治违”专项行动部署会召开",
        "会议部署春节前烟花爆竹安全监管工作，要求各县市区严格零售网点审批，严厉打击非法生产经营。",
    ),
    (
        17,
        "市应急管理局组织开展森林防灭火应急演练",
        "演练模拟新化县山林火情，检验了信息报送、队伍调度和物资保障，参演人员 160 余人。",
    ),
    (
        31,
        "冶金工贸企业有限空间作业专项治理推进会召开",
        "会议通报前期检查发现的问题，督促企业落实作业审批、检测通风和现场监护制度。",
    ),
    (
        52,
        "全市安全生产月活动总结暨表彰会议召开",
        "会议总结了“人人讲安全、个个会应急”主题活动开展情况，表彰一批先进单位和个人。",
    ),
    (80, "市应急管理局召开防汛抗旱工作会商会", "会议研判汛期雨情水情，部署值班值守、隐患排查和转移避险工作。"),
]
DISCLOSURE_RULES = [
    (
        date(2019, 6, 20),
        "娄底市应急管理局政府信息主动公开制度",
        "明确主动公开的范围、程序和时限：信息形成或变更之日起 20 个工作日内公开。",
    ),
    (
        date(2019, 6, 20),
        "娄底市应急管理局政府信息依申请公开工作规程",
        "规定申请的受理、登记、补正、征求意见、答复和归档各环节的办理要求。",
    ),
    (
        date(2019, 7, 8),
        "娄底市应急管理局政府信息公开保密审查制度",
        "信息公开前由承办科室初审、办公室复审，涉及国家秘密和敏感信息的不予公开。",
    ),
]


def column_notices(today: date) -> list:
    """The 工作动态 items (dated back from today) and the 公开制度 documents, in NOTICES' shape."""
    news = [("work-news", title, "", p(text), today - timedelta(days=ago), {}) for ago, title, text in WORK_NEWS]
    rules = [("disclosure-rules", title, "", p(text), day, {}) for day, title, text in DISCLOSURE_RULES]
    return news + rules


def _published_at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def load_notices(*, stdout, entries: list | None = None) -> None:
    """The demo's notices (`entries`: only these, for notices computed from other apps' records)."""
    categories = {c.slug: c for c in Category.objects.all()}
    profile = BureauProfile.current()
    credit_code = profile.credit_code or "000000000000000000"
    existing = set(Notice.objects.values_list("title", flat=True))
    used_numbers = {demo_texts.parse_doc_number(n[2]) for n in NOTICES if n[2]} | {
        demo_texts.parse_doc_number(n)
        for n in Notice.objects.exclude(doc_number="").values_list("doc_number", flat=True)
    }
    created = 0
    seed_day, (hour, minute) = demo_texts.SEED_PUBLISHED
    seed = (
        "annual-reports",
        demo_texts.SEED_TITLE,
        "",
        demo_texts.SEED_BODY,
        seed_day,
        {"keywords": "政务公开 工作汇报"},
    )
    full = entries is None
    if full:
        entries = [seed, *NOTICES, *column_notices(timezone.localdate())]
    for slug, title, doc_number, body, day, extra in entries:
        if title in existing or slug not in categories:
            continue
        at = _published_at(day)
        if title == demo_texts.SEED_TITLE:
            at = timezone.make_aware(datetime.combine(day, time(hour, minute)))
        body = demo_texts.expand_body(slug, title, body, day)
        doc_number = doc_number or demo_texts.doc_number_for(slug, title, day.year, used_numbers)
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
        _attach(notice)
        created += 1
    slug, title, day, reason = WITHDRAWN
    if full and title not in existing and slug in categories:
        serial = next_index_serial(day.year)
        notice = Notice(
            title=title,
            category=categories[slug],
            body=demo_texts.expand_body(slug, title, p("公布春节期间临时零售点的位置和经营时段。"), day),
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
    """Notices and the 三公 statements; the yearly reports come in `load_late` (they count every app's records)."""
    load_notices(stdout=stdout)
    demo_documents.load(stdout=stdout)
    load_corrections(stdout=stdout)
    load_budgets(stdout=stdout)


# Published notices corrected through the lifecycle: (title, wrong text, right text, 更正说明, corrected on).
CORRECTIONS = [
    (
        "娄底市烟花爆竹零售经营许可实施办法",
        "全市零售网点总量控制在1400个以内",
        "全市零售网点总量控制在1400个以内，城区禁售区域内不再布点",
        "原文遗漏城区禁燃禁售区域不布点的规定，现予补充。",
        date(2020, 3, 25),
    ),
    (
        "“互联网+监管”事项清单公告",
        "县级认领12项、确认9项",
        "各县市区局认领12项、确认9项",
        "原文“县级”表述不准确，认领和确认事项为各县市区应急管理局汇总数，现予更正。",
        date(2019, 10, 21),
    ),
]


def load_corrections(*, stdout) -> None:
    from loudi_portal.models import Correction

    loader, drafter = demo_loader(), demo_drafter()
    done = 0
    for title, wrong, right, note, day in CORRECTIONS:
        notice = Notice.objects.published().filter(title=title).first()
        if notice is None or wrong not in notice.body or Correction.objects.for_record(notice).exists():
            continue
        correction = publishing.propose_correction(
            record=notice, by=drafter, note=note, changes={"body": notice.body.replace(wrong, right, 1)}
        )
        correction = publishing.submit_correction(correction=correction, by=drafter)
        correction = publishing.publish_correction(correction=correction, by=loader, revision=correction.revision)
        at = _published_at(day)
        correction.published_at = correction.submitted_at = at
        correction.save()
        done += 1
    if done:
        stdout.write(f"政务公开：{done} 条信息经审核发布了更正说明。")


def load_late(*, stdout) -> None:
    # Summaries of the enforcement and approvals demos' records, which load after the notices.
    load_notices(stdout=stdout, entries=demo_summaries.entries(timezone.localdate()))
    load_reports(stdout=stdout)
    load_website_report(stdout=stdout)


def load_website_report(*, stdout) -> None:
    """The 2025 政府网站工作年度报表, published on 2026-01-20 (before the Jan 29 deadline), figures counted now."""
    from .models import WebsiteReport
    from .website_report import compute

    year = 2025
    published_at = timezone.make_aware(datetime(year + 1, 1, 20, 10, 0))
    if WebsiteReport.objects.filter(year=year).exists() or published_at > timezone.now():
        return
    loader, drafter = demo_loader(), demo_drafter()
    report = WebsiteReport(
        year=year,
        unique_visitors=48213,
        page_views=236870,
        special_columns=4,
        special_columns_new=1,
        hot_responses=3,
        interviews=1,
        problems_fixed=0,
        has_early_warning=True,
        emergency_drills=2,
        security_officer="局办公室主任（网站安全第一责任人为局主要负责人）",
        new_media="无（本局未单独开设政务微博、微信公众号，信息通过“娄底发布”统一发布）。",
        innovation="开设关怀版（长辈模式）和无障碍浏览；网页标签符合网页设计规范；网站自查按检查指标逐项运行。",
        tables=compute(year),
        status=WebsiteReport.Status.PUBLISHED,
        published_at=published_at,
        created_by=drafter,
        submitted_by=drafter,
        submitted_at=published_at - timedelta(days=2),
        reviewed_by=loader,
        reviewed_at=published_at,
    )
    report._history_user = loader
    report.save()
    stdout.write(f"网站年度报表：{year} 年度报表已发布。")


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


def later_figures(year: int, stage: str) -> dict:
    """三公 figures of 2020 on: seeded from the year, drifting from 2019's, with the reasons given."""
    rng = random.Random(f"sangong-{year}-{stage}")
    base = FIGURES[(2019, stage)]
    shrink = 1 - 0.04 * (year - 2019)  # 过紧日子: general spending keeps falling
    reception = int(int(base["reception"][0]) * shrink * rng.uniform(0.9, 1.05) / 100) * 100
    operation = int(int(base["vehicle_operation"][0]) * shrink * rng.uniform(0.93, 1.04) / 100) * 100
    covid = year in (2020, 2021, 2022)
    if stage == "final":
        reception = int(reception * (0.55 if covid else 0.85) / 100) * 100
        operation = int(operation * rng.uniform(0.88, 0.97) / 100) * 100
    buys = year in (2023,) and 1 or 0
    batches = max(20, reception // 2300)
    return {
        "outbound": ("0", 0, 0, "本年度无因公出国（境）安排。"),
        "reception": (
            str(reception),
            batches,
            batches * rng.randint(7, 10),
            "疫情防控期间上级检查和交流活动减少，接待批次明显下降。"
            if covid and stage == "final"
            else "严格执行公务接待标准，压减一般性接待。",
        ),
        "vehicle_purchase": (
            "265000" if buys and stage == "budget" else "251800" if buys else "0",
            buys,
            None,
            "按规定更新 1 辆达到报废年限的应急救援指挥车。" if buys else "本年度未购置公务用车。",
        ),
        "vehicle_operation": (
            str(operation),
            10 if year < 2023 else 9,
            None,
            "执法执勤用车统一调度，定点保险、定点维修、定点加油。",
        ),
    }


def sangong_years(today: date) -> list[tuple[int, str]]:
    """Budgets up to this year's, final accounts up to last year's (published the next summer)."""
    years = [(y, stage) for y in range(2017, today.year + 1) for stage in ("budget", "final")]
    return [(y, stage) for y, stage in years if stage == "budget" or y < today.year]


def _sangong_published_on(year: int, stage: str) -> date:
    # Budgets within 20 days of the 人大 approval (February); final accounts in August of the next year.
    return date(year, 2, 26) if stage == "budget" else date(year + 1, 8, 18)


def load_budgets(*, stdout) -> None:
    loader, drafter = demo_loader(), demo_drafter()
    today = timezone.localdate()
    have = set(SanGongStatement.objects.values_list("year", "stage"))
    added = 0
    for year, stage in sangong_years(today):
        if (year, stage) in have or _sangong_published_on(year, stage) >= today:
            continue
        lines = FIGURES.get((year, stage)) or later_figures(year, stage)
        statement = publishing.create_draft(
            model=SanGongStatement, by=drafter, year=year, stage=stage,
            note=f"{year} 年度“三公”经费{'预算' if stage == 'budget' else '决算'}，经本级人大批复后公开。",
        )  # fmt: skip
        for category, (amount, count, people, explanation) in lines.items():
            SanGongLine.objects.create(
                statement=statement,
                category=category,
                amount=Decimal(amount),
                count=count,
                people=people,
                explanation=explanation,
            )
        statement = publishing.submit(record=statement, by=drafter)
        statement = publishing.publish(record=statement, by=loader, revision=statement.revision)
        _backdate(statement, _published_at(_sangong_published_on(year, stage)))
        added += 1
    stdout.write(f"“三公”经费：新增 {added} 份预算和决算（2017 年起）。")


def _backdate(record, at) -> None:
    """Demo history only: the record was reviewed and published on `at`, not today."""
    record.published_at = at
    record.reviewed_at = at
    record.submitted_at = at
    record._change_reason = "历史数据：按原发布日期录入"
    record.save()


# --- The yearly reports, 2019 to last year, computed from the demo records and published like real ones.

# (year, kind, result, filed, concluded, summary): the reconsiderations and lawsuits of Table 四.
REVIEW_CASES = [
    (2019, "reconsideration", "upheld", (7, 22), (9, 16), "申请人对部分不予公开（涉及商业秘密）的答复不服"),
    (2021, "reconsideration", "corrected", (4, 12), (6, 8), "申请人认为答复未说明依据，复议机关责令重新答复"),
    (2023, "litigation_direct", "upheld", (3, 20), (8, 29), "申请人对信息不存在的答复不服，直接提起诉讼"),
    (2025, "reconsideration", "upheld", (9, 3), (10, 30), "申请人对重复申请不予重复处理的告知不服"),
]

# Table 二 rows no register of the portal counts: 规章 (the bureau makes none), 行政强制, 收费.
COERCION = {2019: 3, 2020: 2, 2021: 4, 2022: 1, 2023: 5, 2024: 2, 2025: 3}

PROBLEMS = [
    (
        "一是部分栏目更新不够及时，个别执法信息公开滞后；二是煤矿关闭奖补资金到位情况的公开还不够具体，"
        "“资金补偿不到位”的问题群众仍有反映。\n"
        "改进措施：明确各栏目的责任科室和更新时限，在本平台的公开义务看板上逐项跟踪；奖补资金按批次公开拨付和到位情况。"
    ),
    (
        "一是政策解读形式较单一，图表和问答偏少；二是依申请公开答复文书的说理还不够充分。\n"
        "改进措施：重要文件同步制作图解和问答；答复文书统一格式，逐项写明依据和救济途径。"
    ),
    (
        "一是基层执法信息的归集还不够及时，县市区抽查结果汇总滞后；二是部分历史文件的有效性标注不全。\n"
        "改进措施：执法结果在检查完成后 20 个工作日内录入平台；对现行规范性文件逐件清理并标注有效性。"
    ),
    (
        "一是移动端页面的可读性还有不足；二是回应群众关切的信息发布不够主动。\n"
        "改进措施：按适老化和无障碍要求优化页面；对咨询集中的事项主动发布说明。"
    ),
]


def overview_text(year: int, tables: dict) -> str:
    """Section 一, written from the year's own figures (Table 二, 三, 四) so text and tables agree."""
    t2 = {row["key"]: row["cells"] for block in tables["table2"] for row in block["rows"]}
    t3 = {row["key"]: row["values"] for row in tables["table3"]["rows"]}
    t4 = sum(group["values"][-1] for group in tables["table4"]["groups"])
    received = t3["new"][-1] if t3.get("new") else 0
    text = [
        f"{year} 年，本局按照政府信息公开条例的要求，坚持以公开为常态、不公开为例外，由办公室（政务公开办）统筹、"
        "各科室按“谁制作、谁公开”分工负责，在本平台集中公开安全生产执法、行政审批、煤矿关闭奖补和“三公”经费等信息。",
        f"全年作出行政许可决定 {t2['licensing'][-1]} 件、行政处罚决定 {t2['penalty'][-1]} 件，均在作出决定之日起 "
        + (
            f"7 个工作日内公示；制发规范性文件 {t2['normative'][0]} 件，累计对外公开 {t2['normative'][2]} 件。"
            if tables.get("format") == "2019"
            else f"7 个工作日内公示；制发行政规范性文件 {t2['normative'][0]} 件，现行有效 {t2['normative'][2]} 件。"
        )
        + f"新收政府信息公开申请 {received} 件，"
        + (
            f"因政府信息公开引起的行政复议、行政诉讼 {t4} 件。"
            if t4
            else "未发生因政府信息公开引起的行政复议和行政诉讼。"
        ),
    ]
    if year == 2019:
        text.append(
            "本年度是机构改革后的第一个完整年度：参加市场监管、文化旅游、水陆交通等部门的联合“双随机”执法57起，"
            "牵头专项执法12起，依法关停企业2家；取缔烟花爆竹经营网点142个、非法销售点79个，零售网点由4200家压减到1400家；"
            "11家危险化学品生产企业和275家经营企业完成安全风险评估分级，480家工贸企业达到安全生产标准化三级及以上；"
            "全市关闭煤矿25处，占全省关闭总数的62.5%，市级财政投入奖补资金2180万元。承接省厅下放的7项审批职能，"
            "逐项公开办事流程、指南、材料和办结时限，承诺时限在法定时限上压缩50%，部分事项压缩到35%。"
        )
    return "\n".join(text)


# Table 二 figures no register of the portal holds, from the offices' ledgers. Reports on 2019 and
# 2020 follow the 2019 format (国办公开办函〔2019〕60号), later ones the 2021 format.
TABLE2_2019_FORMAT = [
    ("rules", "made", 0), ("rules", "newly_published", 0), ("rules", "public_total", 0),
    ("licensing", "previous_items", 12), ("licensing", "change", 7),
    ("other_services", "previous_items", 0), ("other_services", "change", 0), ("other_services", "decisions", 0),
    ("penalty", "previous_items", 186), ("penalty", "change", 0),
    ("coercion", "previous_items", 11), ("coercion", "change", 0),
    ("fees", "previous_items", 0), ("fees", "change", 0),
    ("procurement", "purchases", 3), ("procurement", "purchase_amount", "45.60"),
]  # fmt: skip


def ledger_figures(year: int) -> list[tuple]:
    coercion = ("coercion", "decisions", COERCION.get(year, 2))
    if year < 2021:
        return [*TABLE2_2019_FORMAT, coercion]
    return [("rules", "issued", 0), ("rules", "repealed", 0), ("rules", "in_force", 0), coercion, ("fees", "amount", 0)]


def load_reports(*, stdout) -> None:
    from .services.reports import compute_tables

    loader, drafter = demo_loader(), demo_drafter()
    today = timezone.localdate()
    for year, kind, result, filed, concluded, summary in REVIEW_CASES:
        number = (
            f"娄政复〔{year}〕{filed[0] * 3 + filed[1]}号"
            if kind == "reconsideration"
            else f"（{year}）湘1302行初{filed[1] + 40}号"
        )
        if date(year, *concluded) < today and not ReviewCase.objects.filter(case_number=number).exists():
            ReviewCase.objects.create(
                kind=kind, case_number=number, filed_on=date(year, *filed), result=result,
                concluded_on=date(year, *concluded), summary=summary,
            )  # fmt: skip
    done = []
    for year in range(DEMO_FIRST_YEAR, today.year):
        published_on = date(year + 1, 1, 16 + (year * 7) % 12)
        if published_on >= today or AnnualReport.objects.filter(year=year).exists():
            continue
        report = publishing.create_draft(
            model=AnnualReport, by=drafter, year=year, overview="…", problems=PROBLEMS[(year - DEMO_FIRST_YEAR) % len(PROBLEMS)],
            other_matters=f"本年度未收取政府信息公开信息处理费。本报告中的统计数据来源于本局政务公开平台的办理记录，"
            f"统计期限为 {year} 年 1 月 1 日至 12 月 31 日。",
        )  # fmt: skip
        for row, column, value in ledger_figures(year):
            ReportManualFigure.objects.create(
                report=report, row=row, column=column, value=value, source_note="执法监督科、财务室台账"
            )
        report.overview = overview_text(year, compute_tables(report))
        report.save()
        report = publishing.submit(record=report, by=drafter)
        report = publishing.publish(record=report, by=loader, revision=report.revision)
        at = timezone.make_aware(datetime.combine(published_on, time(10, 0)))
        _backdate(report, at)
        notice = Notice.objects.filter(title=report_title(year), category__slug=ANNUAL_REPORT_CATEGORY).first()
        if notice is not None:
            _backdate_notice(notice, published_on)
        done.append(year)
    if done:
        stdout.write(f"年度报告：{done[0]}-{done[-1]} 年报告已根据演示记录生成并发布（同时归入政务公开年报栏目）。")


def _backdate_notice(notice, day: date) -> None:
    """The notice filed from a report carries the report's date and a 索引号 of that year."""
    credit_code = BureauProfile.current().credit_code or "000000000000000000"
    notice.written_on = day
    notice.index_year = day.year
    notice.index_serial = next_index_serial(day.year)
    notice.index_number = format_index_number(credit_code, day.year, notice.index_serial)
    notice.doc_number = ""
    _backdate(notice, _published_at(day))
