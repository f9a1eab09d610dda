"""Small builders for approvals tests (plain functions, no extra dependency)."""

from datetime import date, datetime, time
from itertools import count

from django.utils import timezone

from approvals import services
from approvals.models import Agency, ApprovalResult, Material, Service, Step
from loudi_portal.identifiers import make_credit_code
from loudi_portal.publishing import Status

_n = count(1)


def credit_code() -> str:
    return make_credit_code(f"91431300MA4{next(_n):06d}")


def published(record, on: date | None = None):
    """Store `record` as published on `on` (9:00; a future day makes it scheduled), as the demo does."""
    at = timezone.make_aware(datetime.combine(on, time(9, 0))) if on else timezone.now()
    if on == timezone.localdate() and at > timezone.now():
        at = timezone.now()  # "today" before 09:00 Beijing time is published now, not scheduled
    record.status = Status.PUBLISHED
    record.published_at = record.reviewed_at = record.submitted_at = at
    record.save()
    return record


def service(**overrides) -> Service:
    n = next(_n)
    fields = {
        "code": f"svc-{n}",
        "name": f"危险化学品经营许可证核发{n}",
        "kind": Service.Kind.LICENSING,
        "is_delegated": True,
        "legal_basis": "《危险化学品安全管理条例》第三十五条",
        "conditions": "条件一\n条件二",
        "statutory_limit_days": 20,
        "committed_limit_days": 10,
        "where_to_apply": "政务服务中心",
        "how_to_apply": "窗口办理",
        "office_hours": "工作日",
        "department": "行政审批科",
        "enquiry_phone": "0738-8000003",
    }
    fields.update(overrides)
    status = fields.pop("status", Status.PUBLISHED)
    obj = Service.objects.create(**fields)
    Material.objects.create(service=obj, position=1, name="申请表", is_required=True)
    Material.objects.create(service=obj, position=2, name="营业执照", not_needed_reason="部门共享核验，无需提交")
    Step.objects.create(service=obj, position=1, name="受理", description="核对材料")
    if status == Status.PUBLISHED:
        published(obj)
    return obj


def application(svc: Service | None = None, *, accepted_on=date(2019, 9, 27), received_on=None, **kwargs):
    svc = svc or service()
    return services.accept_application(
        service=svc,
        enterprise_name=kwargs.pop("enterprise_name", "娄底市恒泰化工贸易有限公司"),
        credit_code=kwargs.pop("credit_code", credit_code()),
        contact_name=kwargs.pop("contact_name", "张建平"),
        contact_phone=kwargs.pop("contact_phone", "13873800000"),
        received_on=received_on or accepted_on,
        accepted_on=accepted_on,
        **kwargs,
    )


def granted(app, *, on, published_on=None):
    app = services.decide(
        application=app,
        decision="granted",
        on=on,
        decision_number="娄应急许〔2019〕1号",
        licence_number=f"湘娄危化经字〔2019〕{next(_n):04d}号",
        valid_from=on,
        valid_until=date(on.year + 3, on.month, 1),
    )
    if published_on:
        publish_result(app, published_on)
    return app


def publish_result(app, on: date) -> ApprovalResult:
    """The decision's drafted result, published on `on`."""
    return published(ApprovalResult.objects.get(application=app), on)


def agency(**overrides) -> Agency:
    n = next(_n)
    fields = {
        "name": f"湖南湘中安全技术咨询有限公司{n}",
        "credit_code": credit_code(),
        "kind": Agency.Kind.EVALUATION,
        "qualification_number": f"APJ-（湘）-{n:03d}",
        "scope": "金属、非金属矿采选业",
        "valid_until": date(2099, 1, 1),
    }
    fields.update(overrides)
    is_published = fields.pop("is_published", True)
    obj = Agency.objects.create(**fields)
    return published(obj) if is_published else obj
