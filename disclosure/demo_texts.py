"""Texts of the demo notices: the 2019 work report as the notice it was, and the bodies of the
other notices built from templates and data (a seeded random per notice, so every load writes
the same words). Facts and figures from shared/DOMAIN.md and the seed; every sentence is new.

A body follows the bureau's house style (the seed's): an opening paragraph, headings 一、二、…,
numbered points 1. 2. …, the contact department, and the issuing unit with its date.
"""

import random
import re
from datetime import date

from loudi_portal import word_documents as w

from .demo_html import ol, p, table

# --- The 2019 work report (shared/seed/), rewritten: same title, date, structure and figures.

SEED_TITLE = "娄底市应急管理2019年政务公开工作情况汇报"
SEED_PUBLISHED = (date(2020, 1, 16), (14, 56))


SEED_BODY = "".join(
    [
        p(
            "2019年，本局在市委、市政府领导下，把政务公开和计划执法、“双随机”抽查、行政审批改革放在一起抓，"
            "围绕高质量发展和群众关心的安全问题主动公开信息，以公开促进工作落实、改进服务。现将全年情况汇报如下。"
        ),
        "<h2>一、加强组织领导，健全公开工作机制</h2>",
        p(
            "局主要负责人牵头，多次听取政务公开和行政审批工作汇报，局务会、办公会专题研究“放管服”、"
            "“互联网+政务服务”和“双随机”工作，全年召开行政审批和政务公开专题会议4次。成立由分管领导任组长、"
            "审批业务科室为成员的工作小组，分线把关；纪检、工会、信访等科室联合督查，对企业定期和不定期回访，"
            "发现问题及时通报、问责。"
        ),
        "<h2>二、围绕重点行业，依法公开整治和执法信息</h2>",
        p(
            "全年围绕煤矿和非煤矿山、道路和水上交通、建设施工、烟花爆竹、危险化学品、冶金工贸、消防、校园校车、"
            "特种设备、旅游十大重点行业领域开展专项整治，主要结果如下。"
        ),
        "<ol>"
        "<li>危险化学品：对全市在产的11家危险化学品生产企业和275家经营企业完成安全风险评估诊断分级，结果按企业公开。</li>"
        "<li>烟花爆竹：开展安全大检查和城区禁燃禁售，关闭取缔经营网点142个、非法销售点79个，"
        "全市烟花爆竹零售网点由4200家减少到1400家，各县市区中心城区春节期间基本实现零燃放。</li>"
        "<li>冶金工贸：开展有限空间、粉尘涉爆和金属熔融作业专项整治，三级及以上安全生产标准化达标企业达到480家。</li>"
        "<li>打非治违：坚持“凡检查必执法、凡执法必处罚”，重大事故隐患实行“一单四制”挂牌督办，"
        "落实风险分级管控和隐患排查治理双重预防机制。</li>"
        "</ol>",
        "<h2>三、淘汰落后产能，公开煤矿关闭奖补</h2>",
        p(
            "市政府出台煤矿关闭方案，明确奖补标准：关闭一处突出矿井补助900万元，关闭一处非突出矿井补助200万元；"
            "超任务关闭一处煤矿，奖励所在县市区政府500万元，另按每处50万元安排工作经费。市级财政投入2180万元，"
            "全年关闭煤矿25处，占全省关闭总数的62.5%。关闭时间、依据、奖补标准、补贴企业类型、奖励事项和金额，"
            "以及关闭后资金是否到位，均在本平台逐矿公开。"
        ),
        "<h2>四、深化审批改革，公开办事全过程</h2>",
        "<ol>"
        "<li>承接省应急管理厅下放的7项审批职能，逐项核对、制定审批流程，网上公开办事流程、办事指南、申请材料和办结时限。</li>"
        "<li>落实“证照分离”，营业执照通过部门共享核验，申请人不再提交；承诺时限在法定时限基础上压缩50%，部分事项压缩到35%，"
        "全部申请录入政务服务系统，限时按期办结。</li>"
        "<li>“双随机、一公开”：参加市场监管、文化旅游、水陆交通和行业监管部门的联合“双随机”执法57起，"
        "牵头专项执法12起，关停企业2起，检查结果通过平台向社会公布。</li>"
        "<li>“互联网+监管”：市级接收权限内审批监管事项21条、确认12条；指导各县市区接收12条、确认9条。</li>"
        "<li>制定《娄底市应急局事中事后监管细则》，对第三方安全评价检测机构摸底，"
        "按应急管理部1号令《安全评价检测机构管理办法》规范评价报告的要求和格式；建立工程建设项目联合受理、联合审批机制。</li>"
        "</ol>",
        "<h2>五、存在的问题和下一步打算</h2>",
        p(
            "问题主要是：安全生产基础仍然薄弱，较大以上事故风险仍然存在；煤矿关闭补偿资金到位不及时；"
            "保留煤矿标准化建设任务重；城市综合体和城乡结合部消防问题突出。下一步，一是完善应急管理体制机制，"
            "健全会商研判和应急联动；二是指定专人定期更新政务信息，提高执法、审批、“三公”经费和企业信息的公开质量，"
            "做到更新及时、引用准确。"
        ),
        p("娄底市应急管理局<br>2020年1月16日"),
    ]
)


# --- Bodies of the other notices ------------------------------------------------------------

DEPARTMENT = {
    "organisation": ("办公室", "0738-8000001"),
    "normative-documents": ("政策法规科", "0738-8000002"),
    "policy-documents": ("政策法规科", "0738-8000002"),
    "policy-interpretation": ("政策法规科", "0738-8000002"),
    "plans": ("办公室", "0738-8000001"),
    "licensing": ("行政审批科", "0738-8000003"),
    "penalties": ("执法监督科", "0738-8000004"),
    "inspections": ("执法监督科", "0738-8000004"),
    "emergency-plans": ("应急指挥中心", "0738-8000110"),
    "warnings": ("应急指挥中心", "0738-8000110"),
    "accident-reports": ("执法监督科", "0738-8000004"),
    "budgets": ("办公室", "0738-8000001"),
    "fees": ("办公室", "0738-8000001"),
    "procurement": ("办公室", "0738-8000001"),
    "personnel": ("办公室", "0738-8000001"),
    "announcements": ("办公室", "0738-8000001"),
}

OPENINGS = {
    "normative-documents": "为规范全市安全生产监督管理工作，依据有关法律法规和省应急管理厅的部署，结合本市实际，制定本文件。",
    "policy-documents": "为落实省委、省政府和市委、市政府关于安全生产和应急管理工作的部署，现就有关工作明确如下。",
    "policy-interpretation": "为便于企业和群众准确理解文件内容，现将文件的制定背景、主要内容和执行要点解读如下。",
    "plans": "本局围绕防风险、除隐患、遏事故的目标，结合全市安全生产形势，安排部署有关工作。",
    "licensing": "根据《中华人民共和国行政许可法》和政务公开的有关规定，现将有关行政许可信息向社会公开。",
    "penalties": "根据“双公示”制度和行政执法公示的要求，现将有关行政执法信息向社会公开，接受社会监督。",
    "inspections": "按照“双随机、一公开”监管和“四不两直”检查的要求，现将有关监督检查信息公开如下。",
    "emergency-plans": "为提高应对突发事件的能力，最大限度减少人员伤亡和财产损失，依据《中华人民共和国突发事件应对法》等规定，制定本预案（方案）。",
    "warnings": "据气象、水文等部门会商研判，近期我市安全风险上升，现发布如下提示，请各县市区和有关单位做好防范。",
    "accident-reports": "依据《生产安全事故报告和调查处理条例》，事故调查组通过现场勘验、调查取证和专家论证，查明了事故情况，现将调查报告公开。",
    "budgets": "根据《中华人民共和国预算法》和预决算公开的有关规定，现将本局有关财政信息公开如下。",
    "fees": "根据行政事业性收费公示制度的要求，现将本局收费有关情况公开如下。",
    "procurement": "根据《中华人民共和国政府采购法》及其实施条例的规定，现将本局政府采购有关信息公开如下。",
    "personnel": "根据干部人事管理和事业单位公开招聘的有关规定，现将有关人事信息公开如下。",
    "announcements": "为做好全市应急管理和安全生产有关工作，现将有关事项通知（公告）如下。",
    "organisation": "根据机构改革方案和本局“三定”规定，现将本局机构职能有关信息公开如下。",
}

POINTS = {
    "normative-documents": [
        "本文件适用于本市行政区域内的生产经营单位和各级应急管理部门。",
        "各县市区应急管理局负责本辖区内的组织实施，市局负责指导和监督检查。",
        "违反本文件规定的，依照有关法律法规予以处理，处理结果依法公开。",
        "本文件由娄底市应急管理局负责解释，执行中的问题请及时向政策法规科反映。",
    ],
    "policy-documents": [
        "各科室、各县市区应急管理局要明确责任人和完成时限，按季度报送进展情况。",
        "工作中形成的制度、台账和结果，按政务公开的要求在本平台公开。",
        "局办公室会同纪检、督查部门对落实情况进行跟踪督办，结果纳入年度考核。",
        "执行中遇到的问题，请及时与政策法规科联系。",
    ],
    "policy-interpretation": [
        "文件适用的对象是本市行政区域内的生产经营单位和各级应急管理部门。",
        "文件明确了各方的责任和办理程序，企业可对照自查，按要求准备材料。",
        "对文件执行中的疑问，可通过本平台“互动交流”栏目或电话咨询。",
        "本解读与文件原文不一致的，以文件原文为准。",
    ],
    "plans": [
        "压实安全生产责任，推动党政领导责任、部门监管责任和企业主体责任落实。",
        "深化重点行业领域专项整治，对重大事故隐患实行“一单四制”挂牌督办。",
        "推进安全生产标准化和双重预防机制建设，提升企业本质安全水平。",
        "加强应急救援队伍和物资保障建设，做好汛期和重要时段的应急值守。",
        "坚持以公开促规范，执法、审批和“三公”经费信息按时公开。",
    ],
    "licensing": [
        "办理结果自作出决定之日起 7 个工作日内在本平台公示。",
        "申请人可凭受理编号和查询码在本平台查询办理进度。",
        "对办理结果有异议的，可依法申请行政复议或者提起行政诉讼。",
        "营业执照等可通过部门共享核验的材料，申请人无需提交。",
    ],
    "penalties": [
        "行政处罚决定自作出之日起 7 个工作日内公示，公示期限按违法行为的轻重确定。",
        "公示内容不包括自然人的身份证号码等个人信息。",
        "当事人对处罚决定不服的，可以依法申请行政复议或者提起行政诉讼。",
        "当事人已整改并履行处罚决定的，可按规定申请信用修复。",
    ],
    "inspections": [
        "检查对象和执法人员均从名录库中随机抽取，抽取过程可在本平台复核。",
        "每家企业至少由两名执法人员检查，与检查对象有利害关系的人员回避。",
        "检查发现的隐患责令限期整改，重大事故隐患实行“一单四制”挂牌督办。",
        "检查结果在检查完成后 20 个工作日内向社会公开。",
    ],
    "emergency-plans": [
        "事件发生后，事发单位立即报告并先期处置，县市区政府按分级响应的要求启动预案。",
        "市应急指挥中心负责信息汇总和协调调度，各成员单位按职责做好处置和保障。",
        "应急结束后开展调查评估，总结经验教训，修订完善预案。",
        "本预案每三年至少演练一次，并根据演练情况及时修订。",
    ],
    "warnings": [
        "各县市区要加强24小时值班值守和领导带班，确保信息畅通。",
        "对地质灾害隐患点、尾矿库、在建工地等重点部位开展巡查，必要时提前转移群众。",
        "生产经营单位要落实主体责任，发现险情立即停止作业、撤离人员并报告。",
        "遇有紧急情况，请拨打 119、110 或本局值班电话。",
    ],
    "accident-reports": [
        "事故经过：调查报告载明事故发生的时间、地点、经过和应急处置情况。",
        "事故原因：直接原因是现场作业违反操作规程，间接原因是企业安全管理和培训教育不到位。",
        "责任认定和处理：对事故责任单位依法提出行政处罚建议，对有关责任人员移交有关部门处理。",
        "防范措施：督促同行业企业举一反三，开展隐患排查，严防同类事故再次发生。",
    ],
    "budgets": [
        "“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。",
        "与上年相比的增减变化及其原因，在“三公”经费栏目中逐项说明。",
        "本局严格执行中央八项规定精神，压减一般性支出。",
        "对公开内容有疑问的，可向本局办公室咨询。",
    ],
    "fees": [
        "本局执行省级公布的行政事业性收费目录清单，无自行设立的收费项目。",
        "依申请公开政府信息，按国家规定标准收取信息处理费的情形另行告知。",
        "发现违规收费的，可向本局或价格主管部门举报。",
    ],
    "procurement": [
        "采购项目严格按照政府采购法规定的方式和程序组织实施。",
        "供应商对采购文件、采购过程和结果有疑问的，可依法提出询问或质疑。",
        "采购合同在签订之日起 2 个工作日内公告。",
    ],
    "personnel": [
        "公示期为 5 个工作日，公示期间接受个人或单位的来信、来电和来访反映。",
        "反映问题要实事求是，以真实姓名反映的，本局予以保密并负责回复。",
        "受理单位：娄底市应急管理局办公室（人事）。",
    ],
    "announcements": [
        "各县市区应急管理局要结合实际，抓好本通知（公告）的贯彻落实。",
        "生产经营单位要落实安全生产主体责任，配合做好有关工作。",
        "欢迎社会各界监督，发现安全生产违法行为可拨打举报电话 12350。",
        "本通知（公告）自发布之日起施行。",
    ],
    "organisation": [
        "本局内设机构的职责、负责人和联系电话见“机构概况”页面。",
        "机构职能如有调整，本局在调整之日起 20 个工作日内更新公开。",
        "公众可在工作日通过电话、信函或本平台咨询。",
    ],
}

HEADINGS = {
    "accident-reports": ("一、基本情况", "二、调查结论和处理建议"),
    "emergency-plans": ("一、适用范围和主要内容", "二、响应和保障"),
    "warnings": ("一、风险研判", "二、防范措施"),
    "licensing": ("一、公开内容", "二、有关说明"),
    "penalties": ("一、公开内容", "二、有关说明"),
    "inspections": ("一、基本情况", "二、工作要求"),
    "budgets": ("一、主要内容", "二、有关说明"),
    "personnel": ("一、公示内容", "二、公示要求"),
}

GIVEN = "建华 志明 晓燕 海波 丽娟 文斌 春梅 国强 雪莲 卫平 少华 湘君".split()
SURNAMES = "刘谢彭曾罗邓龙颜梁袁".split()


def plain_length(html: str) -> int:
    return len(re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html)))


def _personnel_table(rng) -> str:
    rows = [
        [
            str(n),
            rng.choice(SURNAMES) + rng.choice(GIVEN),
            rng.choice(["男", "女"]),
            rng.choice(["大学本科", "硕士研究生"]),
            rng.choice(["应急指挥中心", "执法支队", "综合服务中心"]),
        ]
        for n in range(1, rng.randint(3, 5) + 1)
    ]
    return table("拟聘用人员名单", ("序号", "姓名", "性别", "学历", "拟聘岗位"), rows)


def expand_body(slug: str, title: str, body: str, day: date) -> str:
    """A body of several parts in the house style around the notice's own content (≥ 300 characters)."""
    if plain_length(body) >= 300:
        return body
    rng = random.Random(f"{slug}:{title}")
    first, second = HEADINGS.get(slug, ("一、主要内容", "二、工作要求"))
    points = POINTS.get(slug, POINTS["announcements"])
    chosen = sorted(rng.sample(range(len(points)), min(len(points), rng.randint(3, 4))))
    department, phone = DEPARTMENT.get(slug, DEPARTMENT["announcements"])
    parts = [p(OPENINGS.get(slug, OPENINGS["announcements"])), f"<h2>{first}</h2>", body]
    if slug == "personnel" and "拟聘用" in title:
        parts.append(_personnel_table(rng))
    tail = [
        "<h2>三、联系方式</h2>",
        p(
            f"联系科室：娄底市应急管理局{department}；联系电话：{phone}；通讯地址：湖南省娄底市娄星区长青中街（邮编417000）；"
            "办公时间：工作日上午8:30—12:00，下午14:30—17:30。需要本信息以外的相关政府信息的，可通过本平台“依申请公开”栏目提出申请。"
        ),
        p(f"娄底市应急管理局<br>{day.year}年{day.month}月{day.day}日"),
    ]
    rest = [i for i in range(len(points)) if i not in chosen]
    while True:
        html = "".join([*parts, f"<h2>{second}</h2>", ol([points[i] for i in chosen]), *tail])
        if plain_length(html) >= 300 or not rest:
            return html
        chosen = sorted([*chosen, rest.pop(0)])


def parse_doc_number(number: str) -> tuple:
    """ "娄应急发〔2019〕8号" → ("娄应急发", 2019, 8)."""
    found = re.match(r"^(.+)〔(\d{4})〕(\d+)号$", number)
    return (found[1], int(found[2]), int(found[3])) if found else (number, 0, 0)


def doc_number_for(slug: str, title: str, year: int, used: set) -> str:
    """A 文号 for a notice a bureau would number (通知、公告、方案、办法), GB/T 9704 form; '' otherwise."""
    if slug not in ("announcements", "policy-documents", "normative-documents", "warnings") or not (
        title.startswith("关于") or title.endswith(("办法", "方案", "通知", "公告"))
    ):
        return ""
    kind = "娄应急函" if slug == "warnings" else "娄应急发"
    serial = random.Random(f"{title}").randint(2, 40)
    while (kind, year, serial) in used:
        serial += 1
    used.add((kind, year, serial))
    return f"{kind}〔{year}〕{serial}号"


# --- Attachments: the notice's own text as a PDF, its tables as a workbook.

# Titles of demo notices and the files a bureau would attach to them.
ATTACHMENTS = {
    "娄底市应急局事中事后监管细则": ["PDF"],
    "娄底市烟花爆竹零售经营许可实施办法": ["PDF"],
    "关于推进安全生产风险分级管控和隐患排查治理双重预防机制建设的实施方案": ["PDF"],
    "省级下放安全生产行政许可事项办事指南": ["PDF", "XLSX"],
    "2019年跨部门联合“双随机”抽查结果汇总": ["XLSX"],
    "2019年第四季度安全生产行政许可办理结果公示": ["XLSX"],
    "娄底市生产安全事故应急预案": ["PDF"],
    "新化县某煤矿“3·12”顶板事故调查报告": ["PDF"],
    SEED_TITLE: ["PDF"],
    "娄底市应急管理局2019年公开遴选公务员公告": ["PDF", "DOCX"],
    "关于开展城镇燃气安全专项整治“回头看”的通知": ["PDF", "DOCX"],
}

# A Word attachment is the notice's own text, except where a bureau attaches a form to fill in.
FORMS = {
    "娄底市应急管理局2019年公开遴选公务员公告": (
        "娄底市应急管理局2019年公开遴选公务员报名登记表",
        [
            "姓名",
            "性别",
            "出生年月",
            "民族",
            "政治面貌",
            "参加工作时间",
            "全日制学历学位及毕业院校、专业",
            "现工作单位及职务（职级）",
            "公务员登记时间",
            "报考职位",
            "联系电话",
            "学习和工作简历（从高中起填写）",
            "近三年年度考核结果",
            "所在单位意见",
        ],
        "本人承诺所填信息和提交的材料真实、准确，如有虚假，自愿取消遴选资格。报名人（签名）：　　　　　　年　　月　　日",
    ),
}


def _clean(fragment: str) -> str:
    return re.sub(r"<br\s*/?>", "\n", re.sub(r"<(?!br)[^>]+>", "", fragment)).strip()


def html_blocks(body: str) -> list:
    """Headings, paragraphs, list items and tables of a notice body, in order, for document_pdf."""
    blocks = []
    pattern = r"<h[23]>(.*?)</h[23]>|<p>(.*?)</p>|<li>(.*?)</li>|<table>(.*?)</table>"
    number = 0
    for heading, para, item, markup in re.findall(pattern, body, re.S):
        if heading:
            blocks.append(("h2", _clean(heading)))
            number = 0
        elif para:
            blocks.append(("p", _clean(para)))
        elif item:
            number += 1
            blocks.append(("p", f"{number}. {_clean(item)}"))
        elif markup:
            caption = re.search(r"<caption>(.*?)</caption>", markup, re.S)
            head = [_clean(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", markup, re.S)]
            rows = [
                [_clean(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
                for row in re.findall(r"<tr>(.*?)</tr>", markup, re.S)
            ]
            blocks.append(("table", _clean(caption.group(1)) if caption else "", head, [r for r in rows if r]))
    return blocks


def attachment_files(title: str, body: str) -> list[tuple[str, str, bytes]]:
    """(name, kind, bytes) of each attachment of a demo notice."""
    from .report_pdf import document_pdf

    files = []
    for kind in ATTACHMENTS.get(title, []):
        if kind == "PDF":
            files.append((f"{title}（PDF版）", "PDF", document_pdf(title, html_blocks(body))))
        elif kind == "XLSX":
            tables = [b for b in html_blocks(body) if b[0] == "table"]
            if tables:
                files.append((f"{tables[0][1] or title}（XLSX）", "XLSX", _workbook(title, tables)))
        elif kind == "DOCX":
            if title in FORMS:
                form_title, fields, declaration = FORMS[title]
                files.append(
                    (f"{form_title}（Word版）", "DOCX", w.form(form_title, fields, [declaration], widths=(3400, 5600)))
                )
            else:
                files.append((f"{title}（Word版）", "DOCX", _word_document(title, html_blocks(body))))
    return files


def _word_document(title: str, blocks: list) -> bytes:
    parts = [w.paragraph(title, bold=True, size=36, center=True)]
    for block in blocks:
        if block[0] == "h2":
            parts.append(w.paragraph(block[1], heading=True))
        elif block[0] == "p":
            parts.extend(w.paragraph(line) for line in block[1].splitlines())
        else:
            _kind, caption, head, rows = block
            width = 9000 // max(len(head), 1)
            parts.append(w.paragraph(caption, bold=True, center=True))
            parts.append(w.table(rows, [width] * len(head), header=head))
    return w.package("".join(parts))


def _workbook(title: str, tables: list) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for n, (_kind, caption, head, rows) in enumerate(tables, start=1):
        sheet = book.create_sheet((caption or f"表{n}")[:31])
        sheet.append([title])
        sheet.append(head)
        for row in rows:
            sheet.append([int(c) if c.isdigit() else c for c in row])
        sheet.column_dimensions["A"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
