"""Where the apps plug their content into the shared pages.

The home page shows the latest items of each part of the portal, and the
site search looks through every register. Each app registers its providers
in its `AppConfig.ready()`; the shared pages never import app models.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


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


_home_sections: dict[str, HomeSection] = {}
_datasets: dict[str, Dataset] = {}
_search_sources: dict[str, SearchSource] = {}


def register_home_section(section: HomeSection) -> None:
    _home_sections[section.key] = section


def home_sections() -> list[HomeSection]:
    return sorted(_home_sections.values(), key=lambda s: (s.order, s.key))


def register_search_source(source: SearchSource) -> None:
    _search_sources[source.key] = source


def search_sources() -> list[SearchSource]:
    return sorted(_search_sources.values(), key=lambda s: (s.order, s.key))


def register_dataset(dataset: Dataset) -> None:
    _datasets[dataset.key] = dataset


def datasets() -> list[Dataset]:
    return sorted(_datasets.values(), key=lambda d: (d.order, d.key))


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
