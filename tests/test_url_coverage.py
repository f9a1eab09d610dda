"""Every public URL pattern has an example URL, so every site-wide check covers it."""

import pytest
from django.urls import Resolver404, resolve

from . import public_urls
from .sitewalk import example_urls, public_patterns

pytestmark = pytest.mark.django_db


def test_every_public_url_pattern_has_an_example_in_public_urls():
    missing = [f"{p.name} (/{p.route})" for p in public_patterns() if p.name not in public_urls.EXAMPLES]
    assert not missing, (
        f"Public URL patterns without an example URL: {missing}. Add a line for each to "
        "EXAMPLES in tests/public_urls.py (or to NOT_PUBLIC with the reason)."
    )


def test_the_table_names_no_pattern_that_does_not_exist():
    names = {p.name for p in public_patterns()}
    stale = sorted(set(public_urls.EXAMPLES) - names)
    assert not stale, f"tests/public_urls.py has examples for URL names that do not exist: {stale}"


def test_every_example_url_resolves_to_the_pattern_it_illustrates(demo):
    wrong = {}
    for name, urls in example_urls().items():
        for url in urls:
            try:
                match = resolve(url.split("?", 1)[0])
            except Resolver404:
                wrong[url] = "no match"
                continue
            if match.view_name != name:
                wrong[url] = match.view_name
    assert not wrong, f"example URLs that do not resolve to their own pattern: {wrong}"


def test_the_walk_leaves_out_the_back_office_and_finds_the_foundation():
    names = {p.name for p in public_patterns()}
    assert {"home", "about", "search", "font-size", "robots-txt", "healthz"} <= names
    assert not any(p.route.startswith("admin/") for p in public_patterns())


def test_every_example_url_answers_without_an_error(client, demo):
    """An example that 404s (say, a draft record) would silently drop its page from the HTML checks."""
    failing = {}
    for urls in example_urls().values():
        for url in urls:
            status = client.get(url).status_code
            if status >= 400:
                failing[url] = status
    assert not failing, f"example URLs in tests/public_urls.py that answer an error: {failing}"
