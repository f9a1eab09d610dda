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
    """Dotted names of each project app's `<stem>.py`, then its `*_<stem>.py`, in app order.

    How load_demo finds demo data (`demo`) and make bench its generators (`bench_data`).
    """
    from pathlib import Path

    from django.apps import apps

    from .roles import PROJECT_APPS

    names = []
    for app_label in PROJECT_APPS:
        folder = Path(apps.get_app_config(app_label).path)
        files = sorted(folder.glob(f"*_{stem}.py"))
        if (folder / f"{stem}.py").exists():
            files.insert(0, folder / f"{stem}.py")
        names += [f"{app_label}.{f.stem}" for f in files]
    return names
