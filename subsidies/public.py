"""How the closure subsidy ledger plugs into the shared pages: home, search, datasets, roles.

Called once from `SubsidiesConfig.ready()`.
"""

from django.utils.translation import gettext_lazy as _

from loudi_portal import registry


def latest_closures(n: int) -> list[registry.Item]:
    """The most recently closed mines (one query)."""
    from .models import MineClosure

    rows = MineClosure.objects.published().order_by("-closed_on", "-id")[:n]
    return [
        registry.Item(
            title=_("%(mine)s关闭（%(county)s）") % {"mine": c.mine_name, "county": c.get_county_display()},
            url=c.get_absolute_url(),
            when=c.closed_on,
            label=str(_("煤矿关闭奖补")),
        )
        for c in rows
    ]


# home.html tests `section.latest` for truth; without this the template engine
# would call it with no argument, fail silently and hide the 更多 link.
latest_closures.do_not_call_in_templates = True


def search_closures(query: str, limit: int) -> tuple[int, list[registry.Item]]:
    """Mines by mine or enterprise name, decision number or credit code (two queries)."""
    from django.db.models import Q

    from .models import MineClosure

    rows = MineClosure.objects.published().filter(
        Q(mine_name__icontains=query)
        | Q(enterprise_name__icontains=query)
        | Q(decision_no__icontains=query)
        | Q(enterprise_credit_code__iexact=query)
    )
    items = [
        registry.Item(
            title=c.mine_name,
            url=c.get_absolute_url(),
            when=c.closed_on,
            label=str(_("煤矿关闭奖补")),
            snippet=f"{c.enterprise_name} · {c.get_county_display()} · {c.get_mine_type_display()}",
        )
        for c in rows.order_by("-closed_on", "-id")[:limit]
    ]
    return rows.count(), items


def _closures():
    from .services import closures_with_money
    from .views import MINE_ORDER

    return closures_with_money().order_by("scheme__year", *MINE_ORDER)


def _payments():
    from .models import SubsidyPayment

    return SubsidyPayment.objects.published().order_by("paid_on", "id")


def _closure_columns():
    from .views import mine_columns

    # Over-quota depends on a whole year's order: the page and its export say it; the dataset omits it.
    return [c for c in mine_columns(set()) if c.key != "is_over_quota"]


def connect() -> None:
    from .permissions import register_roles
    from .sitemaps import SITEMAPS
    from .views import PAYMENT_COLUMNS

    register_roles()
    for label, url_name, order in (
        (_("关闭煤矿及奖补资金到位情况"), "subsidies:closure-list", 40),
        (_("煤矿关闭奖补资金拨付台账"), "subsidies:payment-list", 41),
    ):
        registry.register_category_link("finance", registry.CategoryLink(label, url_name, order=order))
    for key, sitemap in SITEMAPS.items():
        registry.register_sitemap(key, sitemap)
    registry.register_home_section(
        registry.HomeSection(
            key="mine_closures",
            title=_("煤矿关闭奖补"),
            more_url_name="subsidies:closure-list",
            empty_text=_("暂无煤矿关闭奖补信息。"),
            order=40,
            latest=latest_closures,
        )
    )
    registry.register_search_source(
        registry.SearchSource(
            key="mine_closures",
            label=str(_("煤矿关闭奖补")),
            search=search_closures,
            order=40,
            more_url_name="subsidies:closure-list",
        )
    )
    registry.register_dataset(
        registry.Dataset(
            key="mine_closures",
            title=str(_("关闭煤矿及奖补资金到位情况")),
            description=str(_("每处关闭煤矿的关闭时间、依据方案、应拨奖补资金、已拨付金额、未拨付金额和到位情况。")),
            url_name="subsidies:closure-list",
            columns=_closure_columns(),
            public=_closures,
            everything=_closures,
            order=40,
        )
    )
    registry.register_dataset(
        registry.Dataset(
            key="subsidy_payments",
            title=str(_("煤矿关闭奖补资金拨付台账")),
            description=str(_("逐笔拨付记录（含冲正记录及原因、超额拨付说明），按拨付日期排序。")),
            url_name="subsidies:payment-list",
            columns=PAYMENT_COLUMNS,
            public=_payments,
            everything=_payments,
            order=41,
        )
    )
