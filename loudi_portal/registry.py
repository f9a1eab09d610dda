"""Where the apps plug their content into the shared pages.

The home page shows the latest items of each part of the portal, and the
site search looks through every register. Each app registers its providers
in its `AppConfig.ready()`; the shared pages never import app models.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext_lazy

from . import field_standards


@dataclass(frozen=True)
class Item:
    """One line in a list of links: what the home page and search results show."""

    title: str
    url: str
    when: date | datetime | None = None
    label: str = ""
    snippet: str = ""


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: str
    more_url_name: str
    empty_text: str
    order: int = 100
    # latest(n) -> list[Item]; None while the part of the portal does not exist yet.
    latest: Callable[[int], list[Item]] | None = None


@dataclass
class SearchSource:
    key: str
    label: str
    # search(query, limit) -> (total, list[Item])
    search: Callable[[str, int], tuple[int, list[Item]]]
    order: int = 100
    extra: dict = field(default_factory=dict)
    # The register that lists every match: its page filtered by ?q= (the "查看全部 N 条" link).
    more_url_name: str = ""


@dataclass(frozen=True)
class Dataset:
    """A register offered for download on /data/ and to auditors.

    `public` returns the published rows in the public page's order; `everything`
    returns every row, unpublished and withdrawn included (auditors only).
    """

    key: str
    title: str
    description: str
    url_name: str  # the public register page, which answers ?format=csv|xlsx|json
    columns: list  # list[loudi_portal.exports.Column]
    public: Callable[[], Any]
    everything: Callable[[], Any]
    update_frequency: str = "实时更新"
    order: int = 100
    # The standard or rule that fields without their own `Column.standard` come from (/data/).
    standard: str = ""

    def field_standard(self, column) -> str:
        """The standard the field comes from (loudi_portal.field_standards); 本局自定 where none does."""
        return field_standards.standard_for(self, column)


_home_sections: dict[str, HomeSection] = {}
_datasets: dict[str, Dataset] = {}
_search_sources: dict[str, SearchSource] = {}


def register_home_section(section: HomeSection) -> None:
    _home_sections[section.key] = section


def home_sections() -> list[HomeSection]:
    return sorted(_home_sections.values(), key=lambda s: (s.order, s.key))


# A register's group in the site search counts its matches up to this, then says "more than".
SEARCH_COUNT_CAP = 1000


def capped_total(queryset, shown: int, limit: int) -> int:
    """The matches of a search source: exact up to SEARCH_COUNT_CAP, else SEARCH_COUNT_CAP + 1.

    A common word matches half a million penalties, and counting them all takes seconds;
    the group shows five and links to the register, which counts exactly (and caches it).
    """
    if shown < limit:
        return shown
    return queryset.order_by()[: SEARCH_COUNT_CAP + 1].count()  # any 1,001 matches: no sort


def register_search_source(source: SearchSource) -> None:
    _search_sources[source.key] = source


def search_sources() -> list[SearchSource]:
    return sorted(_search_sources.values(), key=lambda s: (s.order, s.key))


def register_dataset(dataset: Dataset) -> None:
    _datasets[dataset.key] = dataset


def datasets() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda d: (d.order, d.key))


# Catalogue categories whose records also live in a structured register (预算决算 -> /budgets/,
# 政务公开年报 -> /annual-reports/, 行政许可 -> the service guides, ...): the category's page and
# its notices link there, so a register is one click from its category. The key "" is the
# catalogue's root (全部信息), e.g. open data.


@dataclass(frozen=True)
class CategoryLink:
    label: str
    url_name: str
    description: str = ""
    order: int = 100


_category_links: dict[str, list[CategoryLink]] = {}


def register_category_link(slug: str, link: CategoryLink) -> None:
    links = _category_links.setdefault(slug, [])
    if link not in links:
        links.append(link)


def category_links(*slugs: str) -> list[CategoryLink]:
    """The register links of these categories, in order, each once."""
    found = []
    for slug in slugs:
        for link in _category_links.get(slug, []):
            if link not in found:
                found.append(link)
    return sorted(found, key=lambda link: link.order)


# The 网站地图 (/sitemap/): groups of links an app adds beside the sections and registers,
# e.g. the catalogue's categories. links() -> [(label, url, depth)], depth 0 for top level.


@dataclass(frozen=True)
class SiteMapGroup:
    key: str
    title: str
    links: Callable[[], list[tuple[str, str, int]]]
    order: int = 100


_site_map_groups: dict[str, SiteMapGroup] = {}


def register_site_map_group(group: SiteMapGroup) -> None:
    _site_map_groups[group.key] = group


def site_map_groups() -> list[SiteMapGroup]:
    return sorted(_site_map_groups.values(), key=lambda g: (g.order, g.key))


# Sitemaps: each app adds its own sections; /sitemap.xml serves this dict as it is at request time.
_sitemaps: dict = {}


def register_sitemap(key: str, sitemap) -> None:
    _sitemaps[key] = sitemap


def sitemaps() -> dict:
    return _sitemaps


def app_modules(stem: str) -> list[str]:
    """Dotted names of each project app's `<stem>` module (`demo`, `bench_data`), in PROJECT_APPS order.

    How load_demo finds demo data (`demo`) and make bench its generators (`bench_data`).
    """
    from importlib.util import find_spec

    from .roles import PROJECT_APPS

    return [f"{app}.{stem}" for app in PROJECT_APPS if find_spec(f"{app}.{stem}") is not None]


# The yearly report's tables that other registers fill: Table 二 rows, one provider each
# (provider(year) -> {column: number}), and Table 三 (the information requests), one provider
# (provider(year) -> the table's dict). disclosure reads them; it never imports the registers.
TABLE2_ROWS = ("rules", "normative", "licensing", "penalty", "coercion", "fees")
_table2_providers: dict[str, Callable[[int], dict]] = {}
_table3_provider: list[Callable[[int], dict]] = []


def register_table2_provider(row: str, provider: Callable[[int], dict]) -> None:
    """Let a register supply one Table 二 row: provider(year) -> {column: number}."""
    if row not in TABLE2_ROWS:
        raise ValueError(f"unknown Table 二 row {row!r}; use one of {list(TABLE2_ROWS)}")
    _table2_providers[str(row)] = provider


def table2_providers() -> dict:
    return dict(_table2_providers)


def register_table3_provider(provider: Callable[[int], dict]) -> None:
    """The information requests' Table 三: provider(year) -> the table (one provider)."""
    _table3_provider[:] = [provider]


def table3_provider() -> Callable[[int], dict] | None:
    return _table3_provider[0] if _table3_provider else None


# Work a process should do once, before it serves (gunicorn's master preloads the WSGI
# module): e.g. loading the Chinese segmenter's dictionary. Apps add them in ready().
_preloads: list[Callable[[], Any]] = []


def register_preload(fn: Callable[[], Any]) -> None:
    if fn not in _preloads:
        _preloads.append(fn)


def preload() -> None:
    for fn in _preloads:
        fn()


# --- Work queues on the back office's home page ------------------------------------------
# Each app tells a staff member what is waiting for them: a provider(user, today) returns
# `QueueRow`s, each in one section of the home page, with a link to the filtered admin list.
# Providers check the user's rights themselves and return [] when the user has none; they
# keep to a query or two each (the home page runs every provider on every visit).


@dataclass(frozen=True)
class QueueItem:
    """One record named in a queue row, e.g. a returned draft and the reviewer's reason."""

    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class QueueRow:
    section: str  # a key of work_queue_sections()
    label: str  # what is waiting, e.g. "公开信息"
    count: int
    url: str  # the admin list filtered to exactly these records
    overdue: int = 0  # of `count`, how many are past their deadline (deadline rows)
    items: tuple[QueueItem, ...] = ()
    order: int = 100


@dataclass(frozen=True)
class QueueSection:
    key: str
    title: str
    empty_text: str
    order: int = 100
    shown_when_empty: bool = False  # the lifecycle's sections say "nothing waiting"; others hide


@dataclass(frozen=True)
class WorkQueueProvider:
    key: str
    rows: Callable[[Any, date], list[QueueRow]]
    order: int = 100


_queue_sections: dict[str, QueueSection] = {}
_work_queues: dict[str, WorkQueueProvider] = {}


def register_queue_section(section: QueueSection) -> None:
    _queue_sections[section.key] = section


def work_queue_sections() -> list[QueueSection]:
    return sorted(_queue_sections.values(), key=lambda s: (s.order, s.key))


def register_work_queue(provider: WorkQueueProvider) -> None:
    """Add (or replace, by key) a work-queue provider: provider.rows(user, today) -> [QueueRow]."""
    _work_queues[provider.key] = provider


def work_queue_providers() -> list[WorkQueueProvider]:
    return sorted(_work_queues.values(), key=lambda p: (p.order, p.key))


for _key, _title, _empty, _order, _shown in [
    ("review", gettext_lazy("待我审核"), gettext_lazy("没有等待您审核的内容。"), 10, True),
    ("returned", gettext_lazy("被退回"), gettext_lazy("没有被退回给您修改的草稿。"), 20, True),
    ("incoming", gettext_lazy("新收待办"), gettext_lazy("没有新收到、待登记的事项。"), 25, False),
    (
        "deadlines",
        gettext_lazy("临近期限和已逾期（3 个工作日内）"),
        gettext_lazy("没有 3 个工作日内到期或已逾期的事项。"),
        30,
        True,
    ),
]:
    register_queue_section(
        QueueSection(key=_key, title=_title, empty_text=_empty, order=_order, shown_when_empty=_shown)
    )


# One-click links on the back office's home page to pages that are not a model's list
# (the auditors' export, the obligations board), shown to those holding `permission`.
@dataclass(frozen=True)
class AdminShortcut:
    key: str
    title: str
    url_name: str
    permission: str  # "app_label.codename"
    description: str = ""
    order: int = 100


_admin_shortcuts: dict[str, AdminShortcut] = {}


def register_admin_shortcut(shortcut: AdminShortcut) -> None:
    _admin_shortcuts[shortcut.key] = shortcut


def admin_shortcuts() -> list[AdminShortcut]:
    return sorted(_admin_shortcuts.values(), key=lambda s: (s.order, s.key))


# Live numbers on cached pages (the notice page's 浏览量): a page renders
# `caching.live_value(name, key)` and every response, cached or not, gets the
# placeholder replaced by counter(key). A counter must be exact and cheap (one query).
_live_counters: dict[str, Callable[[str], int]] = {}


def register_live_counter(name: str, counter: Callable[[str], int]) -> None:
    _live_counters[name] = counter


def live_counter(name: str) -> Callable[[str], int]:
    return _live_counters[name]


# The 政府网站工作年度报表 (国办函〔2018〕12号): each register supplies its figures of a year,
# provider(year) -> {key: number}; disclosure builds the 报表 from them and never imports the registers.
_website_report_providers: dict[str, Callable[[int], dict]] = {}


def register_website_report_provider(key: str, provider: Callable[[int], dict]) -> None:
    _website_report_providers[key] = provider


def website_report_figures(year: int) -> dict[str, dict]:
    """{provider key: its figures of `year`} from every registered provider."""
    return {key: provider(year) for key, provider in sorted(_website_report_providers.items())}


# Notices shown in a prominent place at the top of the home page (首页显著位置), e.g. the
# 年度报表 in January: provider(today) -> list[Item], empty when there is nothing to show.
_home_notices: dict[str, Callable[[date], list[Item]]] = {}


def register_home_notice(key: str, provider: Callable[[date], list[Item]]) -> None:
    _home_notices[key] = provider


def home_notices(today: date) -> list[Item]:
    return [item for _key, provider in sorted(_home_notices.items()) for item in provider(today)]
