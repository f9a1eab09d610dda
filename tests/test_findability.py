"""Every part of the portal can be found: each public URL pattern is at most two clicks (links)
from the home page or from the 网站地图, and each catalogue category with a structured register
links to it (预算决算 -> /budgets/, 政务公开年报 -> /annual-reports/, ...)."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve

from .sitewalk import example_urls, public_patterns

# Patterns no citizen clicks to: machine endpoints and what a page embeds rather than links.
NOT_CLICKED = {
    "robots-txt": "read by crawlers",
    "favicon": "what a browser asks for by itself",
    "healthz": "the load balancer's health check",
    "sitemap-section": "the files of /sitemap.xml, linked from its index (tests/test_sitemap.py)",
    "disclosure:notice-qr": "the QR code image on a notice's page",
    "inforequests:apply-sent": "where the request form goes after a submission",
}
# Files of a record: one click from the record's page, which must itself be within two clicks
# (checked below on the example record of tests/public_urls.py that has such a file).
FILES_OF = {
    "disclosure:notice-attachment": "disclosure:notice-detail",
    "enforcement:draw-data": "enforcement:draw-detail",
}
START = ("/", "/sitemap/")
CLICKS = 2


class _Links(HTMLParser):
    """The links a reader can click: <a href> in the body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        href = dict(attrs).get("href")
        if tag == "a" and href and self.in_body:
            self.hrefs.append(href)


def _links(client, url: str) -> list[str]:
    response = client.get(url)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    parser = _Links()
    parser.feed(response.content.decode())
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin(url, href))
        if parts.scheme in ("", "http") and parts.netloc in ("", "testserver") and not href.startswith("#"):
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _pattern_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, start: str, clicks: int) -> dict[str, str]:
    """pattern name -> the first URL of it found within `clicks` links of `start`."""
    reached, frontier, fetched = {}, [start], set()
    reached[_pattern_name(start)] = start
    for _ in range(clicks):
        following = []
        for url in frontier:
            path = urlsplit(url).path
            if path in fetched:
                continue  # one page per path: filtered views of a register have the same links
            fetched.add(path)
            for link in _links(client, url):
                name = _pattern_name(link)
                if name and name not in reached:
                    reached[name] = link
                    following.append(link)
                elif name and urlsplit(link).path not in fetched:
                    following.append(link)
        frontier = following
    return reached


def test_every_public_url_pattern_is_within_two_clicks_of_the_home_page_or_the_site_map(client, demo):
    reached = {}
    for start in START:
        reached.update(crawl(client, start, CLICKS))
    wanted = {p.name for p in public_patterns()} - set(NOT_CLICKED) - set(FILES_OF)
    missing = sorted(wanted - set(reached))
    assert not missing, f"not reachable in {CLICKS} clicks from {START}: {missing}"
    examples = example_urls()
    for file_pattern, page_pattern in FILES_OF.items():
        assert page_pattern in reached, page_pattern
        pages_with_file = [
            url
            for url in examples[page_pattern]
            if any(_pattern_name(link) == file_pattern for link in _links(client, url))
        ]
        assert pages_with_file, f"no {page_pattern} example links to a {file_pattern}"


def test_the_site_map_is_one_click_from_the_home_page(client, demo):
    assert "/sitemap/" in _links(client, "/")


def test_catalogue_categories_link_to_their_registers(client, demo):
    expected = {
        "/notices/category/budgets/": ["/budgets/"],
        "/notices/category/finance/": ["/mine-closures/", "/mine-closures/payments/"],
        "/notices/category/annual-reports/": ["/annual-reports/", "/website-reports/"],
        "/notices/category/licensing/": [
            "/approvals/",
            "/approvals/results/",
            "/approvals/stats/",
            "/approvals/agencies/",
        ],
        "/notices/category/penalties/": ["/enforcement/penalties/"],
        "/notices/category/inspections/": ["/enforcement/plans/", "/enforcement/inspections/"],
        "/notices/": ["/data/"],
    }
    for page, registers in expected.items():
        html = client.get(page).content.decode()
        assert "数据查询" in html, page
        for register in registers:
            assert f'href="{register}"' in html, (page, register)


def test_a_yearly_report_notice_links_to_its_structured_report(client, demo):
    from disclosure.models import AnnualReport, Notice

    notice = Notice.objects.published().get(title__contains="2019年政府信息公开工作年度报告")
    assert AnnualReport.objects.published().filter(year=2019).exists()
    html = client.get(notice.get_absolute_url()).content.decode()
    assert 'href="/annual-reports/2019/"' in html
    assert "2019年度报告的结构化版本" in html
    # A notice in 预算决算 points to the budget tables.
    budget_notice = Notice.objects.published().filter(category__slug="budgets").first()
    if budget_notice is not None:
        assert 'href="/budgets/"' in client.get(budget_notice.get_absolute_url()).content.decode()
