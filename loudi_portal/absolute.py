"""Absolute URLs come from `SITE_URL` only, never from the request's Host header.

Django's sitemap and feed views build absolute URLs from `get_current_site(request)`
(without the sites framework: the request's Host) and `request.scheme`. A forged or
internal Host (`Host: localhost:6666`, a proxy's upstream name, http behind TLS) would end
up in `<loc>` and in feed ids, which must be stable. `SiteURLRequest` presents the request
with SITE_URL's scheme and host to those views; `site_url_view` wraps a view with it.
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings


class SiteURLRequest:
    """A request seen through SITE_URL: scheme, host and absolute URIs from the setting."""

    def __init__(self, request):
        self._request = request
        parts = urlsplit(settings.SITE_URL)
        self.scheme = parts.scheme
        self._host = parts.netloc

    def get_host(self) -> str:
        return self._host

    def is_secure(self) -> bool:
        return self.scheme == "https"

    def build_absolute_uri(self, location=None) -> str:
        location = self._request.get_full_path() if location is None else location
        if urlsplit(location).scheme:
            return location
        return settings.SITE_URL + location

    def __getattr__(self, name):
        return getattr(self._request, name)


def site_url_view(view):
    """Run `view` with the request seen through SITE_URL."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(SiteURLRequest(request), *args, **kwargs)

    return wrapped
