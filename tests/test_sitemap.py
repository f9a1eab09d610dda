"""/sitemap.xml over the demo data: every public record type, each URL with a lastmod, files of at
most 5,000 URLs (the protocol allows 50,000), a fixed number of queries per file."""

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Every public record type, and the path (a regular expression) its URLs take in the sitemap.
RECORD_TYPES = {
    "notices": r"^/notices/\d+/$",
    "categories": r"^/notices/category/[\w-]+/$",
    "enterprises": r"^/enforcement/enterprises/$",
    "inspectors": r"^/enforcement/inspectors/$",
    "inspection plans": r"^/enforcement/plans/$",
    "draws": r"^/enforcement/draws/\d+/$",
    "inspections": r"^/enforcement/inspections/$",
    "hazards": r"^/enforcement/hazards/$",
    "penalties": r"^/enforcement/penalties/$",
    "closures": r"^/enforcement/closures/$",
    "disaster losses": r"^/relief/losses/$",
    "relief donations": r"^/relief/donations/$",
    "enforcement overview": r"^/enforcement/$",
    "mines": r"^/mine-closures/\d+/$",
    "mine ledger": r"^/mine-closures/$",
    "mine payments": r"^/mine-closures/payments/$",
    "service guides": r"^/approvals/[\w-]+/$",
    "results": r"^/approvals/results/\?q=.+$",
    "approval statistics": r"^/approvals/stats/$",
    "agencies": r"^/approvals/agencies/\d+/$",
    "budgets": r"^/budgets/$",
    "yearly reports": r"^/annual-reports/\d{4}/$",
    "website reports": r"^/website-reports/\d{4}/$",
    "published replies": r"^/interact/replies/\d+/$",
    "interact": r"^/interact/$",
    "disclosure guide": r"^/guide/$",
    "home": r"^/$",
    "about": r"^/about/$",
    "data": r"^/data/$",
}


def _path(loc: str) -> str:
    parts = urlsplit(loc)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _files(client) -> list[str]:
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ElementTree.fromstring(index.content)
    entries = root.findall("s:sitemap", NS)
    assert entries
    for entry in entries:
        assert entry.findtext("s:lastmod", namespaces=NS), ElementTree.tostring(entry)
    return [_path(e.findtext("s:loc", namespaces=NS)) for e in entries]


def _urls(client, file: str) -> list[tuple[str, str | None]]:
    response = client.get(file)
    assert response.status_code == 200, file
    root = ElementTree.fromstring(response.content)
    return [(_path(u.findtext("s:loc", namespaces=NS)), u.findtext("s:lastmod", namespaces=NS)) for u in root]


@pytest.fixture
def sitemap(demo, client):
    return {file: _urls(client, file) for file in _files(client)}


def test_sitemap_lists_every_public_record_type_each_url_with_a_lastmod(sitemap):
    urls = [url for entries in sitemap.values() for url in entries]
    missing = [kind for kind, pattern in RECORD_TYPES.items() if not any(re.match(pattern, p) for p, _ in urls)]
    assert not missing, f"record types absent from /sitemap.xml: {missing}"
    undated = [path for path, lastmod in urls if not lastmod]
    assert not undated, f"URLs without lastmod: {undated[:10]}"
    assert all(re.match(r"^\d{4}-\d{2}-\d{2}", lastmod) for _p, lastmod in urls)
    assert len({p for p, _ in urls}) == len(urls), "a URL is listed twice"


def test_every_sitemap_url_answers_200(sitemap, client):
    """One URL of each file, so a renamed page cannot leave dead links in the sitemap."""
    for file, entries in sitemap.items():
        path = entries[-1][0]
        assert client.get(path).status_code == 200, (file, path)


def test_sitemap_leaves_out_unpublished_records(demo, client):
    from disclosure.models import Notice

    drafts = Notice.objects.exclude(pk__in=Notice.objects.published().values("pk"))
    paths = {p for file in _files(client) for p, _ in _urls(client, file)}
    for draft in drafts:
        assert draft.get_absolute_url() not in paths


def test_each_sitemap_file_costs_a_fixed_number_of_queries(demo, client, django_assert_max_num_queries):
    """A file of records: a count and one query (history dates are a subquery), whatever the
    number of records. A file of fixed pages: a few aggregates per page; the shell's home and /data/
    are dated by the newest change anywhere (a few aggregates per section)."""
    from loudi_portal.registry import sitemaps
    from loudi_portal.sitemaps import PagesSitemap, ShellPagesSitemap

    for file in _files(client):
        section = sitemaps()[re.match(r"/sitemap-(.+)\.xml", file).group(1)]
        if section is ShellPagesSitemap:
            most = 4 * len(sitemaps())
        elif issubclass(section, PagesSitemap):
            most = 6 * len(section.pages)
        else:
            most = 4
        with django_assert_max_num_queries(most, info=file):
            client.get(file)


def test_a_register_is_split_into_files_and_pages_each_row_once(demo, client, monkeypatch):
    from enforcement.models import Penalty
    from enforcement.sitemaps import PenaltySitemap
    from loudi_portal.sitemaps import REGISTER_PAGES_PER_FILE

    assert PenaltySitemap.limit == REGISTER_PAGES_PER_FILE == 1_000
    monkeypatch.setattr(PenaltySitemap, "per_page", 1)
    monkeypatch.setattr(PenaltySitemap, "limit", 2)
    files = [f for f in _files(client) if f.startswith("/sitemap-penalties.xml")]
    count = Penalty.objects.public().count()
    assert len(files) == -(-count // 2) and count > 2
    paths = [p for f in files for p, _ in _urls(client, f)]
    assert paths == ["/enforcement/penalties/"] + [f"/enforcement/penalties/?page={n}" for n in range(2, count + 1)]


def test_deep_register_files_start_from_the_lists_anchors_and_list_the_same_pages(
    demo, client, monkeypatch, django_assert_max_num_queries
):
    """A register's later sitemap files read their ids from the list's anchors (the sort key of
    every N-th row) instead of an OFFSET over every earlier row; the pages and their dates are
    the same as the plain slice gives."""
    from enforcement.models import Penalty
    from enforcement.sitemaps import PenaltySitemap
    from loudi_portal import listing

    monkeypatch.setattr(PenaltySitemap, "per_page", 1)
    monkeypatch.setattr(PenaltySitemap, "limit", 3)
    count = Penalty.objects.public().count()
    assert count > 6

    def listed(tag):
        files = [f for f in _files(client) if f.startswith("/sitemap-penalties.xml")]
        return [item for f in files for item in _urls(client, f"{f}{'&' if '?' in f else '?'}{tag}")]

    plain = listed("plain=1")
    anchored_slices = []
    real = listing.DeferredJoinPaginator._from_anchor

    def spy(self, ids, bottom, top):
        result = real(self, ids, bottom, top)
        anchored_slices.append((bottom, result is not None))
        return result

    monkeypatch.setattr(listing.DeferredJoinPaginator, "anchor_every", 2)
    monkeypatch.setattr(listing.DeferredJoinPaginator, "_from_anchor", spy)
    assert listed("anchored=1") == plain
    assert anchored_slices and all(used for _bottom, used in anchored_slices)


def test_the_index_asks_each_section_once_per_change_and_shows_a_correction(
    demo, client, django_assert_max_num_queries
):
    """Each section's newest change is an aggregate over its history: the index asks it once per
    content version (another URL of the index, a page-cache miss, asks nothing again), and a
    published change moves the version, so the next index carries the new date."""
    from disclosure.models import Notice

    def notices_lastmod(path):
        root = ElementTree.fromstring(client.get(path).content)
        return next(
            e.findtext("s:lastmod", namespaces=NS)
            for e in root
            if _path(e.findtext("s:loc", namespaces=NS)) == "/sitemap-notices.xml"
        )

    before = notices_lastmod("/sitemap.xml")
    with django_assert_max_num_queries(2, info="the second index asks no section again"):
        client.get("/sitemap.xml?again=1")
    notice = Notice.objects.published().order_by("published_at").first()
    Notice.objects.filter(pk=notice.pk).update(published_at=notice.published_at)  # no signal: the version stays
    notice.save()  # a tracked save: a new history row, the content version moves on
    after = notices_lastmod("/sitemap.xml?after=1")
    assert after > before
