"""Example URLs of every public URL pattern: the one table the quality checks walk.

Every named URL pattern outside /admin/ must have an entry here, keyed by its
name as `reverse()` takes it ("name", or "namespace:name"). The function gets
no arguments, runs against the demo database (`manage.py load_demo` has been
run) and returns one URL or a list of URLs (path plus query string). The
accessibility, HTML-validity, fuzz, header and personal-data checks all use it,
so a new page is covered by all of them as soon as its line is added; a pattern
without a line fails `tests/test_url_coverage.py`.

Adding a page, e.g. a notice list and detail (in the `disclosure` namespace):

    "disclosure:notice-list": lambda: [reverse("disclosure:notice-list"),
                                       reverse("disclosure:notice-list") + "?page=2"],
    "disclosure:notice-detail": lambda: first_url(Notice.objects.published()),

`first_url(queryset)` returns the first object's `get_absolute_url()` and fails
the test with a clear message when the demo data has none. Patterns that are
not pages (redirects, health checks, files) still get an example: the fuzz and
header checks cover them; the HTML checks skip whatever is not an HTML 200.

URL names listed in NOT_PUBLIC are left out of the walk (say why).
"""

from collections.abc import Callable

from django.urls import reverse

# URL names that are not public pages, with the reason.
NOT_PUBLIC: dict[str, str] = {}


def first_url(queryset) -> str:
    """The URL of the first object of a demo-data queryset (fails loudly if there is none)."""
    obj = queryset.first()
    if obj is None:
        raise LookupError(f"The demo data has no {queryset.model._meta.label} for an example URL; extend its demo.py.")
    return obj.get_absolute_url()


EXAMPLES: dict[str, Callable[[], str | list[str]]] = {
    # Foundation
    "home": lambda: reverse("home"),
    "about": lambda: reverse("about"),
    "search": lambda: [reverse("search"), reverse("search") + "?q=%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7"],
    "font-size": lambda: reverse("font-size", args=["large"]) + "?next=/about/",
    "robots-txt": lambda: reverse("robots-txt"),
    "healthz": lambda: reverse("healthz"),
}
