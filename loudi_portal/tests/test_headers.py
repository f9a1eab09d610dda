"""Security headers on every response."""

import re

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/about/", "/search/?q=x", "/no-such-page/", "/admin/login/", "/robots.txt"])
def test_strict_headers_on_every_response(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_admin_pages_are_never_cached(client):
    assert "no-store" in client.get("/admin/login/")["Cache-Control"]


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SECURE_HSTS_PRELOAD=True,
    SECURE_SSL_REDIRECT=True,
)
def test_https_production_sends_hsts_and_redirects_plain_http(client):
    assert client.get("/about/").status_code == 301
    response = client.get("/about/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_no_page_loads_anything_from_another_host(client):
    html = client.get("/").content.decode()
    sources = re.findall(r'<(?:script|link|img|iframe)[^>]*?(?:src|href)="([^"]+)"', html)
    assert sources, "the page should load its stylesheet"
    assert all(src.startswith("/") and not src.startswith("//") for src in sources), sources
