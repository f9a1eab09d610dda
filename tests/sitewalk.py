"""Walk the portal the way the quality checks see it: every public URL pattern,
the example URLs of `tests/public_urls.py`, the pages they give and the forms on them.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.views.static import serve as static_serve

from . import public_urls

# URL prefixes that are not public pages: the back office has its own checks
# (tests/test_security.py); uploaded files are served by the proxy in production.
EXCLUDED_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class PublicPattern:
    """One public URL pattern: its reverse() name and its route (prefixes included)."""

    name: str
    route: str  # e.g. "font-size/<str:size>/"; a regex for re_path patterns
    is_route: bool  # True when every part is a path() route, so converters can be filled in

    def __str__(self):
        return self.name


def _walk(patterns, prefix="", namespace="", is_route=True):
    for entry in patterns:
        part = str(entry.pattern)
        entry_is_route = is_route and isinstance(entry.pattern, RoutePattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES or entry.app_name in EXCLUDED_NAMESPACES:
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + part, ns, entry_is_route)
        elif isinstance(entry, URLPattern):
            if entry.callback is static_serve:
                continue  # MEDIA_ROOT files (embedded setup only)
            route = prefix + part
            name = f"{namespace}{entry.name}" if entry.name else route
            yield PublicPattern(name=name, route=route, is_route=entry_is_route)


def public_patterns() -> list[PublicPattern]:
    """Every URL pattern outside /admin/ that is not declared non-public, in URLconf order."""
    seen = {}
    for pattern in _walk(get_resolver().url_patterns):
        if pattern.name not in public_urls.NOT_PUBLIC:
            seen.setdefault(pattern.name, pattern)
    return list(seen.values())


def example_urls() -> dict[str, list[str]]:
    """Call every example function of the table (needs the demo data): name -> URLs."""
    urls = {}
    for name, make in public_urls.EXAMPLES.items():
        made = make()
        urls[name] = [made] if isinstance(made, str) else list(made)
    return urls


# A URL that matches no pattern: the 404 page is a page type of its own.
NOT_FOUND_URL = "/no-such-page-quality-check/"


def html_pages(client) -> dict[str, str]:
    """Fetch every example URL (and the 404 page); return url -> HTML for those that are HTML pages.

    A page is an HTML page when it answers 200 (or 404 for NOT_FOUND_URL) with text/html.
    """
    pages = {}
    all_urls = [url for urls in example_urls().values() for url in urls] + [NOT_FOUND_URL]
    for url in all_urls:
        response = client.get(url)
        expected = 404 if url == NOT_FOUND_URL else 200
        if response.status_code == expected and response["Content-Type"].startswith("text/html"):
            pages[url] = response.content.decode()
    return pages


@dataclass
class FormField:
    name: str
    kind: str  # input type, "select" or "textarea"
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list[FormField]

    @property
    def key(self):
        return (self.method, self.action, tuple(sorted(f.name for f in self.fields)))


class _FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: FormField | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            self._form = Form(self.page, urlsplit(action).path, (a.get("method") or "get").lower(), [])
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type", "text") not in {"submit", "button", "reset", "image"}:
            self._form.fields.append(FormField(a["name"], a.get("type", "text")))
        elif tag == "textarea":
            self._form.fields.append(FormField(a["name"], "textarea"))
        elif tag == "select":
            self._select = FormField(a["name"], "select")
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(url: str, html: str) -> list[Form]:
    parser = _FormParser(url)
    parser.feed(html)
    return parser.forms


def public_forms(pages: dict[str, str]) -> list[Form]:
    """Every distinct form on the given pages (same method, action and field names = same form)."""
    found = {}
    for url, html in pages.items():
        for form in forms_on(url, html):
            if not form.action.startswith("/admin/"):
                found.setdefault(form.key, form)
    return list(found.values())
