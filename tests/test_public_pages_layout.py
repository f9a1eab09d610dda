"""The register pages' phone layout as served: cards need labels, filters sit behind one 筛选.

The rendering itself (cards at 360 px, tables at 1,280 px) is checked in a browser by
tests/browser/test_phone_layout.py; these check the markup it relies on.
"""

import re

import pytest
from django.urls import reverse

REGISTERS = [
    "enforcement:enterprise-list",
    "enforcement:penalty-list",
    "approvals:service-list",
    "approvals:result-list",
    "disclosure:notice-list",
    "subsidies:payment-list",
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", REGISTERS)
def test_a_register_states_its_count_before_its_filters_which_start_closed(client, name):
    html = client.get(reverse(name)).content.decode()
    assert html.index('class="total-count"') < html.index('class="filter-box"')
    assert re.search(r'<details class="filter-box"><summary>筛选</summary>', html)


def test_a_filtered_register_shows_its_filters_open(client):
    html = client.get(reverse("enforcement:penalty-list") + "?year=2026").content.decode()
    assert '<details class="filter-box" open><summary>筛选</summary>' in html


def test_every_body_cell_of_a_card_table_carries_its_column_label(demo, client):
    html = client.get(reverse("enforcement:penalty-list")).content.decode()
    table = re.search(r'<table class="cards register">.*?</table>', html, re.S).group(0)
    body = table[table.index("<tbody>") :]
    cells = re.findall(r"<td\b[^>]*>", body)
    assert cells
    assert all("data-label=" in c for c in cells), [c for c in cells if "data-label=" not in c][:3]
    assert 'data-label="处罚类别与内容"' in body
