"""The public registers: what the public sees, filters, exports, query counts and bad input."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enforcement.models import Enterprise, HazardLevel, HazardStatus
from loudi_portal import publishing

from . import factories as f

pytestmark = pytest.mark.django_db

LISTS = [
    "enforcement:enterprise-list",
    "enforcement:inspector-list",
    "enforcement:plan-list",
    "enforcement:inspection-list",
    "enforcement:hazard-list",
    "enforcement:penalty-list",
    "enforcement:closure-list",
]


def test_a_wrong_credit_code_is_refused_with_a_clear_message():
    code = f.credit_code(77)
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    e = Enterprise(name="某公司", credit_code=wrong, county="louxing", industry="chemicals")
    with pytest.raises(ValidationError) as exc:
        e.full_clean()
    assert "校验位不正确" in str(exc.value)


def test_admin_refuses_a_wrong_credit_code_and_saves_nothing(editor, client):
    client.force_login(editor)
    data = {
        "name": "娄星测试有限公司",
        "credit_code": "91431302MA4L0000X0",
        "county": "louxing",
        "industry": "chemicals",
        "risk_grade": "blue",
        "status": "operating",
    }
    response = client.post(reverse("admin:enforcement_enterprise_add"), data)
    assert response.status_code == 200
    assert "统一社会信用代码" in response.content.decode()
    assert not Enterprise.objects.exists()
    data["credit_code"] = f.credit_code(5)
    assert client.post(reverse("admin:enforcement_enterprise_add"), data).status_code == 302
    assert Enterprise.objects.get().history.first().history_user == editor


@pytest.mark.parametrize("url_name", LISTS)
def test_every_register_page_shows_its_total_and_offers_three_downloads(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "共 0 条" in html
    assert "format=csv" in html and "format=xlsx" in html and "format=json" in html
    for fmt in ("csv", "xlsx", "json"):
        assert client.get(reverse(url_name) + f"?format={fmt}").status_code == 200
    assert client.get(reverse(url_name) + "?format=pdf").status_code == 400


@pytest.mark.parametrize("url_name", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=-1",
        "?page=99999",
        "?county=nowhere",
        "?year=abc",
        "?kind=%00",
        "?q=" + "长" * 500,
        "?is_active=maybe",
    ],
)
def test_bad_input_never_gives_a_server_error(client, url_name, query):
    assert client.get(reverse(url_name) + query).status_code == 200


def test_wrong_method_is_refused(client):
    assert client.post(reverse("enforcement:penalty-list")).status_code == 405
    assert client.post(reverse("enforcement:index")).status_code == 405


def test_drafts_never_reach_the_public_pages(client):
    f.inspection(findings="草稿检查记录")
    f.closure(name="草稿关闭点")
    draft_plan = f.plan(title="草稿抽查计划", status="draft", published_at=None)
    for name, text in [
        ("enforcement:inspection-list", "草稿检查记录"),
        ("enforcement:closure-list", "草稿关闭点"),
        ("enforcement:plan-list", draft_plan.title),
    ]:
        assert text not in client.get(reverse(name)).content.decode()


def test_filters_narrow_the_list_and_the_export_holds_exactly_those_rows(client):
    f.closure(name="新化零售点甲", county="xinhua", **f.published())
    f.closure(name="涟源零售点乙", county="lianyuan", **f.published())
    html = client.get(reverse("enforcement:closure-list") + "?county=xinhua").content.decode()
    assert "共 1 条" in html and "新化零售点甲" in html and "涟源零售点乙" not in html
    data = client.get(reverse("enforcement:closure-list") + "?county=xinhua&format=json")
    body = b"".join(data.streaming_content).decode()
    assert '"count": 1' in body and "新化零售点甲" in body and "涟源零售点乙" not in body


def test_major_hazards_show_the_four_fields_and_overdue_ones_are_flagged_in_words(client):
    past = timezone.localdate() - timedelta(days=3)
    f.hazard(
        description="储罐区可燃气体报警装置失效",
        level=HazardLevel.MAJOR,
        responsible_person="李四",
        measures="停用储罐并更换报警装置",
        funds=80000,
        deadline=past,
    )
    f.hazard(description="台账不规范", deadline=past, rectification_status=HazardStatus.RECTIFIED, rectified_on=past)
    html = client.get(reverse("enforcement:hazard-list")).content.decode()
    assert "李四" in html and "停用储罐并更换报警装置" in html and "80,000" in html
    assert html.count('class="flag-overdue"') == 1
    overdue = client.get(reverse("enforcement:hazard-list") + "?overdue=true").content.decode()
    assert "共 1 条" in overdue and "储罐区" in overdue


def test_a_major_hazard_without_its_four_fields_is_refused():
    from enforcement.models import Hazard

    hazard = Hazard(inspection=f.inspection(), description="x", level=HazardLevel.MAJOR, deadline=timezone.localdate())
    with pytest.raises(ValidationError) as exc:
        hazard.full_clean()
    assert "一单四制" in str(exc.value)


def _fill(n):
    people = [f.inspector() for _ in range(3)]
    for _i in range(n):
        e = f.enterprise()
        insp = f.inspection(enterprise=e, inspectors=people[:2], **f.published())
        f.hazard(inspection=insp)
        f.penalty(**f.published())
        f.closure(**f.published())
        f.plan(**f.published())


@pytest.mark.parametrize("url_name", LISTS + ["enforcement:index"])
def test_list_pages_run_a_constant_number_of_queries(client, django_assert_max_num_queries, url_name):
    _fill(3)
    client.get(reverse(url_name))  # warm the profile cache
    with django_assert_max_num_queries(6):
        small = client.get(reverse(url_name))
    _fill(25)
    with django_assert_max_num_queries(6):
        big = client.get(reverse(url_name))
    assert small.status_code == big.status_code == 200


def test_index_shows_this_years_figures_with_an_accessible_chart(client):
    insp = f.inspection(**f.published())
    f.hazard(inspection=insp, rectification_status=HazardStatus.RECTIFIED, rectified_on=timezone.localdate())
    f.penalty(fine_amount=30000, **f.published())
    f.closure(closed_on=timezone.localdate(), **f.published())
    html = client.get(reverse("enforcement:index")).content.decode()
    assert f"{timezone.localdate().year} 年执法数据" in html
    assert 'role="img"' in html and "<title id=" in html
    assert "30,000" in html
    assert "<caption>" in html  # the chart's numbers also as a table


def test_pages_have_no_inline_scripts_or_styles(client):
    _fill(1)
    for name in LISTS + ["enforcement:index"]:
        html = client.get(reverse(name)).content.decode()
        assert "<script>" not in html and 'style="' not in html and " onclick=" not in html


def test_inspection_list_counts_the_hazards_each_inspection_found(client):
    insp = f.inspection(**f.published())
    f.hazard(inspection=insp)
    f.hazard(inspection=insp)
    body = b"".join(client.get(reverse("enforcement:inspection-list") + "?format=json").streaming_content).decode()
    assert '"hazard_count": 2' in body


def test_draw_page_runs_a_constant_number_of_queries(reviewer, client, django_assert_max_num_queries):
    from enforcement import services

    for _i in range(30):
        f.enterprise()
    for _i in range(6):
        f.inspector()
    d = services.freeze_plan(plan=f.plan(enterprise_count=10), public_source="x", by=reviewer)
    services.run_draw(draw=d, public_value=f.lottery("1"), by=reviewer)
    client.get(reverse("enforcement:draw-detail", args=[d.pk]))
    with django_assert_max_num_queries(2):
        assert client.get(reverse("enforcement:draw-detail", args=[d.pk])).status_code == 200


def test_a_withdrawn_closure_stays_listed_with_its_reason(editor, reviewer, client):
    c = f.closure(name="误录的关闭点", created_by=editor, **f.published())
    publishing.withdraw(record=c, by=reviewer, reason="经核实该网点已依法取得许可，撤回本条公示")
    html = client.get(reverse("enforcement:closure-list")).content.decode()
    assert "误录的关闭点" in html and "已撤回" in html and "经核实该网点已依法取得许可" in html
    # The year's figures count only records in force, and name the withdrawn one.
    overview = client.get(reverse("enforcement:index")).content.decode()
    assert "0 处（另有已撤回 1 处）" in overview


def test_a_random_inspection_must_match_its_plans_draw(reviewer):
    from enforcement import services
    from enforcement.models import InspectionSource

    outsider_firm = f.enterprise(industry="mines")
    firms = [f.enterprise() for _ in range(3)]
    for _i in range(3):
        f.inspector()
    plan = f.plan(industries=["chemicals"], enterprise_count=1)
    bad = f.inspection(enterprise=outsider_firm, source=InspectionSource.RANDOM, plan=plan)
    with pytest.raises(ValidationError, match="尚未完成随机抽取"):
        bad.full_clean()
    d = services.run_draw(
        draw=services.freeze_plan(plan=plan, public_source="x", by=reviewer), public_value=f.lottery("1"), by=reviewer
    )
    with pytest.raises(ValidationError, match="不在本计划的抽取结果中"):
        bad.full_clean()
    drawn = next(e for e in firms if e.credit_code == d.selected[0]["credit_code"])
    good = f.inspection(enterprise=drawn, source=InspectionSource.RANDOM, plan=plan)
    good.full_clean()


def test_a_hazard_is_public_only_when_both_it_and_its_inspection_are_published(client):
    f.hazard(description="草稿隐患", status="draft", published_at=None)
    f.hazard(description="检查未发布的隐患", inspection=f.inspection())
    f.hazard(description="已公开的隐患")
    html = client.get(reverse("enforcement:hazard-list")).content.decode()
    assert "已公开的隐患" in html
    assert "草稿隐患" not in html and "检查未发布的隐患" not in html
