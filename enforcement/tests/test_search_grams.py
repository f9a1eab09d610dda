"""The penalty register's keyword search: the same rows as a plain "contains", from an index on PostgreSQL."""

import time

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement.models import PartyKind, Penalty
from loudi_portal import gram_search

from . import factories as f

pytestmark = pytest.mark.django_db

TEXTS = [
    ("湖南涟邵煤矿有限公司", "未建立事故隐患排查治理制度 Safety-Plan A7"),
    ("冷水江市锑都化工有限责任公司", "特种作业人员未按照规定经专门的安全作业培训"),
    ("娄底市恒泰化工贸易有限公司", "未如实记录安全生产教育和培训情况"),
]


@pytest.fixture
def penalties():
    rows = [f.penalty(party_name=name, violation=violation, **f.published()) for name, violation in TEXTS]
    # A natural person's name is never searchable (a match would confirm who was penalised).
    rows.append(
        f.penalty(party_kind=PartyKind.PERSON, party_name="王煤矿", violation="未按规定佩戴安全帽", **f.published())
    )
    return rows


def _contains(rows, text: str) -> set[int]:
    """What the keyword search must answer, worked out in Python: every word in one of the fields."""
    found = set()
    for p in rows:
        fields = [p.decision_no, p.credit_code or "", p.violation]
        if p.party_kind == PartyKind.ORGANISATION:
            fields.append(p.party_name)
        if all(any(word.lower() in field.lower() for field in fields) for word in text.split()):
            found.add(p.pk)
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_keyword_finds_exactly_the_rows_that_contain_it(penalties, data):
    row = data.draw(st.sampled_from(penalties))
    text = data.draw(st.sampled_from([row.party_name, row.violation, row.decision_no]))
    start = data.draw(st.integers(0, len(text) - 1))
    needle = text[start : start + data.draw(st.integers(1, 6))]
    if data.draw(st.booleans()):
        needle = needle.upper()  # the search ignores case, as before
    if not needle.strip():
        return
    assert set(Penalty.objects.matching(needle).values_list("pk", flat=True)) == _contains(penalties, needle)


def test_words_apart_must_all_be_there_not_side_by_side(penalties):
    found = set(Penalty.objects.matching("涟邵  隐患排查").values_list("pk", flat=True))
    assert found == {penalties[0].pk} == _contains(penalties, "涟邵 隐患排查")
    assert not Penalty.objects.matching("涟邵 化工").exists()


def test_the_register_finds_a_company_by_a_two_character_word_but_never_a_person(client, penalties):
    html = client.get("/enforcement/penalties/", {"q": "煤矿"}).content.decode()
    assert "湖南涟邵煤矿有限公司" in html
    assert "未按规定佩戴安全帽" not in html  # the person's penalty: found only by its own words
    assert "共 1 条" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the grams column and its index are PostgreSQL's")
@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from("煤矿安全 Ab-〔〕\t化工1"), max_size=12))
def test_the_database_and_python_agree_on_a_texts_grams(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT loudi_grams(lower(%s))", [text])
        assert set(cursor.fetchone()[0]) == gram_search.grams(text)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the grams column and its index are PostgreSQL's")
def test_the_search_reads_the_grams_index(penalties):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    assert "enforcement_penalty_search_grams_gin" in Penalty.objects.matching("煤矿").explain()


def test_the_site_search_counts_a_register_up_to_its_cap_and_says_more(client, penalties, monkeypatch):
    from loudi_portal import registry, views

    for _ in range(7):  # more than the five a group shows, and more than the cap
        f.penalty(violation="未按规定设置安全生产管理机构", **f.published())
    monkeypatch.setattr(registry, "SEARCH_COUNT_CAP", 6)
    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 6)
    html = client.get("/search/", {"q": "安全生产管理机构"}).content.decode()
    assert "行政处罚（超过 6 条）" in html  # (the cap is 1,000: written 超过 1,000 条)
    assert "找到超过" in html and "查看全部行政处罚" in html
    html = client.get("/search/", {"q": "煤矿"}).content.decode()
    assert "行政处罚（1）" in html  # below the cap: exact


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the grams column and its index are PostgreSQL's")
def test_a_common_word_reads_the_registers_order_and_a_rare_one_the_index(penalties, monkeypatch):
    monkeypatch.setitem(gram_search._stats, "enforcement_penalty", (time.monotonic(), {"安全": 0.6, "全生": 0.5}, 0.01))
    assert gram_search.narrowing(Penalty, "安全") is None  # every pair common
    assert gram_search.narrowing(Penalty, "煤矿") is not None  # not among the common grams: rarer than 1 %
    assert set(Penalty.objects.matching("安全").values_list("pk", flat=True)) == _contains(penalties, "安全")
