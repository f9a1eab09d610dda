"""关怀版 (elder mode): entered and left by a link on every page, without JavaScript."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_offers_the_care_mode_in_its_top_bar(client):
    html = client.get("/about/").content.decode()
    assert 'href="/care-mode/on/?next=/about/"' in html
    assert "退出关怀版" not in html
    assert 'class="fs-medium"' in html


def test_entering_the_care_mode_sets_a_cookie_and_goes_back(client):
    response = client.get("/care-mode/on/", {"next": "/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    assert response.cookies["care_mode"].value == "on"
    assert response.cookies["care_mode"]["httponly"]


def test_in_care_mode_every_page_is_marked_and_offers_the_way_back(client):
    client.cookies["care_mode"] = "on"
    html = client.get("/about/").content.decode()
    assert 'class="fs-medium care"' in html
    assert 'href="/care-mode/off/?next=/about/"' in html
    assert "退出关怀版" in html


def test_leaving_the_care_mode_restores_the_standard_page(client):
    client.cookies["care_mode"] = "on"
    response = client.get("/care-mode/off/", {"next": "/about/"})
    assert response.cookies["care_mode"].value == "off"
    html = client.get("/about/").content.decode()
    assert " care" not in html.split(">", 2)[1]


def test_an_unknown_mode_or_a_foreign_next_changes_nothing(client):
    response = client.get("/care-mode/huge/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert "care_mode" not in response.cookies


def test_the_care_mode_gets_its_own_cached_copy(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    client.get("/about/")
    client.cookies["care_mode"] = "on"
    assert 'class="fs-medium care"' in client.get("/about/").content.decode()
