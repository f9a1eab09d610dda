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

Q_SAFETY = "%E5%AE%89%E5%85%A8"  # 安全, URL-encoded

# URL names that are not public pages, with the reason.
NOT_PUBLIC: dict[str, str] = {
    "approvals:material-template": "the demo's service guides have no template files; every state is tested in "
    "approvals/tests/test_material_templates.py",
    "site-badge": "an image, 404 until the bureau uploads its badge (the demo has none); tested in "
    "loudi_portal/tests/test_site_identity.py",
}


def _public_attachment_url() -> str:
    from disclosure.models import Notice, NoticeAttachment

    return first_url(NoticeAttachment.objects.filter(notice__in=Notice.objects.published()).order_by("pk"))


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
    "site-map": lambda: reverse("site-map"),
    "search": lambda: [reverse("search"), reverse("search") + "?q=%E5%AE%89%E5%85%A8%E7%94%9F%E4%BA%A7"],
    "font-size": lambda: reverse("font-size", args=["large"]) + "?next=/about/",
    "care-mode": lambda: [reverse("care-mode", args=[m]) + "?next=/about/" for m in ("on", "off")],
    "accessibility": lambda: reverse("accessibility"),
    "privacy": lambda: reverse("privacy"),
    "robots-txt": lambda: reverse("robots-txt"),
    "favicon": lambda: reverse("favicon"),
    "healthz": lambda: reverse("healthz"),
    "workdays": lambda: [reverse("workdays"), reverse("workdays") + "?start=2026-09-28&days=20"],
    "sitemap": lambda: reverse("sitemap"),
    "sitemap-section": lambda: reverse("sitemap-section", args=["notices"]),
    # Notices and catalogue (issue 3)
    "disclosure:notice-list": lambda: [
        reverse("disclosure:notice-list"),
        reverse("disclosure:notice-list") + "?page=2",
        reverse("disclosure:notice-list") + f"?year=2019&q={Q_SAFETY}",
    ],
    "disclosure:notice-feed": lambda: reverse("disclosure:notice-feed"),
    "disclosure:notice-category": lambda: _category_urls(),
    "disclosure:notice-category-feed": lambda: reverse("disclosure:notice-category-feed", args=["announcements"]),
    "disclosure:notice-detail": lambda: _notice_urls(),
    "disclosure:notice-attachment": lambda: _public_attachment_url(),
    "disclosure:notice-print": lambda: reverse("disclosure:notice-print", args=[_notice().pk]),
    "disclosure:notice-qr": lambda: reverse("disclosure:notice-qr", args=[_notice().pk]),
    # Information requests, budgets, yearly reports (issue 7)
    "inforequests:apply": lambda: reverse("inforequests:apply"),
    "inforequests:apply-sent": lambda: reverse(
        "inforequests:apply-sent"
    ),  # redirects to the form without a sent request
    "inforequests:apply-track": lambda: reverse("inforequests:apply-track"),
    "disclosure:guide": lambda: reverse("disclosure:guide"),
    "disclosure:budget-list": lambda: reverse("disclosure:budget-list"),
    "disclosure:annual-report-list": lambda: reverse("disclosure:annual-report-list"),
    "disclosure:annual-report-detail": lambda: first_url(_models().AnnualReport.objects.public()),
    # Enforcement registers and draws (issue 4)
    "enforcement:index": lambda: reverse("enforcement:index"),
    "enforcement:enterprise-list": lambda: _list_urls("enforcement:enterprise-list", "county=xinhua&industry=mines"),
    "enforcement:inspector-list": lambda: _list_urls("enforcement:inspector-list", "is_active=true"),
    "enforcement:plan-list": lambda: _list_urls("enforcement:plan-list", "year=2026"),
    "enforcement:draw-detail": lambda: _draw_urls(),
    "enforcement:draw-data": lambda: reverse("enforcement:draw-data", args=[_drawn().pk]),
    "enforcement:draw-source": lambda: reverse("enforcement:draw-source"),
    "enforcement:inspection-list": lambda: _list_urls("enforcement:inspection-list", "year=2026&county=xinhua"),
    "enforcement:hazard-list": lambda: _list_urls("enforcement:hazard-list", "status=rectifying&overdue=true"),
    "enforcement:penalty-list": lambda: _list_urls("enforcement:penalty-list", "kind=fine&year=2026"),
    "enforcement:closure-list": lambda: _list_urls("enforcement:closure-list", "county=xinhua&kind=fireworks_outlet"),
    # Coal-mine closure subsidies (issue 5)
    "subsidies:closure-list": lambda: [
        reverse("subsidies:closure-list"),
        reverse("subsidies:closure-list") + "?year=2019&county=lianyuan",
    ],
    "subsidies:payment-list": lambda: _list_urls("subsidies:payment-list", "year=2019&county=lianyuan"),
    "subsidies:closure-detail": lambda: first_url(_models().MineClosure.objects.order_by("pk")),
    # Approvals (issue 6)
    "approvals:service-list": lambda: [
        reverse("approvals:service-list"),
        reverse("approvals:service-list") + "?kind=licensing&q=%E7%83%9F%E8%8A%B1",  # 烟花
    ],
    "approvals:track": lambda: reverse("approvals:track"),
    "approvals:result-list": lambda: _list_urls("approvals:result-list", "decision=granted"),
    "approvals:stats": lambda: reverse("approvals:stats"),
    "approvals:agency-list": lambda: [
        reverse("approvals:agency-list"),
        reverse("approvals:agency-list") + "?status=suspended",
    ],
    "approvals:agency-detail": lambda: first_url(_models().Agency.objects.published().order_by("pk")),
    "approvals:service-detail": lambda: first_url(_models().Service.objects.published().order_by("code")),
    # 找错 (issue 15)
    "interact:error-report": lambda: [
        reverse("interact:error-report"),
        reverse("interact:error-report") + "?url=/about/",
    ],
    "interact:error-track": lambda: reverse("interact:error-track"),
    "relief:loss-list": lambda: [reverse("relief:loss-list"), reverse("relief:loss-list") + "?disaster_type=flood"],
    "relief:donation-list": lambda: [reverse("relief:donation-list"), reverse("relief:donation-list") + "?year=2024"],
    # 政府网站工作年度报表 (issue 15)
    "disclosure:website-report-list": lambda: reverse("disclosure:website-report-list"),
    "disclosure:website-report-detail": lambda: first_url(_disclosure().WebsiteReport.objects.published()),
    # 互动交流 (issue 15)
    "interact:index": lambda: [reverse("interact:index"), reverse("interact:index") + "?page=2"],
    "interact:message-write": lambda: [
        reverse("interact:message-write"),
        reverse("interact:message-write") + "?kind=suggest",
    ],
    "interact:message-track": lambda: reverse("interact:message-track"),
    "interact:reply-detail": lambda: first_url(_interact().PublishedReply.objects.published().order_by("pk")),
    "interact:statistics": lambda: [reverse("interact:statistics"), reverse("interact:statistics") + "?year=2019"],
    # Open data (issue 9)
    "data": lambda: reverse("data"),
    "data-download": lambda: [reverse("data-download", args=["notices", f]) for f in ("csv", "xlsx", "json")],
}


def _disclosure():
    from disclosure import models

    return models


def _interact():
    from interact import models

    return models


def _models():
    """The apps' models, imported when an example is made (the URLconf loads this module early)."""
    from types import SimpleNamespace

    from approvals.models import Agency, Service
    from disclosure.models import AnnualReport, Notice
    from enforcement.models import Draw
    from subsidies.models import MineClosure

    return SimpleNamespace(
        Agency=Agency, AnnualReport=AnnualReport, Draw=Draw, MineClosure=MineClosure, Notice=Notice, Service=Service
    )


def _list_urls(name: str, query: str) -> list[str]:
    """A register list: unfiltered, its page 2, and a realistic filter (page 2 too when it has one)."""
    url = reverse(name)
    return [url, f"{url}?page=2", f"{url}?{query}"]


def _notice():
    return _models().Notice.objects.published().order_by("-published_at", "-pk").first()


def _notice_urls() -> list[str]:
    """The newest notice, and one with an attachment when the demo has one."""
    notices = _models().Notice.objects.published()
    urls = [first_url(notices.order_by("-published_at", "-pk"))]
    with_file = notices.filter(attachments__isnull=False).order_by("pk").first()
    if with_file is not None:
        urls.append(with_file.get_absolute_url())
    return urls


def _category_urls() -> list[str]:
    url = reverse("disclosure:notice-category", args=["announcements"])
    # enforcement: a parent category; budgets: one with a structured register (/budgets/).
    return [url] + [reverse("disclosure:notice-category", args=[slug]) for slug in ("enforcement", "budgets")]


def _drawn():
    return _models().Draw.objects.published().filter(status="drawn").order_by("pk").first()


def _draw_urls() -> list[str]:
    """A drawn draw (with its result re-checked) and a frozen one (lists fixed, not drawn yet)."""
    draws = _models().Draw.objects.published().order_by("pk")
    urls = [first_url(draws.filter(status="drawn"))]
    frozen = draws.filter(status="frozen").first()
    if frozen is not None:
        urls.append(frozen.get_absolute_url())
    return urls
