"""Public pages of the closure subsidy ledger: /mine-closures/ and each mine's page."""

from decimal import Decimal

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from loudi_portal import pagemeta
from loudi_portal.exports import Column, ExportFormatError, bad_format_response, export_response, requested_format
from loudi_portal.listing import filters_for_export, register_page
from loudi_portal.numbers import format_wan

from .filters import MineClosureFilter, SubsidyPaymentFilter
from .ledger import cents
from .models import ZERO, FundStatus, SubsidyPayment
from .services import closures_with_money, ledger_for_year, scheme_years

MINE_ORDER = ["county_rank", "closed_on", "decision_no", "id"]
MINES_PER_PAGE = 50

# Chart geometry (SVG user units).
CHART_WIDTH = 760
CHART_LABEL = 150
CHART_BARS = 420
CHART_ROW = 56
CHART_TOP = 16


# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
SUBSIDIES_COLUMN = pagemeta.Column(
    name="关闭煤矿奖补",
    description="关闭退出煤矿的奖补资金分配、拨付和结余情况。",
    keywords="关闭煤矿,奖补资金,资金拨付",
    type="数据发布",
)


def mine_columns(over_quota_ids: set) -> list[Column]:
    """Columns of the table by mine and of its exports."""
    today = timezone.localdate()
    return [
        Column("id", "编号", kind="int"),
        Column("mine_name", "煤矿名称"),
        Column("enterprise_name", "企业名称"),
        Column("enterprise_credit_code", "统一社会信用代码"),
        Column("county", "县市区", lambda c: c.get_county_display()),
        Column("mine_type", "矿井类型", lambda c: c.get_mine_type_display()),
        Column("capacity", "生产能力（万吨/年）", kind="money"),
        Column("decision_no", "关闭决定文号"),
        Column("closed_on", "关闭日期", kind="date"),
        Column("accepted_on", "验收日期", kind="date"),
        Column("scheme", "奖补方案", lambda c: str(c.scheme)),
        Column("is_over_quota", "计入超任务关闭", lambda c: c.pk in over_quota_ids, kind="bool"),
        Column("entitlement", "应拨奖补资金（元）", lambda c: cents(c.entitlement), kind="money"),
        Column("paid", "已拨付（元）", lambda c: cents(c.paid), kind="money"),
        Column("outstanding", "未拨付（元）", lambda c: cents(c.outstanding), kind="money"),
        Column("status", "经费到位情况", lambda c: c.fund_status_label),
        Column("days_since_closure", "关闭后天数", lambda c: (today - c.closed_on).days, kind="int"),
    ]


COUNTY_COLUMNS = [
    Column("county", "县市区", "label"),
    Column("quota", "关闭任务数", kind="int"),
    Column("closed", "已关闭煤矿数", kind="int"),
    Column("outburst", "其中突出矿井", kind="int"),
    Column("over_quota", "超任务关闭数", kind="int"),
    Column("over_quota_mines", "超任务关闭煤矿", lambda r: "、".join(m.closure.mine_name for m in r.over_quota_mines)),
    Column("subsidies", "矿井奖补资金（元）", kind="money"),
    Column("reward", "超任务奖励（元）", kind="money"),
    Column("working_funds", "工作经费（元）", kind="money"),
    Column("promised", "应拨合计（元）", kind="money"),
    Column("paid", "已拨付（元）", kind="money"),
    Column("outstanding", "未拨付（元）", kind="money"),
    Column("status", "经费到位情况", lambda r: r.status.label if r.status else ""),
]

PAYMENT_COLUMNS = [
    Column("id", "编号", kind="int"),
    Column("voucher_no", "凭证号"),
    Column("paid_on", "拨付日期", kind="date"),
    Column("year", "方案年度", kind="int"),
    Column("county", "县市区", lambda p: p.get_county_display()),
    Column("item", "拨付事项", lambda p: p.get_item_display()),
    Column("payee", "收款单位"),
    Column("mine", "关闭煤矿", lambda p: p.closure.mine_name if p.closure_id else ""),
    Column("funding_level", "资金来源", lambda p: p.get_funding_level_display()),
    Column("amount", "金额（元）", kind="money"),
    Column("reverses", "冲正的原凭证号", lambda p: p.reverses.voucher_no if p.reverses_id else ""),
    Column("reversal_reason", "冲正原因"),
    Column("is_reversed", "已被冲正", kind="bool"),
    Column("justification", "超额拨付说明"),
    Column("note", "说明"),
    Column("recorded_at", "录入时间", kind="datetime"),
]


def chart_rows(counties) -> dict:
    """Bar geometry for the paid-versus-promised chart, one pair of bars per county."""
    top = max([Decimal(1)] + [max(r.promised, r.paid) for r in counties])
    rows = []
    for index, row in enumerate(counties):
        y = CHART_TOP + index * CHART_ROW
        rows.append(
            {
                "label": row.label,
                "y_label": y + 26,
                "promised": row.promised,
                "paid": row.paid,
                "y_promised": y + 4,
                "y_paid": y + 26,
                "w_promised": max(1, int(CHART_BARS * row.promised / top)) if row.promised else 0,
                "w_paid": max(1, int(CHART_BARS * row.paid / top)) if row.paid > 0 else 0,
                "promised_text": _("应拨 %(n)s 万元") % {"n": format_wan(row.promised)},
                "paid_text": _("已拨 %(n)s 万元") % {"n": format_wan(row.paid)},
            }
        )
    for r in rows:
        r["x_promised_text"] = CHART_LABEL + r["w_promised"] + 6
        r["x_paid_text"] = CHART_LABEL + r["w_paid"] + 6
    return {
        "rows": rows,
        "width": CHART_WIDTH,
        "height": CHART_TOP * 2 + CHART_ROW * len(rows),
        "x_bars": CHART_LABEL,
        "x_label": CHART_LABEL - 10,
    }


def _selected(filterset, name):
    if filterset.is_valid():
        return filterset.form.cleaned_data.get(name) or None
    return None


@pagemeta.page_meta(column=SUBSIDIES_COLUMN)
@require_safe
def closure_list(request):
    """The ledger of one year: standards, totals, tables by county and by mine, the chart.

    A fixed number of queries whatever the number of mines or payments:
    years, scheme, quotas, closures, payment sums, the mine table's totals,
    its count, page ids and page rows.
    """
    years = scheme_years()
    data = request.GET.copy()
    if not data.get("year") and years:
        data["year"] = str(years[0])
    queryset = closures_with_money().order_by(*MINE_ORDER)
    filterset = MineClosureFilter(data, queryset=queryset, years=years)
    year = _selected(filterset, "year")
    county = _selected(filterset, "county")
    ledger = ledger_for_year(int(year), county=county) if year else None
    over_quota_ids = ledger.over_quota_ids if ledger else set()
    title = _("煤矿关闭奖补资金")

    if request.GET.get("table") == "counties":
        try:
            fmt = requested_format(request)
        except ExportFormatError as exc:
            return bad_format_response(str(exc))
        if fmt:
            rows = ledger.counties if ledger else []
            return export_response(
                fmt, rows, COUNTY_COLUMNS, title=_("煤矿关闭奖补按县统计"), filters=filters_for_export(filterset)
            )

    ctx = {"ledger": ledger, "years": years, "year": year, "county": county}
    if ledger and not request.GET.get("format"):
        ctx["totals"] = ledger.totals
        ctx["chart"] = chart_rows(ledger.counties)
        ctx["filtered_by_mine"] = bool(_selected(filterset, "type") or _selected(filterset, "status"))
        if filterset.is_valid():
            ctx["mine_totals"] = _mine_totals(filterset.qs)
        ctx["over_quota_ids"] = over_quota_ids
    ctx["statuses"] = FundStatus
    return register_page(
        request,
        filterset=filterset,
        template="subsidies/closure_list.html",
        columns=mine_columns(over_quota_ids),
        title=title,
        ctx=ctx,
        per_page=MINES_PER_PAGE,
    )


def _mine_totals(queryset) -> dict:
    """Sums over every filtered mine (not only the page), in one query."""
    # Summed here rather than with aggregate(): Django drops the referenced
    # annotations from the aggregate's subquery and SQLite then sums a string.
    rows = list(queryset.order_by().values_list("entitlement", "paid"))
    entitlement = sum((cents(e) for e, _p in rows), ZERO)
    paid = sum((cents(p) for _e, p in rows), ZERO)
    return {"count": len(rows), "entitlement": entitlement, "paid": paid, "outstanding": entitlement - paid}


@pagemeta.page_meta(column=SUBSIDIES_COLUMN)
@require_safe
def closure_detail(request, pk: int):
    """One mine: its closure, entitlement, county context and every tranche with a running balance (5 queries)."""
    closure = get_object_or_404(closures_with_money(), pk=pk)
    payments = list(SubsidyPayment.objects.filter(closure=closure).select_related("reverses").order_by("paid_on", "id"))
    reversed_ids = {p.reverses_id for p in payments if p.reverses_id}
    running = ZERO
    entries = []
    for payment in payments:
        running += payment.amount
        entries.append(
            {
                "payment": payment,
                "running": running,
                "remaining": closure.entitlement - running,
                "is_reversed": payment.pk in reversed_ids,
            }
        )
    ledger = ledger_for_year(closure.scheme.year, county=closure.county, scheme=closure.scheme)
    county_row = ledger.counties[0] if ledger and ledger.counties else None
    mine_row = ledger.mines.get(closure.pk) if ledger else None
    ctx = {
        "closure": closure,
        "scheme": closure.scheme,
        "entries": entries,
        "county_row": county_row,
        "is_over_quota": bool(mine_row and mine_row.is_over_quota),
        "over_quota_rank": (
            [m.closure.pk for m in county_row.over_quota_mines].index(closure.pk) + 1
            if mine_row and mine_row.is_over_quota
            else None
        ),
    }
    return render(request, "subsidies/closure_detail.html", ctx)


@pagemeta.page_meta(column=SUBSIDIES_COLUMN)
@require_safe
def payment_list(request):
    """The whole ledger, reversals included, filterable and exportable (4 queries)."""
    years = scheme_years()
    queryset = SubsidyPayment.objects.published().order_by("-paid_on", "-id")
    filterset = SubsidyPaymentFilter(request.GET or None, queryset=queryset, years=years)
    if not filterset.is_bound:
        filterset = SubsidyPaymentFilter({}, queryset=queryset, years=years)
    return register_page(
        request,
        filterset=filterset,
        template="subsidies/payment_list.html",
        columns=PAYMENT_COLUMNS,
        title=_("煤矿关闭奖补资金拨付台账"),
        ctx={"years": years},
    )
