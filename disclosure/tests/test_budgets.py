"""/budgets/: computed changes, required explanations, the chart and its table."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from disclosure.models import SanGongLine, SanGongStatement
from disclosure.services import change_rate, publish_statement, statement_rows

AMOUNTS = {"outbound": "0", "reception": "186000", "vehicle_purchase": "0", "vehicle_operation": "420000"}


def make_statement(year, stage="budget", amounts=None, explain="", status="draft"):
    statement = SanGongStatement.objects.create(year=year, stage=stage, status=status)
    for category, amount in (amounts or AMOUNTS).items():
        SanGongLine.objects.create(
            statement=statement, category=category, amount=Decimal(amount), count=3, explanation=explain
        )
    return statement


def test_change_and_rate_are_computed_against_last_year(db):
    last = make_statement(2018)
    now = make_statement(2019, amounts={**AMOUNTS, "reception": "150000"})
    rows = {r.key: r for r in statement_rows(now, last)}
    assert rows["reception"].change == Decimal("-36000")
    assert rows["reception"].rate == Decimal("-19.4")
    assert rows["total"].amount == Decimal("570000")
    assert rows["vehicles"].amount == Decimal("420000")
    assert rows["outbound"].rate is None  # nothing to compare with


@given(
    st.decimals(min_value=0, max_value=10**8, places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=10**8, places=2),
)
def test_change_rate_has_the_sign_of_the_change(current, previous):
    rate = change_rate(current, previous)
    assert (rate > 0) == (current - previous > 0) or abs(current - previous) * 1000 < previous


def test_a_changed_figure_cannot_be_published_without_an_explanation(reviewer):
    make_statement(2018, status="published")
    now = make_statement(2019, amounts={**AMOUNTS, "reception": "150000"})
    with pytest.raises(ValidationError, match="公务接待费"):
        publish_statement(statement=now, by=reviewer)
    line = now.lines.get(category="reception")
    line.explanation = "严格执行接待标准，压减接待批次。"
    line.save()
    publish_statement(statement=now, by=reviewer)
    now.refresh_from_db()
    assert now.status == "published"


def test_editors_cannot_publish(editor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        publish_statement(statement=make_statement(2019), by=editor)


def test_the_budget_page_shows_published_years_with_chart_and_table(client, db, django_assert_max_num_queries):
    make_statement(2018, status="published")
    make_statement(2019, amounts={**AMOUNTS, "reception": "150000"}, explain="压减接待", status="published")
    make_statement(2019, stage="final", status="published")
    make_statement(2020, amounts={**AMOUNTS, "reception": "999999"})  # draft: not shown
    with django_assert_max_num_queries(6):
        response = client.get(reverse("disclosure:budget-list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html and "<caption>" in html
    assert "-36,000.00" in html and "-19.4%" in html and "压减接待" in html
    assert "999999" not in html and "999,999" not in html


def test_the_budget_lines_download_as_csv_with_published_rows_only(client, db):
    make_statement(2018, status="published")
    make_statement(2020, amounts={**AMOUNTS, "reception": "999999"})
    response = client.get(reverse("disclosure:budget-list"), {"format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode()
    assert response.status_code == 200
    assert "公务接待费" in body and "2018" in body and "999999" not in body
    assert client.get(reverse("disclosure:budget-list"), {"format": "pdf"}).status_code == 400


def test_the_admin_shows_the_computed_changes_and_flags_a_missing_reason(client, editor):
    make_statement(2018, status="published")
    now = make_statement(2019, amounts={**AMOUNTS, "reception": "150000"})
    client.force_login(editor)
    html = client.get(reverse("admin:disclosure_sangongstatement_change", args=[now.pk])).content.decode()
    assert "-36000.00" in html and "须填写变化原因" in html


def test_a_withdrawn_statement_leaves_the_tables_but_its_reason_is_public(client, reviewer):
    from disclosure.services import withdraw_statement

    statement = make_statement(2019, status="published")
    withdraw_statement(statement=statement, by=reviewer, reason="金额录入有误")
    html = client.get(reverse("disclosure:budget-list")).content.decode()
    assert "金额录入有误" in html and "2019 年“三公”经费预算" in html
    assert "186,000.00" not in html
