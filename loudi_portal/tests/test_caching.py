"""Public pages are served from the cache, a change shows at once, and nothing personal is cached."""

from unittest import mock

import pytest

from loudi_portal.models import Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    settings.PUBLIC_CACHE_SECONDS = 60


def test_second_anonymous_visit_runs_no_query(client, cached, django_assert_num_queries):
    client.get("/about/")
    with django_assert_num_queries(0):
        response = client.get("/about/")
    assert response.status_code == 200
    assert "娄底市应急管理局" in response.content.decode()
    assert response["Cache-Control"] == "public, max-age=10"
    assert "Cookie" in response["Vary"]


@pytest.mark.parametrize("path", ["/", "/notices/", "/enforcement/penalties/", "/search/?q=煤矿", "/sitemap/"])
def test_every_public_page_is_served_from_the_cache(client, cached, django_assert_num_queries, path):
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_matching_if_none_match_gets_304(client, cached):
    first = client.get("/about/")
    etag = first["ETag"]
    assert etag.startswith('"') and first["Last-Modified"]
    not_modified = client.get("/about/", headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert client.get("/about/", headers={"if-none-match": '"something-else"'}).status_code == 200


def test_304_also_without_the_page_cache(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    etag = client.get("/about/")["ETag"]
    assert client.get("/about/", headers={"if-none-match": etag}).status_code == 304


def test_a_change_gives_a_new_etag(client, cached):
    etag = client.get("/about/")["ETag"]
    Department.objects.create(name="新设科室")
    response = client.get("/about/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "新设科室" in response.content.decode()
    assert response["ETag"] != etag


def test_font_size_gets_its_own_cached_copy(client, cached):
    client.get("/about/")
    client.cookies["font_size"] = "large"
    assert 'class="fs-large"' in client.get("/about/").content.decode()


def test_staff_never_get_the_cached_public_copy(client, cached, editor):
    client.get("/about/")
    client.force_login(editor)
    response = client.get("/about/")
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


@pytest.mark.parametrize("path", ["/approvals/track/", "/apply/track/", "/interact/error/", "/apply/"])
def test_forms_with_a_csrf_token_are_never_cached(client, cached, path):
    first = client.get(path)
    assert first.status_code == 200
    assert "csrfmiddlewaretoken" in first.content.decode()
    assert first["Cache-Control"] == "private, no-store"
    again = client.get(path)
    assert again["Cache-Control"] == "private, no-store"
    assert "ETag" not in again


def test_tracking_results_are_never_cached(client, cached):
    response = client.post("/approvals/track/", {"reference": "LDYJ-2026-00001", "code": "000000"})
    assert response["Cache-Control"] == "private, no-store"


def test_the_back_office_and_the_health_check_are_never_cached(client, cached, editor):
    assert client.get("/healthz/")["Cache-Control"] == "private, no-store"
    client.force_login(editor)
    assert "no-store" in client.get("/admin/")["Cache-Control"]


def test_a_placeholder_typed_into_the_search_counts_nothing(client, cached):
    response = client.get("/search/", {"q": "\u2063live:notice-views:1\u2063"})
    assert response.status_code == 200
    assert "live:notice-views:1" in response.content.decode()


def test_a_public_request_reads_the_content_version_once_and_a_write_in_it_moves_it_on(rf):
    """The version is remembered for one GET (page, counts, fragments) and forgotten by any write."""
    from django.http import HttpResponse

    from loudi_portal import caching

    seen = []

    def view(request):
        seen.append(caching.content_version())
        with mock.patch.object(caching.cache, "get_many", side_effect=AssertionError("read again")):
            seen.append(caching.content_version())
        Department.objects.create(name="应急指挥中心")
        seen.append(caching.content_version())
        return HttpResponse("ok")

    caching.PublicPageCacheMiddleware(view)(rf.get("/about/"))
    assert seen[0] == seen[1] < seen[2]
    assert caching.content_version() == seen[2]
