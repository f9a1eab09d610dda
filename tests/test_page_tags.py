"""网页标签 (WEBSITE-STANDARDS.md §1) on every public page type, as an inspector's crawler reads them."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import resolve

from loudi_portal import pagemeta
from loudi_portal.identity import validate_site_code
from loudi_portal.models import BureauProfile

from .sitewalk import NOT_FOUND_URL, html_pages

pytestmark = pytest.mark.django_db

COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource")
# The record pages an inspector reads as articles: each must carry the article tags.
ARTICLE_PAGES = {"disclosure:notice-detail", "disclosure:notice-print", "disclosure:annual-report-detail"}


class _Meta(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "name" in a:
            self.tags.setdefault(a["name"], []).append(a.get("content", ""))


def meta_tags(html: str) -> dict[str, str]:
    """name -> content of the page's <meta name> elements (a name given twice fails)."""
    parser = _Meta()
    parser.feed(html)
    doubled = [name for name, values in parser.tags.items() if len(values) > 1]
    assert not doubled, f"meta tags given more than once: {doubled}"
    return {name: values[0] for name, values in parser.tags.items()}


@pytest.fixture
def pages(client, demo):
    return html_pages(client)


def test_every_page_names_the_site_its_domain_and_its_identification_code(pages):
    bureau = BureauProfile.current()
    domain = urlsplit(settings.SITE_URL).hostname
    assert len(pages) > 20
    for url, html in pages.items():
        tags = meta_tags(html)
        assert tags.get("SiteName") == bureau.site_name, url
        assert tags.get("SiteDomain") == domain, url
        validate_site_code(tags.get("SiteIDCode", ""))  # the demo's code is a valid 娄底 code


def test_every_page_declares_its_column_with_a_column_type_from_the_fixed_list(pages):
    for url, html in pages.items():
        if url == NOT_FOUND_URL:
            continue
        tags = meta_tags(html)
        missing = [name for name in COLUMN_TAGS if not tags.get(name)]
        assert not missing, f"{url} lacks {missing}"
        assert tags["ColumnType"] in pagemeta.COLUMN_TYPES, url


def test_record_pages_carry_title_publication_minute_and_source(pages):
    seen = set()
    for url, html in pages.items():
        if url == NOT_FOUND_URL:
            continue
        match = resolve(urlsplit(url).path)
        tags = meta_tags(html)
        declared = pagemeta.declared(match.func)
        if match.view_name in ARTICLE_PAGES:
            assert declared.article is not None, f"{match.view_name} declares no article"
        if declared.article is None:
            assert "ArticleTitle" not in tags, url
            continue
        seen.add(match.view_name)
        assert all(tags.get(name) for name in ARTICLE_TAGS), f"{url}: {tags}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", tags["PubDate"]), tags["PubDate"]
        assert tags["Url"].startswith(settings.SITE_URL), tags["Url"]
    assert ARTICLE_PAGES <= seen


def test_a_notice_page_shows_the_notice_title_and_its_publishing_office(client, demo):
    from disclosure.models import Notice

    notice = Notice.objects.published().order_by("-published_at").first()
    tags = meta_tags(client.get(notice.get_absolute_url()).content.decode())
    assert tags["ArticleTitle"] == notice.title
    assert tags["ContentSource"] == notice.source
    assert tags["ColumnType"] == "信息公开目录"


def test_the_not_found_page_still_names_the_site(client, demo):
    tags = meta_tags(client.get(NOT_FOUND_URL).content.decode())
    assert tags["SiteName"] == BureauProfile.current().site_name
    assert "ColumnName" not in tags


def test_a_column_type_outside_the_fixed_list_is_refused_when_declared():
    with pytest.raises(ValueError, match="ColumnType"):
        pagemeta.Column(name="新闻", description="新闻", keywords="新闻", type="新闻中心")
