"""Whole-page caching of public pages for anonymous readers.

A 20-row page costs about 2 ms to render (PERFORMANCE.md); most readers are
anonymous and see the same bytes. `cache_public_page` keeps the rendered
response in the cache, keyed by the full URL, the reader's font size and
language, and a site-wide content version that every save or delete of a
portal record bumps, so a change is visible at once, not after the timeout.

Use it only on pages that are the same for every anonymous reader and that
have no side effect (a page that counts views must not be cached), and never
on pages carrying a CSRF token.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.cache import patch_cache_control

from .context_processors import care_mode, font_size

VERSION_KEY = "loudi_portal:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def connect_invalidation(project_apps) -> None:
    """Bump the content version on any save or delete in the portal's own apps."""

    def handler(sender, **kwargs):
        if sender._meta.app_label in project_apps:
            bump_content_version()

    post_save.connect(handler, weak=False, dispatch_uid="loudi_portal.cache.save")
    post_delete.connect(handler, weak=False, dispatch_uid="loudi_portal.cache.delete")


def cache_public_page(view):
    """Serve anonymous GET/HEAD requests of `view` from the cache when possible."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.PUBLIC_CACHE_SECONDS
        cacheable = (
            seconds > 0
            and request.method in ("GET", "HEAD")
            and not request.user.is_authenticated
            and "format" not in request.GET
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        key = "page:%s:%s:%s:%s:%s" % (
            content_version(),
            font_size(request),
            "care" if care_mode(request) else "std",
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.get_full_path(),
        )
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                cache.set(key, response, seconds)
        patch_cache_control(response, public=True, max_age=min(seconds, 60))
        return response

    return wrapped
