"""The 大/中/小 switch works with plain links and a cookie, no JavaScript."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_offers_the_three_sizes_with_medium_current(client):
    html = client.get("/about/").content.decode()
    assert 'class="fs-medium"' in html
    for size in ["large", "medium", "small"]:
        assert f'href="/font-size/{size}/?next=/about/"' in html
    assert 'aria-current="true" class="current">' in html


def test_choosing_large_goes_back_and_is_remembered_on_other_pages(client):
    response = client.get("/font-size/large/", {"next": "/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    assert response.cookies["font_size"].value == "large"
    assert response.cookies["font_size"]["httponly"]
    # The next pages, any of them, render large.
    assert 'class="fs-large"' in client.get("/").content.decode()
    assert 'class="fs-large"' in client.get("/search/").content.decode()


def test_next_pointing_to_another_site_goes_home_instead(client):
    response = client.get("/font-size/small/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_unknown_size_changes_nothing(client):
    response = client.get("/font-size/huge/", {"next": "/about/"})
    assert response.status_code == 302
    assert "font_size" not in response.cookies
    client.cookies["font_size"] = "<huge>"
    assert 'class="fs-medium"' in client.get("/").content.decode()
