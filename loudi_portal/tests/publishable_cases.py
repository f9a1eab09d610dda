"""One complete draft of every publishable model, for the lifecycle's table-driven tests.

Each row: (model label, make(editor) -> field values of a complete draft,
a field a correction changes, its corrected value).
"""


def _category():
    from disclosure.models import Category

    return Category.objects.get_or_create(slug="announcements", defaults={"name": "通知公告"})[0]


def notice(editor):
    return {"title": "关于开展安全生产检查的通知", "category": _category(), "body": "<p>请各单位做好检查。</p>"}


def sangong(editor):
    """A complete statement needs its four lines: made on the fly before review (see `lines`)."""
    return {"year": 2031, "stage": "budget", "note": "2031 年度“三公”经费预算。"}


def report(editor):
    return {"year": 2031, "overview": "总体情况。", "problems": "存在的问题。", "other_matters": "其他事项。"}


def mine(editor):
    from datetime import date
    from decimal import Decimal

    from subsidies.models import MineType, SubsidyScheme
    from subsidies.tests.factories import make_scheme

    scheme = SubsidyScheme.objects.filter(year=2031).first() or make_scheme(2031)
    return {
        "scheme": scheme, "mine_name": "测试煤矿", "enterprise_name": "测试煤业有限公司", "county": "lianyuan",
        "mine_type": MineType.NON_OUTBURST, "capacity": Decimal("9"), "decision_no": "涟煤关〔2031〕1号",
        "closed_on": date(2031, 6, 1),
    }  # fmt: skip


# approvals
def _service(code="case-svc"):
    from approvals.models import Service

    return Service.objects.get_or_create(
        code=code,
        defaults={
            "name": "危险化学品经营许可证核发",
            "legal_basis": "《危险化学品安全管理条例》第三十五条",
            "conditions": "有符合国家标准的经营场所",
            "statutory_limit_days": 20,
            "committed_limit_days": 10,
            "where_to_apply": "政务服务中心",
            "how_to_apply": "窗口办理",
            "office_hours": "工作日",
            "department": "行政审批科",
            "enquiry_phone": "0738-8000003",
        },
    )[0]


def service(editor):
    return {
        "code": "case-guide",
        "name": "危险化学品经营许可证核发",
        "legal_basis": "《危险化学品安全管理条例》第三十五条",
        "conditions": "有符合国家标准的经营场所",
        "statutory_limit_days": 20,
        "committed_limit_days": 10,
        "where_to_apply": "政务服务中心",
        "how_to_apply": "窗口办理",
        "office_hours": "工作日",
        "department": "行政审批科",
        "enquiry_phone": "0738-8000003",
    }


def agency(editor):
    from datetime import date

    from loudi_portal.identifiers import make_credit_code

    return {
        "name": "湖南湘中安全技术咨询有限公司",
        "credit_code": make_credit_code("91431300MA4000001"),
        "kind": "evaluation",
        "qualification_number": "APJ-（湘）-012",
        "scope": "金属、非金属矿采选业",
        "valid_until": date(2099, 1, 1),
    }


def approval_result(editor):
    from datetime import date

    from approvals.models import Application
    from loudi_portal.identifiers import make_credit_code

    code = make_credit_code("91431300MA4000002")
    application = Application.objects.create(
        reference="LDYJ-2019-09001",
        query_code_hash="x",
        service=_service(),
        enterprise_name="娄底市恒泰化工贸易有限公司",
        credit_code=code,
        contact_name="张建平",
        contact_phone="13873800000",
        received_on=date(2019, 9, 27),
        accepted_on=date(2019, 9, 27),
        statutory_limit_days=20,
        committed_limit_days=10,
        decision="granted",
        decision_on=date(2019, 10, 10),
    )
    return {
        "application": application,
        "reference": application.reference,
        "service": application.service,
        "enterprise_name": application.enterprise_name,
        "credit_code": code,
        "decision": "granted",
        "decision_on": date(2019, 10, 10),
        "decision_number": "娄应急许〔2019〕1号",
        "licence_number": "湘娄危化经字〔2019〕0001号",
        "licence_valid_from": date(2019, 10, 10),
        "licence_valid_until": date(2022, 10, 9),
    }


CASES = [
    # subsidies
    ("subsidies.mineclosure", mine, "note", "验收材料已补齐。"),
    # disclosure
    ("disclosure.notice", notice, "title", "关于开展安全生产大检查的通知"),
    ("disclosure.sangongstatement", sangong, "note", "2031 年度“三公”经费预算（更正）。"),
    ("disclosure.annualreport", report, "problems", "存在的主要问题（更正）。"),
]


def complete(record) -> None:
    """Add what a draft needs besides its own fields (child rows, entered figures)."""
    label = record._meta.label_lower
    if label == "disclosure.sangongstatement":
        from decimal import Decimal

        from disclosure.models import BudgetCategory, SanGongLine

        for category in BudgetCategory.values:
            SanGongLine.objects.get_or_create(statement=record, category=category, defaults={"amount": Decimal("1000")})
    elif label == "disclosure.annualreport":
        from disclosure.models import ReportManualFigure
        from disclosure.report_tables import missing_figures
        from disclosure.services import compute_tables

        for row in ("rules", "coercion", "fees"):
            for column in ("issued", "repealed", "in_force", "decisions", "amount"):
                ReportManualFigure.objects.get_or_create(report=record, row=row, column=column, defaults={"value": 0})
        assert not missing_figures(compute_tables(record))


# enforcement


def _enforcement_plan(editor):
    from enforcement.tests import factories

    return factories.plan_fields(title="2026年危险化学品企业双随机抽查计划")


def _enforcement_inspection_fields():
    from enforcement.models import InspectionResult, InspectionSource
    from enforcement.tests import factories

    return {
        "source": InspectionSource.UNANNOUNCED,
        "enterprise": factories.enterprise(),
        "inspectors": [factories.inspector(), factories.inspector()],
        "inspected_on": "2026-03-02",
        "result": InspectionResult.HAZARDS,
        "findings": "现场检查发现安全警示标志设置不全。",
    }


def _enforcement_inspection(editor):
    return _enforcement_inspection_fields()


def _enforcement_hazard(editor):
    from enforcement.tests import factories

    inspection_fields = _enforcement_inspection_fields()
    people = inspection_fields.pop("inspectors")
    return {
        "inspection": factories.inspection(**factories.published(**inspection_fields), inspectors=people),
        "description": "安全警示标志设置不全",
        "deadline": "2026-04-01",
    }


def _enforcement_penalty(editor):
    from enforcement.models import PenaltyKind
    from enforcement.tests import factories

    return {
        "decision_no": "（娄）应急罚〔2026〕901号",
        "party_name": "娄底市测试化工有限公司",
        "enterprise": factories.enterprise(),
        "violation_type": "未按规定开展安全生产教育和培训",
        "violation": "未按规定对从业人员进行安全生产教育和培训",
        "legal_basis": "《中华人民共和国安全生产法》第九十七条",
        "kind": PenaltyKind.FINE,
        "content": "罚款人民币 2 万元",
        "fine_amount": 20000,
        "decided_on": "2026-03-02",
    }


def _enforcement_closure(editor):
    from enforcement.models import ClosureKind, County

    return {
        "kind": ClosureKind.FIREWORKS_OUTLET,
        "name": "测试烟花爆竹零售点",
        "county": County.XINHUA,
        "basis": "《烟花爆竹安全管理条例》",
        "closed_on": "2026-03-01",
    }


CASES += [
    ("enforcement.inspectionplan", _enforcement_plan, "title", "2026年危险化学品企业双随机抽查计划（调整）"),
    ("enforcement.inspection", _enforcement_inspection, "findings", "现场检查发现消防通道堵塞。"),
    ("enforcement.hazard", _enforcement_hazard, "description", "消防通道堵塞"),
    ("enforcement.penalty", _enforcement_penalty, "party_name", "娄底市测试化工股份有限公司"),
    ("enforcement.closure", _enforcement_closure, "name", "测试烟花爆竹零售点（第2号）"),
    # approvals
    ("approvals.service", service, "name", "危险化学品经营许可证核发（更正）"),
    ("approvals.agency", agency, "scope", "金属、非金属矿采选业；陆地石油和天然气开采业"),
    ("approvals.approvalresult", approval_result, "licence_number", "湘娄危化经字〔2019〕0002号"),
]


# interact
def published_reply(editor):
    """An answered message's public version (the message itself is no publishable record)."""
    from django.utils import timezone

    from interact.models import Message

    message = Message.objects.create(
        reference="LY-2031-09001",
        query_code_hash="x",
        kind="consult",
        subject="特种作业操作证复审",
        body="复审要提前多久？",
        name="刘志强",
        contact="13973801234",
        due_on="2031-03-14",
        limit_on="2031-06-01",
        status=Message.Status.ANSWERED,
        reply="期满前 60 日内申请。",
        replied_at=timezone.now(),
    )
    return {
        "message": message,
        "kind": "consult",
        "title": "特种作业操作证复审",
        "question": "复审要提前多久？",
        "answer": "期满前 60 日内申请。",
        "received_on": "2031-03-01",
        "replied_on": "2031-03-03",
    }


def website_report(editor):
    return {
        "year": 2019,
        "unique_visitors": 1000,
        "page_views": 5000,
        "security_officer": "局办公室主任",
        "new_media": "无",
    }


CASES += [
    ("interact.publishedreply", published_reply, "answer", "应在期满前 60 日内申请复审。"),
    ("disclosure.websitereport", website_report, "page_views", 5100),
]


# relief (救灾)
def disaster_loss(editor):
    from datetime import date
    from decimal import Decimal

    return {
        "title": "2026年6月下旬强降雨过程",
        "disaster_type": "flood",
        "began_on": date(2026, 6, 20),
        "ended_on": date(2026, 6, 24),
        "counties": ["xinhua", "lengshuijiang"],
        "affected_people": 12000,
        "relocated": 860,
        "direct_loss": Decimal("23500000.00"),
        "formed_on": date(2026, 6, 30),
    }


def donation(editor):
    from datetime import date
    from decimal import Decimal

    return {
        "year": 2026,
        "donor_kind": "organisation",
        "donor": "娄底市测试慈善总会",
        "received_on": date(2026, 7, 2),
        "kind": "money",
        "amount": Decimal("500000.00"),
        "used_amount": Decimal("200000.00"),
        "use": "用于新化县受灾群众临时生活救助。",
        "formed_on": date(2026, 7, 10),
    }


CASES += [
    ("relief.disasterloss", disaster_loss, "affected_people", 12500),
    ("relief.donation", donation, "use", "用于新化县、冷水江市受灾群众临时生活救助。"),
]
