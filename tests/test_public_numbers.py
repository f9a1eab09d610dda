"""Numbers on the pages a citizen sees are written one way: amounts with digit grouping
(1,729,500.00 元), and the print view has its button and its way back."""

import re

from django.db.models import Sum
from django.test import Client

from .sitewalk import html_pages

# An amount of five or more digits written without grouping, followed by its unit.
UNGROUPED_AMOUNT = re.compile(r"(?<![\d,.\w])\d{5,}(?:\.\d+)?\s*(?:元|万元)")
TAGS = re.compile(r"<[^>]+>")


def test_no_public_page_writes_an_amount_without_digit_grouping(demo):
    found = {}
    for url, html in html_pages(Client()).items():
        text = TAGS.sub(" ", html)
        hits = UNGROUPED_AMOUNT.findall(text)
        if hits:
            found[url] = hits[:3]
    assert not found, found


def test_the_enforcement_overview_writes_the_fines_with_grouping(client, demo):
    from enforcement.models import Penalty

    html = client.get("/enforcement/").content.decode()
    totals = Penalty.objects.public().aggregate(f=Sum("fine_amount"), c=Sum("confiscation_amount"))
    assert (totals["f"] or 0) + (totals["c"] or 0) > 10000
    amounts = re.findall(r"<dd>([\d,]+\.\d\d) 元</dd>", html)
    assert amounts and all(re.fullmatch(r"\d{1,3}(,\d{3})*\.\d\d", a) for a in amounts), amounts


def test_budget_tables_group_digits(client, demo):
    html = client.get("/budgets/").content.decode()
    cells = re.findall(r'<td class="num" data-label="(?:本年|上年|增减额|预算|决算)">([^<]+)</td>', html)
    numbers = [c for c in cells if c != "—"]
    assert numbers
    assert all(re.fullmatch(r"[+-]?\d{1,3}(,\d{3})*\.\d\d", n) for n in numbers), numbers[:5]


def test_the_print_view_has_a_print_button_and_a_way_back(client, demo):
    from disclosure.models import Notice

    notice = Notice.objects.published().order_by("-published_at").first()
    html = client.get(f"/notices/{notice.pk}/print/").content.decode()
    assert '<button type="button" class="print-button" data-print hidden>打印</button>' in html
    assert "js/print-button" in html and "onclick" not in html  # our CSP allows no inline script
    assert f'<a class="print-back" href="{notice.get_absolute_url()}">返回原文</a>' in html
    # print.css only for printing: on screen it would hide the way back.
    links = re.findall(r'<link rel="stylesheet" href="[^"]*print[^"]*\.css"[^>]*>', html)
    assert links and all('media="print"' in link for link in links), links
