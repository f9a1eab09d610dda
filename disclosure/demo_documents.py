"""Demo documents that show relations and the accident-report rules (part of `demo.load`).

A 2019 normative document repealed by its 2024 successor (有效性 follows the 废止 link), the
successor's 政策解读, the 解读 of the catalogue's valid normative documents, and two accident
reports: one with its 整改评估 published within a year of the 批复, one recent whose assessment
is still due (on the obligations board).
"""

from datetime import date, datetime, time

from django.utils import timezone

from loudi_portal.models import BureauProfile

from .demo_html import p
from .models import Category, Notice, NoticeRelation, NoticeViewCount, format_index_number, next_index_serial

# (key, category slug, title, 文号, body, publication date, extra fields)
DOCUMENTS = [
    (
        "reward-2019",
        "normative-documents",
        "娄底市安全生产领域举报奖励办法（试行）",
        "娄应急发〔2019〕6号",
        "<h2>第一章　总则</h2>"
        + p(
            "第一条　为鼓励社会公众举报安全生产重大事故隐患和安全生产违法行为，及时发现并排除重大事故隐患，"
            "制止和惩处违法行为，根据《中华人民共和国安全生产法》和有关规定，结合本市实际，制定本办法。",
            "第二条　本办法适用于本市行政区域内生产经营单位重大事故隐患和安全生产违法行为的举报奖励。"
            "煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼等行业领域的举报优先受理。",
        )
        + "<h2>第二章　举报和奖励</h2>"
        + p(
            "第三条　任何单位和个人可以通过 12350 举报电话、信函或者到市应急管理局当面举报。举报人可以实名举报，也可以匿名举报。",
            "第四条　举报经核查属实的，按照查处罚没金额的 15% 给予奖励；没有罚没款或者罚没金额较少的，给予 500 元至 5000 元奖励。"
            "单项奖励最高不超过 10 万元。",
            "第五条　奖励资金列入市级财政预算，由市应急管理局按规定程序审核发放，接受财政、审计部门监督。",
        )
        + "<h2>第三章　附则</h2>"
        + p("第六条　举报人的姓名、单位、联系方式等信息予以保密。第七条　本办法自 2019 年 5 月 1 日起试行。"),
        date(2019, 4, 18),
        {"validity": "valid", "validity_changed_on": date(2019, 5, 1)},
    ),
    (
        "reward-2024",
        "normative-documents",
        "娄底市安全生产领域举报奖励办法",
        "娄应急发〔2024〕3号",
        "<h2>第一章　总则</h2>"
        + p(
            "第一条　为进一步调动社会公众参与安全生产监督的积极性，根据《中华人民共和国安全生产法》和应急管理部、"
            "财政部《安全生产领域举报奖励办法》，结合本市实际，制定本办法。",
            "第二条　本办法适用于本市行政区域内重大事故隐患和安全生产违法行为的举报奖励，自 2024 年 3 月 1 日起施行。",
        )
        + "<h2>第二章　举报的受理和核查</h2>"
        + p(
            "第三条　举报人可以通过 12350 举报电话、本局门户网站“互动交流”栏目、信函或者当面等方式举报。",
            "第四条　市应急管理局收到举报后 5 个工作日内决定是否受理，受理后 60 日内核查完毕；情况复杂的，经批准可以延长 30 日。",
        )
        + "<h2>第三章　奖励标准</h2>"
        + p(
            "第五条　举报重大事故隐患和安全生产违法行为经核查属实的，给予 1000 元至 30 万元奖励：",
            "（一）查处罚没金额的 15% 计算奖励金额，最低 1000 元，最高不超过 30 万元；",
            "（二）没有罚没款的，根据隐患和违法行为的危害程度给予 1000 元至 1 万元奖励。",
        )
        + "<h2>第四章　附则</h2>"
        + p("第六条　《娄底市安全生产领域举报奖励办法（试行）》（娄应急发〔2019〕6号）同时废止。"),
        date(2024, 2, 20),
        {"validity": "valid", "validity_changed_on": date(2024, 3, 1)},
    ),
    (
        "reward-2024-interpretation",
        "policy-interpretation",
        "《娄底市安全生产领域举报奖励办法》政策解读",
        "",
        "<h2>一、为什么修订？</h2>"
        + p(
            "2019 年试行办法施行 5 年来，共受理举报 386 件，核查属实 214 件，发放奖励 41.6 万元，"
            "但也存在奖励标准偏低、举报渠道单一、核查时限不明确等问题，与应急管理部、财政部"
            "《安全生产领域举报奖励办法》的奖励标准不相衔接，需要相应调整。"
        )
        + "<h2>二、主要变化有哪些？</h2>"
        + p(
            "（一）奖励上限由 10 万元提高到 30 万元，最低奖励 1000 元；",
            "（二）增加本局门户网站“互动交流”栏目作为网上举报渠道；",
            "（三）明确受理时限 5 个工作日、核查时限 60 日；",
            "（四）明确举报人信息保密要求，泄露举报人信息的依法追究责任。",
        )
        + "<h2>三、如何领取奖励？</h2>"
        + p(
            "举报人接到领奖通知后，凭本人身份证件和举报编号到市应急管理局领取，也可以委托他人代领或者转账发放。"
            "匿名举报人可以凭举报时获得的举报编号和查询码领取。"
        ),
        date(2024, 2, 20),
        {},
    ),
    (
        "fireworks-2020-interpretation",
        "policy-interpretation",
        "《娄底市烟花爆竹零售经营许可实施办法》政策解读",
        "",
        "<h2>一、为什么制定《实施办法》？</h2>"
        + p(
            "2019 年全市开展烟花爆竹“打非治违”专项行动，关闭取缔经营网点 142 个、非法销售点 79 个，"
            "零售网点由 4200 家减少到 1400 家。为巩固整治成果，依据《烟花爆竹安全管理条例》和"
            "《烟花爆竹经营许可实施办法》，结合本市实际制定《实施办法》，把布点规划和许可条件固定下来。"
        )
        + "<h2>二、主要内容有哪些？</h2>"
        + p(
            "（一）总量控制：全市零售网点总量控制在 1400 个以内，由各县市区按人口和集镇分布编制布点规划；",
            "（二）许可条件：零售点须与居民居住场所完全隔离，储存限量、消防器材和安全警示标志符合标准；",
            "（三）申请材料：申请书、场所产权或租赁证明、主要负责人安全培训合格证明、安全管理制度；",
            "（四）办理时限：受理后 15 个工作日内作出决定，许可证有效期不超过 2 年。",
        )
        + "<h2>三、群众关心的问题</h2>"
        + p(
            "问：城区还能开烟花爆竹零售点吗？答：城区禁燃禁售区域内不再布点，已有网点许可到期后不再延续。",
            "问：发现无证销售怎么办？答：拨打 12350 举报电话或通过本局门户网站“互动交流”栏目举报，"
            "经核查属实的按《娄底市安全生产领域举报奖励办法》给予奖励。",
        ),
        date(2020, 3, 18),
        {},
    ),
    (
        "accident-2025",
        "accident-reports",
        "娄底经济技术开发区某机械制造有限公司“3·12”一般机械伤害事故调查报告",
        "",
        "<h2>一、事故基本情况</h2>"
        + p(
            "2025 年 3 月 12 日 9 时 40 分许，该公司冲压车间一名操作工在清理 200 吨冲压机模具内废料时，"
            "设备滑块意外下行将其挤压，经送医抢救无效死亡，直接经济损失约 156 万元。"
            "事故发生后，经开区管委会立即启动应急响应，市人民政府批准成立事故调查组。"
        )
        + "<h2>二、事故原因</h2>"
        + p(
            "直接原因：操作工未按规程停机断电、未插入安全销即进入模具危险区域作业。",
            "间接原因：公司安全操作规程未落实，冲压设备光电保护装置长期被短接，现场无人监护；"
            "安全生产教育培训流于形式，隐患排查治理不到位。",
        )
        + "<h2>三、责任认定和处理建议</h2>"
        + p(
            "该事故是一起一般生产安全责任事故。建议对该公司处以罚款；对公司主要负责人未履行安全生产管理职责的行为依法处罚；"
            "责成公司全面排查同类设备，对车间主任等 3 人由公司按内部规定处理。"
        )
        + "<h2>四、整改措施</h2>"
        + p(
            "（一）全部冲压设备加装并恢复光电保护装置；（二）修订操作规程并组织全员培训考核；（三）建立设备检修挂牌上锁制度。"
        ),
        date(2025, 5, 16),
        {"approved_on": date(2025, 5, 9)},
    ),
    (
        "accident-2025-assessment",
        "accident-reports",
        "“3·12”一般机械伤害事故整改措施落实情况评估结果",
        "",
        "<h2>一、评估组织</h2>"
        + p(
            "根据《中华人民共和国安全生产法》第八十六条，2026 年 3 月，市人民政府组织市应急管理局、"
            "经开区管委会和 2 名行业专家，对“3·12”一般机械伤害事故调查报告提出的整改措施落实情况进行了评估，"
            "采取查阅资料、现场检查和座谈询问相结合的方式。"
        )
        + "<h2>二、落实情况</h2>"
        + p(
            "（一）该公司已为 14 台冲压设备加装光电保护装置，经抽查均正常有效；",
            "（二）修订冲压、检修等安全操作规程 6 项，建立设备检修挂牌上锁制度；",
            "（三）组织全员安全培训 210 人次，考核合格率 100%；",
            "（四）对事故责任人员的处理已全部落实。",
        )
        + "<h2>三、评估结论</h2>"
        + p(
            "整改措施已全部落实。经开区管委会将该公司列为重点检查对象，2026 年内每季度检查一次；"
            "市应急管理局将评估中发现的冲压设备共性问题通报全市工贸企业，督促同类企业对照整改。"
        ),
        date(2026, 3, 20),
        {},
    ),
    (
        "accident-2026",
        "accident-reports",
        "新化县某建筑工程项目“7·8”一般高处坠落事故调查报告",
        "",
        "<h2>一、事故基本情况</h2>"
        + p(
            "2026 年 7 月 8 日 15 时许，新化县某住宅建设项目 5 号楼一名架子工在 11 层外脚手架上拆除连墙件时坠落，"
            "经送医抢救无效死亡，直接经济损失约 138 万元。新化县人民政府成立事故调查组，邀请市应急管理局派员指导。"
        )
        + "<h2>二、事故原因</h2>"
        + p(
            "直接原因：作业人员未系挂安全带，违章在脚手架外侧作业。",
            "间接原因：施工单位未按专项施工方案设置安全网，拆除作业未安排专人监护；"
            "监理单位未有效履行监理职责，对现场违章作业未及时制止。",
        )
        + "<h2>三、责任认定和处理建议</h2>"
        + p(
            "该事故是一起一般生产安全责任事故。建议对施工单位、监理单位依法处以罚款，对项目经理、总监理工程师依法处理。"
        )
        + "<h2>四、整改措施</h2>"
        + p(
            "（一）全面排查在建项目脚手架和临边防护；（二）开展高处作业专项培训；（三）严格执行危险性较大分部分项工程专项方案。"
        ),
        date(2026, 9, 25),
        {"approved_on": date(2026, 9, 18)},
    ),
]

# (source key, kind, target key)
RELATIONS = [
    ("reward-2024", NoticeRelation.Kind.REPEALS, "reward-2019"),
    ("reward-2024-interpretation", NoticeRelation.Kind.INTERPRETS, "reward-2024"),
    ("accident-2025-assessment", NoticeRelation.Kind.ASSESSES, "accident-2025"),
]

# Relations to notices of the catalogue (`demo.NOTICES`), named by title: a valid normative document
# is interpreted when it is published (国办发〔2016〕80号), so the obligations board has nothing
# left open for the demo's policies. (source title, kind, target title)
CATALOGUE_RELATIONS = [
    ("一图读懂《娄底市应急局事中事后监管细则》", NoticeRelation.Kind.INTERPRETS, "娄底市应急局事中事后监管细则"),
    (
        "《娄底市烟花爆竹零售经营许可实施办法》政策解读",
        NoticeRelation.Kind.INTERPRETS,
        "娄底市烟花爆竹零售经营许可实施办法",
    ),
]


def load(*, stdout) -> None:
    """Create the documents once (by title) and link them; safe to re-run."""
    categories = {c.slug: c for c in Category.objects.all()}
    credit_code = BureauProfile.current().credit_code or "000000000000000000"
    by_key, created = {}, 0
    for key, slug, title, doc_number, body, day, extra in DOCUMENTS:
        if slug not in categories:
            continue
        notice = Notice.objects.filter(title=title).first()
        if notice is None:
            serial = next_index_serial(day.year)
            notice = Notice(
                title=title,
                category=categories[slug],
                doc_number=doc_number,
                body=body,
                source="娄底市应急管理局",
                author="政策法规科",
                editor_name="政务公开办",
                written_on=day,
                status=Notice.Status.PUBLISHED,
                published_at=timezone.make_aware(datetime.combine(day, time(10, 0))),
                index_year=day.year,
                index_serial=serial,
                index_number=format_index_number(credit_code, day.year, serial),
                **extra,
            )
            notice._change_reason = "演示数据"
            notice.save()
            NoticeViewCount.objects.create(notice=notice, count=(len(title) * 41) % 400 + 30)
            created += 1
        by_key[key] = notice
    titles = {title for source, _kind, target in CATALOGUE_RELATIONS for title in (source, target)}
    by_title = {n.title: n for n in Notice.objects.filter(title__in=titles)}
    pairs = [(by_key.get(s), kind, by_key.get(t)) for s, kind, t in RELATIONS]
    pairs += [(by_title.get(s), kind, by_title.get(t)) for s, kind, t in CATALOGUE_RELATIONS]
    linked = 0
    for source, kind, target in pairs:
        if source and target:
            _relation, new = NoticeRelation.objects.get_or_create(source=source, kind=kind, target=target)
            linked += new
    stdout.write(f"文件关系：新建 {created} 条公开信息、{linked} 条文件关系（废止、解读、整改评估）。")
