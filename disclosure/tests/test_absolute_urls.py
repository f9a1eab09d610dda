"""Every absolute URL the notices give out comes from SITE_URL, whatever Host or scheme the
request came with: sitemap index and sections, Atom feeds (links and ids), exports."""

import pytest

pytestmark = pytest.mark.django_db

SITE = "https://yjj.loudi.gov.cn"
FORGED = {"HTTP_HOST": "localhost:6666"}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]


@pytest.mark.parametrize(
    "path",
    ["/sitemap.xml", "/sitemap-notices.xml", "/sitemap-notice-categories.xml", "/notices/feed/",
     "/notices/category/announcements/feed/"],
)  # fmt: skip
def test_sitemaps_and_feeds_never_show_the_requests_host(client, published, path):
    body = client.get(path, **FORGED).content.decode()
    assert "localhost:6666" not in body
    assert "localhost" not in body and "testserver" not in body and "http://yjj" not in body
    assert SITE + "/" in body


def test_feed_ids_are_the_same_whatever_host_or_scheme_the_request_used(client, published):
    plain = client.get("/notices/feed/", **FORGED).content
    secure = client.get("/notices/feed/", secure=True, HTTP_HOST="yjj.loudi.gov.cn").content
    assert plain.replace(b"\n", b"").split(b"<updated>")[0] == secure.replace(b"\n", b"").split(b"<updated>")[0]
    assert f"<id>{SITE}{published.get_absolute_url()}</id>".encode() in plain


def test_the_notice_export_links_to_site_url(client, published):
    response = client.get("/notices/?format=csv", **FORGED)
    csv = b"".join(response.streaming_content).decode("utf-8-sig")
    assert SITE + published.get_absolute_url() in csv and "localhost:6666" not in csv


def test_every_sitemap_section_and_robots_txt_use_site_url_under_a_forged_host(client, published):
    """Every section of every app (registers, guides, mines, relief …), not only the notices'."""
    import re

    index = client.get("/sitemap.xml", **FORGED).content.decode()
    files = re.findall(r"<loc>([^<]+)</loc>", index)
    assert len(files) > 5 and all(f.startswith(SITE + "/sitemap-") for f in files), files
    for file in files:
        body = client.get(file.removeprefix(SITE), **FORGED).content.decode()
        locations = re.findall(r"<loc>([^<]+)</loc>", body)
        assert all(loc.startswith(SITE + "/") for loc in locations), (file, locations[:3])
        assert "localhost" not in body, file
    robots = client.get("/robots.txt", **FORGED).content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots and "localhost" not in robots
