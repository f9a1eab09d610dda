"""The public pages: /mine-closures/, each mine's page, the payment ledger, exports, home and search."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from subsidies import demo as subsidy_demo
from subsidies.models import FundStatus, MineClosure, MineType, PaymentItem, SubsidyPayment
from subsidies.services import record_payment, reverse_payment

from .factories import make_closure, make_scheme

pytestmark = pytest.mark.django_db

LIST = "/mine-closures/"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def demo():
    subsidy_demo.load(stdout=StringIO())


def test_url_names_are_the_contract():
    assert reverse("subsidies:closure-list") == "/mine-closures/"
    assert reverse("subsidies:closure-detail", args=[7]) == "/mine-closures/7/"


def test_the_ledger_page_opens_with_links_to_each_of_its_parts(client, demo):
    """On a phone the ledger is many screens long: its parts are one tap away from the top."""
    html = client.get(LIST).content.decode()
    nav = re.search(r'<nav class="subnav" aria-label="本页内容">(.*?)</nav>', html, re.S).group(1)
    targets = re.findall(r'href="#([\w-]+)"', nav)
    assert targets == ["scheme-h", "totals-h", "county-h", "mine-h"]
    for target in targets:
        assert f'id="{target}"' in html
    count = re.search(r"共 (\d+) 处", html).group(1)
    assert f"按煤矿（{count} 处）" in nav
    # Without a scheme for the year there is only the mine list to link to.
    empty = client.get(LIST, {"year": "2030"}).content.decode()
    assert re.findall(r'href="#([\w-]+)"', re.search(r'aria-label="本页内容">(.*?)</nav>', empty, re.S).group(1)) == [
        "mine-h"
    ]


def test_list_shows_scheme_standards_totals_and_both_tables(client, demo):
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "娄政办发〔2019〕8号" in html
    assert "每处奖补 9,000,000.00 元（900 万元）" in html
    assert "每处奖补 2,000,000.00 元（200 万元）" in html
    assert "5,000,000.00 元（500 万元）" in html and "500,000.00 元（50 万元）" in html
    assert "25 处（突出矿井 3 处，非突出矿井 22 处）" in html
    assert "按县市区" in html and "按煤矿" in html
    assert '<th scope="row">涟源市</th>' in html
    assert "共 25 处" in html


def test_headline_totals_reconcile_with_county_rows_and_mine_rows(client, demo):
    ctx = client.get(LIST).context
    totals, rows = ctx["totals"], ctx["ledger"].counties
    assert totals.promised == sum(r.promised for r in rows) == Decimal("93000000")
    assert totals.paid == sum(r.paid for r in rows)
    assert totals.outstanding == totals.promised - totals.paid > 0
    mine_totals = ctx["mine_totals"]
    assert mine_totals["count"] == 25
    assert mine_totals["entitlement"] == totals.subsidies == sum(r.subsidies for r in rows)
    assert mine_totals["paid"] == sum(r.paid_subsidies for r in rows)
    html = client.get(LIST).content.decode()
    assert f'data-total="promised">{totals.promised:,.2f} 元' in html


def test_the_county_table_total_row_gives_the_closure_tasks_of_all_counties(client, demo):
    ctx = client.get(LIST).context
    totals, rows = ctx["totals"], ctx["ledger"].counties
    assert totals.quota == sum(r.quota or 0 for r in rows) == 21
    html = client.get(LIST).content.decode()
    assert re.search(r'<th scope="row">合计</th>\s*<td class="num"[^>]*>21</td>', html)


def test_county_table_names_the_over_quota_mines(client, demo):
    html = client.get(LIST).content.decode()
    lianyuan = html.split('data-county="lianyuan"')[1].split("</tr>")[0]
    assert "2：" in lianyuan and "青山煤矿" in lianyuan and "富源煤矿" in lianyuan
    assert "石门冲煤矿" not in lianyuan


def test_chart_is_an_accessible_svg_with_the_numbers_also_in_a_table(client, demo):
    html = client.get(LIST).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc"' in html
    assert '<title id="chart-title">' in html
    assert "图表数据" in html
    assert "应拨 4,100 万元" in html  # Lianyuan: 2×900 + 6×200 + 2×500 + 2×50
    assert "<script" not in html and "style=" not in html


def test_filters_by_county_type_and_status(client, demo):
    ctx = client.get(LIST, {"county": "xinhua"}).context
    assert ctx["total"] == 5 and [r.county for r in ctx["ledger"].counties] == ["xinhua"]
    ctx = client.get(LIST, {"type": "outburst"}).context
    assert ctx["total"] == 3 and all(r.mine_type == MineType.OUTBURST for r in ctx["rows"])
    assert ctx["ledger"].totals.mines == 25  # the county table is not cut by type
    for status in FundStatus.values:
        rows = client.get(LIST, {"status": status}).context["rows"]
        assert rows and all(r.fund_status == status for r in rows)


@pytest.mark.parametrize(
    "query",
    [{"year": "abc"}, {"year": "1999"}, {"county": "atlantis"}, {"status": "x"}, {"type": "<b>"}, {"page": "abc"}],
)
def test_bad_filter_values_give_a_clear_message_not_an_error(client, demo, query):
    response = client.get(LIST, query)
    assert response.status_code == 200
    if "page" not in query:
        assert "筛选条件无效" in response.content.decode()


def test_page_without_any_scheme_says_so(client):
    response = client.get(LIST)
    assert response.status_code == 200
    assert "暂无煤矿关闭奖补方案" in response.content.decode()


def test_post_is_not_allowed(client, demo):
    mine = MineClosure.objects.first()
    for url in (LIST, mine.get_absolute_url(), "/mine-closures/payments/"):
        assert client.post(url).status_code == 405
        assert client.head(url).status_code == 200


def test_mine_export_csv_holds_exactly_the_filtered_rows_in_yuan(client, demo):
    response = client.get(LIST, {"county": "lianyuan", "format": "csv"})
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows[0][:3] == ["编号", "煤矿名称", "企业名称"]
    assert len(rows) == 1 + 8
    header = rows[0]
    entitled = {r[1]: r[header.index("应拨奖补资金（元）")] for r in rows[1:]}
    assert entitled["涟源市伏口镇石门冲煤矿"] == "9000000.00"
    over = {r[1]: r[header.index("计入超任务关闭")] for r in rows[1:]}
    assert over["涟源市渡头塘镇青山煤矿"] == "是" and over["涟源市伏口镇石门冲煤矿"] == "否"


def test_mine_export_json_and_xlsx(client, demo):
    data = json.loads(body(client.get(LIST, {"format": "json", "status": "unpaid"})))
    assert data["count"] == len(data["results"]) > 0
    assert {r["status"] for r in data["results"]} == {"未到位"}
    workbook = load_workbook(io.BytesIO(body(client.get(LIST, {"format": "xlsx"}))))
    assert workbook.active.max_row == 26


def test_county_table_exports_in_every_format(client, demo):
    rows = list(
        csv.reader(io.StringIO(body(client.get(LIST, {"table": "counties", "format": "csv"})).decode("utf-8-sig")))
    )
    assert rows[0][0] == "县市区" and len(rows) == 6
    data = json.loads(body(client.get(LIST, {"table": "counties", "format": "json"})))
    total = sum(Decimal(r["promised"]) for r in data["results"])
    assert total == Decimal("93000000.00")
    assert client.get(LIST, {"table": "counties", "format": "xlsx"}).status_code == 200
    assert client.get(LIST, {"format": "pdf"}).status_code == 400


def test_detail_lists_every_payment_with_running_balance_and_reversal(client, demo):
    mine = MineClosure.objects.get(mine_name__endswith="金竹煤矿")
    response = client.get(mine.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    entries = response.context["entries"]
    assert [e["payment"].amount for e in entries] == [Decimal("1800000"), Decimal("-1800000"), Decimal("2000000")]
    assert [e["running"] for e in entries] == [Decimal("1800000"), Decimal("0"), Decimal("2000000")]
    assert entries[-1]["remaining"] == 0
    assert "冲正：撤销凭证 LDJB-2019-003" in html and "录入金额有误" in html
    assert "（本笔已被冲正）" in html
    assert "已到位" in html and "按非突出矿井标准" in html


def test_detail_explains_whether_the_mine_counts_beyond_the_quota(client, demo):
    over = MineClosure.objects.get(mine_name__endswith="富源煤矿")
    html = client.get(over.get_absolute_url()).content.decode()
    assert "本矿为超任务关闭的第 2 处" in html
    within = MineClosure.objects.get(mine_name__endswith="石门冲煤矿")
    assert "本矿在任务数以内" in client.get(within.get_absolute_url()).content.decode()


def test_detail_of_a_mine_without_payments_says_funds_have_not_arrived(client, demo):
    mine = MineClosure.objects.get(mine_name__endswith="青山煤矿")
    html = client.get(mine.get_absolute_url()).content.decode()
    assert "尚无拨付记录" in html and "未到位" in html


def test_unknown_mine_is_404(client, demo):
    assert client.get("/mine-closures/999999/").status_code == 404
    assert client.get("/mine-closures/abc/").status_code == 404


def test_payment_ledger_page_and_export_include_reversals(client, demo):
    response = client.get("/mine-closures/payments/", {"year": "2019", "county": "shuangfeng"})
    assert response.status_code == 200
    assert "冲正：撤销凭证 LDJB-2019-011" in response.content.decode()
    data = json.loads(body(client.get("/mine-closures/payments/", {"format": "json"})))
    assert data["count"] == SubsidyPayment.objects.count() == 34
    reversals = [r for r in data["results"] if r["reverses"]]
    assert {r["reverses"] for r in reversals} == {"LDJB-2019-003", "LDJB-2019-011"}
    assert all(Decimal(r["amount"]) < 0 and r["reversal_reason"] for r in reversals)
    assert {r["voucher_no"] for r in data["results"] if r["is_reversed"]} == {"LDJB-2019-003", "LDJB-2019-011"}
    assert "（本笔已被冲正）" in response.content.decode()
    city = client.get("/mine-closures/payments/", {"funding_level": "city", "format": "json"})
    assert sum(Decimal(r["amount"]) for r in json.loads(body(city))["results"]) == Decimal("21800000")
    assert client.get("/mine-closures/payments/", {"county": "nowhere"}).status_code == 200


def _grow(n: int):
    scheme = make_scheme(year=2019, quotas={"lianyuan": 2, "xinhua": 1})
    for i in range(n):
        closure = make_closure(
            scheme, county=["lianyuan", "xinhua", "louxing"][i % 3], closed_on=date(2019, 1 + i % 12, 1)
        )
        record_payment(
            item=PaymentItem.SUBSIDY, closure=closure, amount="1000", paid_on=date(2019, 12, 1),
            funding_level="province", voucher_no=f"G{i}", by=None,
        )  # fmt: skip
        if i % 4 == 0:
            reverse_payment(payment=SubsidyPayment.objects.get(voucher_no=f"G{i}"), reason="测试", by=None)
    return scheme


@pytest.mark.parametrize("n", [3, 40])
def test_pages_run_a_constant_number_of_queries(client, django_assert_max_num_queries, n):
    _grow(n)
    mine = MineClosure.objects.order_by("id").last()
    client.get(LIST)  # warm the profile cache
    with django_assert_max_num_queries(9):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(LIST, {"status": "partial", "county": "lianyuan"}).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(mine.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/mine-closures/payments/").status_code == 200


def test_home_page_section_lists_recent_closures_and_links_to_the_ledger(client, demo):
    html = client.get("/").content.decode()
    section = html.split('id="home-mine_closures"')[1].split("</section>")[0]
    assert 'href="/mine-closures/"' in section
    assert "龙口煤矿关闭（冷水江市）" in section


def test_site_search_finds_a_mine_by_name(client, demo):
    html = client.get("/search/", {"q": "铎山"}).content.decode()
    assert "冷水江市铎山镇铎山煤矿" in html


def test_mine_table_follows_the_city_county_order_then_closure_date(client, demo):
    rows = list(client.get(LIST).context["rows"])
    order = [r.get_county_display() for r in rows]
    assert order[0] == "娄星区" and order[-1] == "涟源市"
    lianyuan = [r.closed_on for r in rows if r.county == "lianyuan"]
    assert lianyuan == sorted(lianyuan)


def test_chart_bars_are_proportional_and_an_unpaid_county_has_no_paid_bar():
    from types import SimpleNamespace

    from subsidies.views import CHART_BARS, chart_rows

    rows = [
        SimpleNamespace(label="甲", promised=Decimal("4000000"), paid=Decimal("1000000")),
        SimpleNamespace(label="乙", promised=Decimal("2000000"), paid=Decimal("0")),
    ]
    chart = chart_rows(rows)
    first, second = chart["rows"]
    assert first["w_promised"] == CHART_BARS and first["w_paid"] == CHART_BARS // 4
    assert second["w_promised"] == CHART_BARS // 2 and second["w_paid"] == 0
    assert second["paid_text"] == "已拨 0 万元" and first["promised_text"] == "应拨 400 万元"


def test_a_draft_closure_is_neither_public_nor_counted_until_reviewed(client, db):
    from subsidies.services import ledger_for_year
    from subsidies.tests.factories import make_closure, make_scheme

    scheme = make_scheme(2019)
    draft = make_closure(scheme, mine_name="尚未审核煤矿", status="draft", published_at=None)
    html = client.get("/mine-closures/?year=2019").content.decode()
    assert "尚未审核煤矿" not in html
    assert client.get(f"/mine-closures/{draft.pk}/").status_code == 404
    published = make_closure(scheme, mine_name="已审核煤矿")
    mines = ledger_for_year(2019).mines
    assert published.pk in mines and draft.pk not in mines
