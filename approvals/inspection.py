"""What the 自查 (loudi_portal/selfcheck.py) reads from the services catalogue: the ten key elements of
every published 办事指南 (the 服务不实用 veto of the 检查指标); and the 年度报表's 办事服务 figures.
Registered from `ApprovalsConfig.ready()`."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import registry, selfcheck

from .models import Application, Service

# (element, how to read it from a service annotated with its materials' and steps' counts)
ELEMENTS = [
    ("事项名称", lambda s: s.name),
    ("设定依据", lambda s: s.legal_basis),
    ("申请条件", lambda s: s.conditions),
    ("办理材料", lambda s: s.material_count),
    ("办理地点", lambda s: s.where_to_apply),
    ("办理机构", lambda s: s.department),
    ("收费标准", lambda s: s.fee_basis),
    ("办理时间", lambda s: s.office_hours),
    ("联系电话", lambda s: s.enquiry_phone),
    ("办理流程", lambda s: s.step_count),
]


def missing_elements(service) -> list[str]:
    """The key elements a guide lacks (blank text, no material, no step)."""
    missing = []
    for name, read in ELEMENTS:
        value = read(service)
        if not value or (isinstance(value, str) and not value.strip()):
            missing.append(name)
    return missing


def guides_check(check, context) -> selfcheck.Result:
    """One query: the published guides with their materials' and steps' counts."""
    services = list(
        Service.objects.published()
        .annotate(material_count=Count("materials", distinct=True), step_count=Count("steps", distinct=True))
        .order_by("position", "code")
    )
    if not services:
        finding = selfcheck.Finding(_("没有公开的办事指南"), reverse("admin:approvals_service_add"))
        return selfcheck.result(check, passed=False, summary=finding.text, findings=[finding])
    findings = []
    for service in services:
        missing = missing_elements(service)
        if missing:
            findings.append(
                selfcheck.Finding(
                    _("“%(name)s”缺少：%(what)s") % {"name": service.name, "what": "、".join(missing)},
                    reverse("admin:approvals_service_change", args=[service.pk]),
                )
            )
    summary = _("%(n)d 个公开的办事指南中 %(bad)d 个要素不全") % {"n": len(services), "bad": len(findings)}
    return selfcheck.result(check, passed=not findings, summary=summary, findings=findings)


def website_report_figures(year: int) -> dict:
    """The 年度报表's 办事服务 rows: published guides, applications received in `year` (2 queries)."""
    return {
        "services": Service.objects.published().count(),
        "applications": Application.objects.filter(received_on__year=year).count(),
    }


def connect() -> None:
    registry.register_website_report_provider("approvals", website_report_figures)
    selfcheck.register_check(
        selfcheck.Check(
            key="service_guides",
            title=gettext_lazy("办事指南要素"),
            rule=gettext_lazy(
                "每个办事指南都有事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程（单项否决：服务不实用）"
            ),
            veto=True,
            run=guides_check,
            order=40,
        )
    )
