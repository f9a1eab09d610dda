"""Freezing and running a draw through the services, the admin and the public pages."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from enforcement import draw as algorithm
from enforcement import services
from enforcement.models import Draw, DrawStatus, EnterpriseStatus, Industry
from loudi_portal import publishing
from loudi_portal.publishing import Status

from . import factories as f

pytestmark = pytest.mark.django_db

DATA_KEYS = {
    "algorithm",
    "commitment",
    "secret",
    "public_value",
    "seed",
    "k",
    "m",
    "candidates",
    "candidates_sha256",
    "inspectors",
    "inspectors_sha256",
    "conflicts",
    "conflicts_sha256",
    "selected",
}


@pytest.fixture
def setup(roles):
    enterprises = [f.enterprise() for _ in range(5)]
    f.enterprise(status=EnterpriseStatus.CLOSED)  # not a candidate
    f.enterprise(industry=Industry.MINES)  # out of scope
    people = [f.inspector() for _ in range(4)]
    f.inspector(is_active=False)  # not drawn
    people[0].conflicts.add(enterprises[0])
    plan = f.plan(industries=[Industry.CHEMICALS], enterprise_count=3, inspectors_per_enterprise=2)
    return plan, enterprises, people


def test_freezing_fixes_the_sorted_lists_and_publishes_only_the_commitment(setup, reviewer, client):
    plan, enterprises, people = setup
    d = services.freeze_plan(plan=plan, public_source="2026年12月1日福彩3D开奖号码", by=reviewer)
    assert [c["credit_code"] for c in d.candidates] == sorted(e.credit_code for e in enterprises)
    assert [i["cert_no"] for i in d.inspectors] == sorted(p.cert_no for p in people)
    assert d.conflicts == [{"cert_no": people[0].cert_no, "credit_code": enterprises[0].credit_code}]
    assert d.commitment == algorithm.sha256_hex(d.secret)
    assert d.candidates_sha256 == algorithm.list_sha256(d.candidates)
    plan.refresh_from_db()
    assert plan.status == Status.PUBLISHED

    data = client.get(reverse("enforcement:draw-data", args=[d.pk])).json()
    assert set(data) == DATA_KEYS
    assert data["secret"] is None and data["seed"] is None and data["selected"] is None
    assert data["commitment"] == d.commitment
    html = client.get(reverse("enforcement:draw-detail", args=[d.pk])).content.decode()
    assert d.commitment in html and d.secret not in html
    assert "尚未抽取" in html


def test_freezing_with_fewer_candidates_than_k_is_refused_with_a_clear_message(setup, reviewer):
    plan, *_ = setup
    plan.enterprise_count = 6
    plan.save()
    with pytest.raises(ValidationError, match="少于计划抽取的 6 家"):
        services.freeze_plan(plan=plan, public_source="彩票", by=reviewer)
    assert not Draw.objects.exists()


def test_freezing_with_too_few_inspectors_free_of_conflict_is_refused(setup, reviewer):
    plan, enterprises, people = setup
    for person in people[:3]:
        person.conflicts.add(enterprises[1])
    with pytest.raises(ValidationError, match="检查人员不足 2 名"):
        services.freeze_plan(plan=plan, public_source="彩票", by=reviewer)
    assert not Draw.objects.exists()


def test_a_plan_cannot_be_frozen_twice(setup, reviewer):
    plan, *_ = setup
    services.freeze_plan(plan=plan, public_source="彩票", by=reviewer)
    with pytest.raises(ValidationError):
        services.freeze_plan(plan=plan, public_source="彩票", by=reviewer)


def test_running_a_draw_publishes_a_result_anyone_can_recompute_from_data_json(setup, editor, reviewer, client):
    plan, enterprises, people = setup
    d = services.freeze_plan(plan=plan, public_source="彩票", by=editor)
    d = services.run_draw(draw=d, public_value=f.lottery("4 0 9"), by=reviewer)
    assert d.status == DrawStatus.DRAWN and d.drawn_by == reviewer

    response = client.get(reverse("enforcement:draw-data", args=[d.pk]))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert set(data) == DATA_KEYS
    assert algorithm.verify(data) == (True, [])
    assert len(data["selected"]) == 3
    for row in data["selected"]:
        if row["credit_code"] == enterprises[0].credit_code:
            assert people[0].cert_no not in row["inspectors"]

    html = client.get(reverse("enforcement:draw-detail", args=[d.pk])).content.decode()
    assert "复核一致" in html
    assert d.secret in html and d.seed in html and "4 0 9" in html
    assert "sha256(种子" in html  # the algorithm in plain words
    assert d.history.filter(status=DrawStatus.DRAWN, history_user=reviewer).exists()


def test_a_drawn_draw_cannot_be_run_again(setup, reviewer):
    plan, *_ = setup
    d = services.run_draw(
        draw=services.freeze_plan(plan=plan, public_source="x", by=reviewer), public_value=f.lottery("1"), by=reviewer
    )
    with pytest.raises(ValidationError, match="不能重新抽取"):
        services.run_draw(draw=d, public_value=f.lottery("2"), by=reviewer)
    d.refresh_from_db()
    assert d.public_value == f.canonical("x", "1")


def test_running_a_draw_is_a_reviewers_act(setup, editor, reviewer):
    plan, *_ = setup
    d = services.freeze_plan(plan=plan, public_source="x", by=editor)
    with pytest.raises(PermissionDenied):
        services.run_draw(draw=d, public_value=f.lottery("1"), by=editor)
    d.refresh_from_db()
    assert d.status == DrawStatus.FROZEN


def test_the_page_says_so_when_the_stored_result_does_not_recompute(setup, reviewer, client):
    plan, *_ = setup
    d = services.run_draw(
        draw=services.freeze_plan(plan=plan, public_source="x", by=reviewer), public_value=f.lottery("1"), by=reviewer
    )
    d.selected = list(reversed(d.selected))
    d.save()
    html = client.get(reverse("enforcement:draw-detail", args=[d.pk])).content.decode()
    assert "复核不一致" in html


def test_reviewer_runs_a_draw_in_the_admin_and_editor_is_refused(setup, editor, reviewer, client):
    plan, *_ = setup
    d = services.freeze_plan(plan=plan, public_source="x", by=editor)
    url = reverse("admin:enforcement_draw_run", args=[d.pk])
    client.force_login(editor)
    assert client.post(url, {"public_value": f.lottery("5")}).status_code == 403
    client.force_login(reviewer)
    response = client.post(url, {"public_value": f.lottery("5")})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.is_drawn and d.public_value == f.canonical("x", "5")
    # Second attempt: a clear message, nothing changed.
    response = client.post(url, {"public_value": f.lottery("6")})
    assert "不能重新抽取" in response.content.decode()
    d.refresh_from_db()
    assert d.public_value == f.canonical("x", "5")


def test_editor_freezes_a_plan_in_the_admin_and_then_its_scope_is_read_only(setup, editor, client):
    plan, *_ = setup
    client.force_login(editor)
    response = client.post(
        reverse("admin:enforcement_inspectionplan_freeze", args=[plan.pk]), {"public_source": "彩票"}
    )
    assert response.status_code == 302
    change = client.get(reverse("admin:enforcement_inspectionplan_change", args=[plan.pk])).content.decode()
    assert 'name="enterprise_count"' not in change


def test_admin_freeze_refusal_is_shown_not_a_500(setup, editor, client):
    plan, *_ = setup
    plan.enterprise_count = 50
    plan.save()
    client.force_login(editor)
    response = client.post(
        reverse("admin:enforcement_inspectionplan_freeze", args=[plan.pk]), {"public_source": "彩票"}
    )
    assert response.status_code == 200
    assert "少于计划抽取的 50 家" in response.content.decode()


def test_nobody_edits_or_deletes_a_draw_in_the_admin(setup, reviewer, admin_user, client):
    plan, *_ = setup
    d = services.freeze_plan(plan=plan, public_source="x", by=reviewer)
    for user in (reviewer, admin_user):
        client.force_login(user)
        assert client.get(reverse("admin:enforcement_draw_delete", args=[d.pk])).status_code == 403
        page = client.get(reverse("admin:enforcement_draw_change", args=[d.pk])).content.decode()
        assert 'name="_save"' not in page


def test_draw_of_an_unpublished_plan_or_unknown_id_is_404(client):
    assert client.get("/enforcement/draws/987654/").status_code == 404
    assert client.get("/enforcement/draws/987654/data.json").status_code == 404
    assert client.get("/enforcement/draws/abc/").status_code == 404


def test_withdrawing_a_plan_keeps_its_draw_public_with_the_reason(setup, editor, reviewer, client):
    plan, *_ = setup
    d = services.freeze_plan(plan=plan, public_source="x", by=editor)
    publishing.withdraw(record=plan, by=reviewer, reason="抽查范围有误，另行制定计划")
    assert client.get(reverse("enforcement:draw-detail", args=[d.pk])).status_code == 200
    html = client.get(reverse("enforcement:plan-list")).content.decode()
    assert "计划已撤回" in html and "抽查范围有误" in html
    assert "抽查范围有误" in client.get(reverse("enforcement:draw-detail", args=[d.pk])).content.decode()


def test_a_draft_plan_cannot_be_frozen_before_a_reviewer_publishes_it(setup, editor):
    plan, *_ = setup
    plan.status, plan.published_at = Status.DRAFT, None
    plan.save()
    with pytest.raises(ValidationError, match="审核发布"):
        services.freeze_plan(plan=plan, public_source="彩票", by=editor)
    assert not Draw.objects.filter(plan=plan).exists()
