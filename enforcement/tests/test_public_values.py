"""The draw's public value in one canonical form: source, date, numbers (algorithm sha256-rank-v2)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from enforcement import draw, services
from enforcement.models import Industry

from . import factories as f
from .test_draw_algorithm import published_json

SOURCE = "中国福利彩票“3D”当期开奖号码"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def test_one_lottery_result_typed_six_ways_gives_one_value_and_one_seed():
    typings = [
        "2026-03-02 3 0 7",
        "2026年3月2日开奖号码：3、0、7",
        "2026/03/02：03，00，07",
        "２０２６年０３月０２日 ３ ０ ７",
        "第2026056期 2026.3.2  3,0,7",
        " 3 0 7（2026-3-2） ",
    ]
    values = {draw.canonical_public_value(SOURCE, t) for t in typings}
    assert values == {f"{SOURCE}|2026-03-02|3,0,7"}
    assert len({draw.seed_for("ab" * 32, v) for v in values}) == 1


@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    numbers=st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=20),
    separator=st.sampled_from([" ", "、", ",", "，", "  ", " / "]),
    zeros=st.integers(min_value=0, max_value=2),
    full_width=st.booleans(),
    date_style=st.sampled_from(["{d:%Y-%m-%d}", "{d.year}年{d.month}月{d.day}日", "{d:%Y/%m/%d}", "{d:%Y.%m.%d}"]),
)
def test_every_spelling_of_a_date_and_numbers_has_the_same_canonical_form(
    day, numbers, separator, zeros, full_width, date_style
):
    typed = date_style.format(d=day) + " " + separator.join("0" * zeros + str(n) for n in numbers)
    if full_width:
        typed = typed.translate(FULL_WIDTH)
    value = draw.canonical_public_value(SOURCE, typed)
    assert value == f"{SOURCE}|{day.isoformat()}|{','.join(str(n) for n in numbers)}"
    assert draw.is_canonical(value)
    # Re-normalising the canonical form changes nothing.
    source, iso, nums = value.split("|")
    assert draw.canonical_public_value(source, iso + " " + nums) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("3 0 7", "须写明开奖日期"),
        ("2026-02-30 3 0 7", "开奖日期不存在"),
        ("2026-03-02", "没有开奖号码"),
        ("2026-02-27 3 0 7", "早于名单冻结日 2026-03-01"),
    ],
)
def test_an_unreadable_or_early_public_value_is_refused_in_chinese(typed, message):
    with pytest.raises(draw.PublicValueError, match=message):
        draw.canonical_public_value(SOURCE, typed, not_before=date(2026, 3, 1))


def test_a_v1_draw_still_verifies_and_a_v2_draw_needs_the_canonical_form():
    candidates = [{"credit_code": f.credit_code(), "name": "甲"} for _ in range(3)]
    inspectors = [{"cert_no": f"43{n:06d}", "name": "乙"} for n in range(4)]
    old = published_json("cd" * 32, "409", candidates, inspectors, [], 2, 2)  # typed as is under v1
    assert draw.verify(old) == (True, [])
    canonical = draw.canonical_public_value(SOURCE, "2026-03-02 4 0 9")
    new = published_json("cd" * 32, canonical, candidates, inspectors, [], 2, 2) | {"algorithm": "sha256-rank-v2"}
    assert draw.verify(new) == (True, [])
    loose = published_json("cd" * 32, "2026-03-02 4 0 9", candidates, inspectors, [], 2, 2)
    ok, problems = draw.verify(loose | {"algorithm": "sha256-rank-v2"})
    assert not ok and "canonical form" in problems[0]


@pytest.mark.django_db
def test_the_draw_stores_and_shows_the_canonical_value(roles, reviewer, client):
    for _ in range(3):
        f.enterprise()
    for _ in range(3):
        f.inspector()
    plan = f.plan(industries=[Industry.CHEMICALS], enterprise_count=2, inspectors_per_enterprise=2)
    frozen = services.freeze_plan(plan=plan, public_source=SOURCE, by=reviewer)
    yesterday = frozen.frozen_at.date() - timedelta(days=1)
    with pytest.raises(ValidationError, match="早于名单冻结日"):
        services.run_draw(draw=frozen, public_value=f"{yesterday.isoformat()} 1 2 3", by=reviewer)
    done = services.run_draw(draw=frozen, public_value=f.lottery("０３、0、7"), by=reviewer)
    assert done.algorithm == "sha256-rank-v2"
    assert done.public_value == f.canonical(SOURCE, "3,0,7")
    html = client.get(reverse("enforcement:draw-detail", args=[done.pk])).content.decode()
    assert f"<code>{done.public_value}</code>" in html
    assert "开奖号码：3 0 7" in html and "算法 sha256-rank-v2" in html
    data = client.get(reverse("enforcement:draw-data", args=[done.pk])).json()
    assert data["algorithm"] == "sha256-rank-v2" and draw.verify(data) == (True, [])
