"""The sections /sitemap.xml is made of (the sitemaps.org protocol), for every app to build on.

/sitemap.xml is an index of the sections in `registry.sitemaps()`; each section is served as
`/sitemap-<key>.xml`, split into files of at most MAX_URLS_PER_FILE URLs (`?p=2`, ...), and
every URL carries a `lastmod`. Three shapes:

- `RecordSitemap`: one URL per public record that has a page of its own (a notice, a draw);
- `RegisterPagesSitemap`: the pages of a register whose rows have no page of their own
  (enterprises, penalties): page N of the public register, its `lastmod` the newest of the
  rows it shows;
- `PagesSitemap`: fixed pages (about, data), each dated by the records it shows.

A record's `lastmod` is the newest of its own date fields and its history (every tracked
model keeps one: a published correction changes the record without touching its dates).
Each file costs a fixed number of queries, whatever the number of records: the history date
is a correlated subquery, not a query per row. A section's newest change (the index's
`lastmod`, an aggregate over the section's history) is kept per content version
(`caching.per_content`), so the index and the home and data pages' dates ask each section
once per change of the site, not once per request.
"""

import math
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from .caching import per_content
from .listing import PER_PAGE, DeferredJoinPaginator

# sitemaps.org allows 50,000 URLs a file; at that size one file of notices or penalty pages took
# 10-20 s to build cold at the full data size (a worker held near its timeout, crawlers too). At
# 5,000 a file is about a second, and a million penalties still fit in ten files.
MAX_URLS_PER_FILE = 5_000
# A register page's lastmod reads its 20 rows and their history: 1,000 pages (20,000 rows) a file.
REGISTER_PAGES_PER_FILE = 1_000


def _aware(value):
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def newest(*values) -> datetime | None:
    """The latest of some dates and datetimes (None ignored), as an aware datetime."""
    found = [_aware(v) for v in values if v is not None]
    return max(found, default=None)


def history_model(model):
    """The historical model of a tracked model (django-simple-history), or None."""
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None)


class RecordSitemap(Sitemap):
    """One URL per public record, at its `get_absolute_url()`.

    Subclasses give `queryset()` (the public records, in a stable order), `date_fields` (the
    record's own dates that change what its page shows) and `url_fields` (what
    `get_absolute_url` reads), so a file is one count and one query.
    """

    limit = MAX_URLS_PER_FILE
    date_fields: tuple[str, ...] = ("published_at",)
    url_fields: tuple[str, ...] = ()
    use_history = True

    def queryset(self):
        raise NotImplementedError

    def _history_subquery(self, model):
        history = history_model(model) if self.use_history else None
        if history is None:
            return None
        return Subquery(history.objects.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1])

    def annotated(self):
        qs = self.queryset()
        if self.url_fields:
            qs = qs.only("pk", *self.url_fields, *self.date_fields)
        subquery = self._history_subquery(qs.model)
        return qs.annotate(history_lastmod=subquery) if subquery is not None else qs

    def items(self):
        return self.annotated()

    @property
    def paginator(self):
        """Django's paginator over the items, its count kept per content version (the index asks it
        for every section) and the items only fetched when a file is sliced from them."""
        return Paginator(_CountedItems(self), self.limit)

    def lastmod(self, item):
        return newest(getattr(item, "history_lastmod", None), *(getattr(item, f) for f in self.date_fields))

    def get_latest_lastmod(self):
        """The newest change in the section (two aggregate queries once per content version)."""
        return per_content(_lastmod_key(self), self._latest_lastmod)

    def _latest_lastmod(self):
        qs = self.queryset().order_by()
        dates = list(qs.aggregate(**{f"m_{f}": Max(f) for f in self.date_fields}).values())
        history = history_model(qs.model) if self.use_history else None
        if history is not None:
            dates.append(history.objects.filter(id__in=qs.values("pk")).aggregate(m=Max("history_date"))["m"])
        return newest(*dates)


class _CountedItems:
    """A section's items for Django's paginator: `count()` once per content version; a slice is
    taken from `items()` only when a file is served."""

    def __init__(self, sitemap: RecordSitemap):
        self.sitemap = sitemap

    def count(self) -> int:
        return per_content(f"{_lastmod_key(self.sitemap)}:count", lambda: _count(self.sitemap._items()))

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        return self.sitemap._items()[index]


def _count(items) -> int:
    return len(items) if isinstance(items, list) else items.count()  # a queryset or _RegisterPages


class _RegisterPages:
    """The pages of a register as a sequence the sitemap paginator slices: (page number, lastmod).

    `len()` is one count (kept per content version by `_CountedItems`); a slice of pages is two
    queries over exactly the rows they show (their ids, then their dates).
    """

    def __init__(self, sitemap: "RegisterPagesSitemap"):
        self.sitemap = sitemap
        self._count = None

    def count(self) -> int:
        if self._count is None:
            rows = self.sitemap.queryset().count()
            self._count = max(1, math.ceil(rows / self.sitemap.per_page))  # an empty register still has its page
        return self._count

    __len__ = count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self.count())
        per_page = self.sitemap.per_page
        qs = self.sitemap.annotated()
        fields = [
            *self.sitemap.date_fields,
            *(["history_lastmod"] if "history_lastmod" in qs.query.annotations else []),
        ]
        ids, dates = [], {}
        if fields:
            # Two queries: the slice's ids (the register's own order and index), then the dates of
            # those rows only. With the history subquery in the sliced query itself, PostgreSQL
            # ran it for every row the OFFSET skipped too (8 s for the last file of a million rows).
            # The ids come the way the register's own deep pages do (listing.DeferredJoinPaginator:
            # from the anchor at or before the file's first row), so the last file of a million
            # rows skips at most a thousand rows, not 980,000.
            paginator = DeferredJoinPaginator(self.sitemap.queryset(), per_page)
            ids = list(paginator.page_ids(start * per_page, stop * per_page))
            dates = {pk: rest for pk, *rest in qs.order_by().filter(pk__in=ids).values_list("pk", *fields)}
        pages = []
        for number in range(start + 1, stop + 1):
            chunk = ids[(number - 1 - start) * per_page : (number - start) * per_page]
            pages.append((number, newest(*(v for pk in chunk for v in dates.get(pk, ())))))
        return pages


class RegisterPagesSitemap(RecordSitemap):
    """The pages of a public register (`url_name`, `?page=N`), in the register's own order."""

    url_name: str = ""
    per_page = PER_PAGE
    limit = REGISTER_PAGES_PER_FILE

    def items(self):
        return _RegisterPages(self)

    def location(self, item):
        number, _lastmod = item
        url = reverse(self.url_name)
        return url if number == 1 else f"{url}?page={number}"

    def lastmod(self, item):
        number, lastmod = item
        return lastmod if lastmod is not None else self.get_latest_lastmod()


class PagesSitemap(Sitemap):
    """Fixed pages, each dated by what it shows: `pages` is [(url name, lastmod function)]."""

    limit = MAX_URLS_PER_FILE
    pages: list[tuple[str, Callable[[], Any]]] = []

    def items(self):
        """The pages and their dates, once per content version (the index counts them too)."""
        return per_content(f"{_lastmod_key(self)}:items", self._page_dates)

    def _page_dates(self):
        return [(reverse(name), newest(fn())) for name, fn in self.pages]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return newest(*(lastmod for _url, lastmod in self.items()))  # the same dates the file shows


def _lastmod_key(sitemap) -> str:
    kind = type(sitemap)
    return f"sitemap-lastmod:{kind.__module__}.{kind.__qualname__}"


def latest_change(*querysets, date_fields: tuple[str, ...] = ()) -> datetime | None:
    """The newest history date (and `date_fields`) over some querysets: what a page of them shows."""
    dates: list[date | datetime | None] = []
    for qs in querysets:
        qs = qs.order_by()
        if date_fields:
            dates.extend(qs.aggregate(**{f"m_{f}": Max(f) for f in date_fields}).values())
        history = history_model(qs.model)
        if history is not None:
            dates.append(history.objects.filter(id__in=qs.values("pk")).aggregate(m=Max("history_date"))["m"])
    return newest(*dates)


def _every_other_section() -> datetime | None:
    """The newest change anywhere in the sitemap: what the home page and /data/ show.

    About two aggregate queries per registered section, whatever the number of records.
    """
    from .registry import sitemaps

    def compute():
        sections = [s() if isinstance(s, type) else s for key, s in sitemaps().items() if key != SHELL_SECTION]
        return newest(*(s.get_latest_lastmod() for s in sections))

    return per_content("sitemap-lastmod:every-other-section", compute)


def _about_change() -> datetime | None:
    from .models import BureauProfile, Department, Leader

    return latest_change(BureauProfile.objects.all(), Department.objects.all(), Leader.objects.all())


SHELL_SECTION = "pages"


class ShellPagesSitemap(PagesSitemap):
    """The shell's own pages: the home page, 机构概况 and 开放数据."""

    changefreq = "daily"
    pages = [
        ("home", _every_other_section),
        ("about", _about_change),
        ("data", _every_other_section),
    ]

    def _page_dates(self):
        latest = _every_other_section()  # once for both pages that show everything
        return [(reverse("home"), latest), (reverse("about"), newest(_about_change())), (reverse("data"), latest)]
