"""One complete draft of every publishable model, for the lifecycle's table-driven tests.

Each row: (model label, make(editor) -> field values of a complete draft,
a field a correction changes, its corrected value).
"""


def _category():
    from disclosure.models import Category

    return Category.objects.get_or_create(slug="announcements", defaults={"name": "通知公告"})[0]


def notice(editor):
    return {"title": "关于开展安全生产检查的通知", "category": _category(), "body": "<p>请各单位做好检查。</p>"}


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
        query_code="x",
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
        "decision_number": "娄应急许〔2019〕001号",
        "licence_number": "湘娄危化经字〔2019〕0001号",
        "licence_valid_from": date(2019, 10, 10),
        "licence_valid_until": date(2022, 10, 9),
    }


CASES = [
    ("disclosure.notice", notice, "title", "关于开展安全生产大检查的通知"),
    # approvals
    ("approvals.service", service, "name", "危险化学品经营许可证核发（更正）"),
    ("approvals.agency", agency, "scope", "金属、非金属矿采选业；陆地石油和天然气开采业"),
    ("approvals.approvalresult", approval_result, "licence_number", "湘娄危化经字〔2019〕0002号"),
]
