"""Public pages are served from the cache, and a change shows at once."""

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
    assert "max-age=60" in response["Cache-Control"]


def test_a_saved_record_is_visible_immediately(client, cached):
    client.get("/about/")
    Department.objects.create(name="新设科室")
    assert "新设科室" in client.get("/about/").content.decode()


def test_font_size_gets_its_own_cached_copy(client, cached):
    client.get("/about/")
    client.cookies["font_size"] = "large"
    assert 'class="fs-large"' in client.get("/about/").content.decode()


def test_staff_never_get_the_cached_public_copy(client, cached, editor):
    client.get("/about/")
    client.force_login(editor)
    assert "max-age" not in client.get("/about/").get("Cache-Control", "")
