"""How enforcement joins the shared pages: home section, site search, datasets, demo data."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from enforcement.models import (
    Closure,
    ClosureKind,
    Draw,
    Enterprise,
    Industry,
    InspectionPlan,
    Penalty,
)
from loudi_portal.registry import datasets, home_sections, search_sources

from . import factories as f

pytestmark = pytest.mark.django_db


def test_home_page_lists_the_latest_enforcement_items(client):
    f.closure(name="洋溪镇烟花爆竹零售点", **f.published())
    section = next(s for s in home_sections() if s.key == "enforcement")
    assert section.more_url_name == "enforcement:index" and section.latest
    html = client.get("/").content.decode()
    assert "洋溪镇烟花爆竹零售点" in html


def test_site_search_finds_enterprises_penalties_and_closures(client):
    f.enterprise(name="锑都冶炼有限公司")
    f.penalty(party_name="锑都冶炼有限公司", **f.published())
    f.closure(name="锑都非法销售点", **f.published())
    keys = {s.key for s in search_sources()}
    assert {"enforcement-enterprises", "enforcement-penalties", "enforcement-closures"} <= keys
    html = client.get(reverse("search") + "?q=锑都").content.decode()
    assert html.count("锑都") >= 4
    assert "找到 3 条结果" in html


def test_every_register_is_offered_as_a_dataset():
    keys = {d.key for d in datasets()}
    for name in ("enterprises", "inspectors", "plans", "inspections", "hazards", "penalties", "closures"):
        assert f"enforcement-{name}" in keys
    for d in datasets():
        if d.key.startswith("enforcement-"):
            reverse(d.url_name)
            list(d.public()[:1])
            list(d.everything()[:1])


def test_demo_data_has_the_seeds_proportions_and_reloading_changes_nothing(roles):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert Enterprise.objects.filter(industry=Industry.CHEMICALS).count() == 286
    # 2019 as the bureau's work report has it; every year since has its own record (issue 17).
    assert InspectionPlan.objects.filter(year=2019).count() == 57
    years = set(InspectionPlan.objects.values_list("year", flat=True))
    assert years == set(range(2019, timezone.localdate().year + 1))
    assert Draw.objects.filter(status="drawn").count() == InspectionPlan.objects.count() - 2
    in_2019 = Closure.objects.filter(closed_on__year=2019)
    assert in_2019.filter(kind=ClosureKind.FIREWORKS_OUTLET).count() == 142
    assert in_2019.filter(kind=ClosureKind.ILLEGAL_SALE_POINT).count() == 79
    assert in_2019.filter(kind=ClosureKind.ENTERPRISE).count() == 2
    assert Penalty.objects.filter(party_kind="person").exists()
    assert Penalty.objects.filter(status="withdrawn").exists()
    from enforcement.draw import verify

    for draw in Draw.objects.filter(status="drawn")[:10]:
        assert verify(draw.public_data()) == (True, [])
    counts = [m.objects.count() for m in (Enterprise, InspectionPlan, Draw, Penalty, Closure)]
    call_command("load_demo", stdout=io.StringIO())
    assert [m.objects.count() for m in (Enterprise, InspectionPlan, Draw, Penalty, Closure)] == counts
