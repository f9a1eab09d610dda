"""The back office: every page opens for the roles that may use it, and the role table holds."""

import pytest
from django.urls import reverse

from enforcement import services
from loudi_portal import publishing

from . import factories as f

pytestmark = pytest.mark.django_db

MODELS = ["enterprise", "inspector", "inspectionplan", "draw", "inspection", "hazard", "penalty", "closure"]


@pytest.fixture
def records(reviewer):
    e = f.enterprise()
    people = [f.inspector() for _ in range(3)]
    people[0].conflicts.add(e)
    f.enterprise()
    plan = f.plan(enterprise_count=1)
    draw = services.freeze_plan(plan=plan, public_source="彩票", by=reviewer)
    insp = f.inspection(enterprise=e, inspectors=people[:2])
    return {
        "enterprise": e,
        "inspector": people[0],
        "inspectionplan": plan,
        "draw": draw,
        "inspection": insp,
        "hazard": f.hazard(inspection=insp),
        "penalty": f.penalty(**f.published()),
        "closure": f.closure(),
    }


@pytest.mark.parametrize("role", ["editor", "reviewer", "auditor", "admin_user"])
def test_every_staff_role_can_open_every_enforcement_list_and_record(role, records, persona, client):
    persona(role)
    for model in MODELS:
        assert client.get(reverse(f"admin:enforcement_{model}_changelist")).status_code == 200, model
        obj = records[model]
        assert client.get(reverse(f"admin:enforcement_{model}_change", args=[obj.pk])).status_code == 200, model
        assert client.get(reverse(f"admin:enforcement_{model}_history", args=[obj.pk])).status_code == 200, model


@pytest.mark.parametrize(
    ("role", "model", "can_add"),
    [
        ("editor", "enterprise", True),
        ("editor", "penalty", True),
        ("editor", "inspector", False),
        ("editor", "draw", False),
        ("reviewer", "penalty", False),
        ("reviewer", "draw", False),
        ("auditor", "penalty", False),
        ("auditor", "enterprise", False),
        ("admin_user", "inspector", True),
        ("admin_user", "penalty", False),
    ],
)
def test_who_may_add_records(role, model, can_add, persona, client):
    persona(role)
    status = client.get(reverse(f"admin:enforcement_{model}_add")).status_code
    assert (status == 200) is can_add


def test_outsiders_and_anonymous_see_nothing_of_the_back_office(records, outsider, client):
    url = reverse("admin:enforcement_penalty_changelist")
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:enforcement_draw_run", args=[records["draw"].pk])).status_code == 403


def test_editor_adds_a_plan_with_scope_checkboxes(editor, client):
    client.force_login(editor)
    data = {
        "year": 2026,
        "title": "危化品联合抽查",
        "lead_department": "娄底市应急管理局",
        "joint_departments": "市市场监督管理局",
        "industries": ["chemicals"],
        "counties": ["louxing", "xinhua"],
        "enterprise_count": 3,
        "inspectors_per_enterprise": 2,
    }
    assert client.post(reverse("admin:enforcement_inspectionplan_add"), data).status_code == 302
    from enforcement.models import InspectionPlan

    plan = InspectionPlan.objects.get()
    assert plan.industries == ["chemicals"] and plan.counties == ["louxing", "xinhua"]
    data["inspectors_per_enterprise"] = 1
    data["title"] = "只有一人的计划"
    response = client.post(reverse("admin:enforcement_inspectionplan_add"), data)
    assert response.status_code == 200 and InspectionPlan.objects.count() == 1


def test_bulk_publishing_confirms_the_versions_and_refuses_a_reviewers_own_records(editor, reviewer, client):
    own = f.closure(created_by=reviewer, revision_authors=[reviewer.pk], status="pending", name="自己录入的关闭点")
    other = publishing.submit(record=f.closure(created_by=editor, name="同事录入的关闭点"), by=editor)
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:enforcement_closure_changelist"),
        {"action": "publish_selected", "_selected_action": [own.pk, other.pk]},
        follow=True,
    )
    assert "同事录入的关闭点" in response.content.decode()  # the confirmation page lists what will be published
    own.refresh_from_db()
    assert own.status == "pending"
    response = client.post(
        reverse("admin:enforcement_closure_bulk_publish"),
        {"ids": f"{own.pk},{other.pk}", f"rev-{own.pk}": own.revision, f"rev-{other.pk}": other.revision},
        follow=True,
    )
    html = response.content.decode()
    assert "已发布 1 条记录" in html and "不能审核发布自己" in html
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == "pending" and other.status == "published" and other.reviewed_by == reviewer


def test_an_inspection_needs_two_inspectors_and_a_random_one_the_drawn_ones(editor, reviewer, client):
    from enforcement.models import Inspection

    firms = [f.enterprise() for _ in range(2)]
    people = [f.inspector() for _ in range(4)]
    plan = f.plan(enterprise_count=1)
    d = services.run_draw(
        draw=services.freeze_plan(plan=plan, public_source="x", by=reviewer), public_value=f.lottery("7"), by=reviewer
    )
    drawn_firm = next(e for e in firms if e.credit_code == d.selected[0]["credit_code"])
    drawn_people = [p for p in people if p.cert_no in d.selected[0]["inspectors"]]
    others = [p for p in people if p not in drawn_people]
    client.force_login(editor)
    data = {
        "source": "random",
        "plan": plan.pk,
        "enterprise": drawn_firm.pk,
        "inspectors": [others[0].pk],
        "inspected_on": "2026-03-02",
        "result": "no_issues",
        "hazards-TOTAL_FORMS": 0,
        "hazards-INITIAL_FORMS": 0,
    }
    url = reverse("admin:enforcement_inspection_add")
    assert "至少 2 名" in client.post(url, data).content.decode()
    data["inspectors"] = [p.pk for p in others]
    assert "须与抽取结果一致" in client.post(url, data).content.decode()
    assert not Inspection.objects.exists()
    data["inspectors"] = [p.pk for p in drawn_people]
    assert client.post(url, data).status_code == 302
    assert Inspection.objects.get().created_by == editor


def test_only_roles_that_may_publish_are_offered_the_publish_action(editor, reviewer, client):
    f.closure()
    url = reverse("admin:enforcement_closure_changelist")
    client.force_login(editor)
    assert "publish_selected" not in client.get(url).content.decode()
    client.force_login(reviewer)
    assert "publish_selected" in client.get(url).content.decode()


def test_staff_find_overdue_hazards_with_one_filter(editor, client):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    f.hazard(description="逾期的隐患", deadline=today - timedelta(days=1))
    f.hazard(description="未到期的隐患", deadline=today + timedelta(days=5))
    client.force_login(editor)
    html = client.get(reverse("admin:enforcement_hazard_changelist") + "?overdue=yes").content.decode()
    assert "逾期的隐患" in html and "未到期的隐患" not in html
