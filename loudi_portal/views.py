import sys

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import hostile_files, pagemeta, registry
from .caching import per_content
from .context_processors import CARE_COOKIE, CARE_MODES, FONT_COOKIE, FONT_SIZES
from .files import file_response
from .middleware import is_database_outage, outage_response
from .models import BureauProfile, Department, Leader
from .registry import SEARCH_COUNT_CAP, datasets, home_sections, search_sources

HOME_ITEMS_PER_SECTION = 6
SEARCH_QUERY_MAX = 100
SEARCH_RESULTS_PER_SOURCE = 5  # then "查看全部 N 条" in the register filtered by the query


# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
HOME_COLUMN = pagemeta.Column(
    name="首页",
    description="娄底市应急管理局政府信息公开平台首页：通知公告、执法公示、办事服务和依申请公开的入口。",
    keywords="娄底,应急管理,政府信息公开",
    type="首页",
)
ABOUT_COLUMN = pagemeta.Column(
    name="机构概况",
    description="娄底市应急管理局的机构职能、内设机构、领导分工和联系方式。",
    keywords="机构职能,领导信息,内设机构",
    type="机构职能",
)
SITE_MAP_COLUMN = pagemeta.Column(
    name="网站地图",
    description="本站全部栏目和公开登记簿的目录。",
    keywords="网站地图,栏目导航",
    type="信息公开目录",
)
# The shell's own pages on the site map (the registers come from the registry).
SITE_MAP_PAGES = [
    ("home", "首页"),
    ("about", "机构概况"),
    ("disclosure:guide", "政府信息公开指南"),
    ("disclosure:notice-list", "政府信息公开目录"),
    ("disclosure:budget-list", "“三公”经费预决算"),
    ("disclosure:annual-report-list", "政府信息公开工作年度报告"),
    ("disclosure:website-report-list", "政府网站工作年度报表"),
    ("inforequests:apply", "依申请公开"),
    ("interact:index", "互动交流"),
    ("interact:statistics", "留言统计"),
    ("approvals:service-list", "办事指南"),
    ("enforcement:index", "执法公示"),
    ("subsidies:closure-list", "煤矿关闭奖补"),
    ("data", "开放数据"),
    ("workdays", "工作日计算"),
    ("search", "站内搜索"),
    ("enforcement:draw-source", "随机抽取验证程序（draw.py）"),
    ("sitemap", "XML 网站地图（供搜索引擎）"),
    ("accessibility", "无障碍声明"),
    ("privacy", "隐私声明"),
]
SEARCH_COLUMN = pagemeta.Column(
    name="站内搜索",
    description="按关键词搜索本站公开的政府信息。",
    keywords="站内搜索,政府信息公开",
    type="信息公开目录",
)


@pagemeta.page_meta(column=HOME_COLUMN)
@require_safe
def home(request):
    """Show the latest items of each part of the portal (one query per section).

    The lists are the same for every reader until something is published or withdrawn, so
    they are kept per content version, day and language (`caching.per_content`): a page-cache
    miss of the home page (its minute is over, nothing changed) reads them instead of asking
    every part of the portal again.
    """
    today = timezone.localdate()

    def lists():
        items = {s.key: s.latest(HOME_ITEMS_PER_SECTION) for s in home_sections() if s.latest is not None}
        return items, registry.home_notices(today)

    items, notices = per_content(f"home:{get_language()}", lists)
    sections = [
        {"section": section, "live": section.latest is not None, "items": items.get(section.key, [])}
        for section in home_sections()
    ]
    ctx = {"sections": sections, "home_notices": notices}
    return render(request, "home.html", ctx)


@pagemeta.page_meta(column=ABOUT_COLUMN)
@require_safe
def about(request):
    """机构概况: the bureau's functions, leadership, departments and contacts (3 queries)."""
    ctx = {"leaders": list(Leader.objects.all()), "departments": list(Department.objects.all())}
    return render(request, "about.html", ctx)


@pagemeta.page_meta(column=SITE_MAP_COLUMN)
@require_safe
def site_map(request):
    """网站地图: every section, every public register and the catalogue's categories (1 query)."""
    pages = []
    for name, label in SITE_MAP_PAGES:
        try:
            pages.append((label, reverse(name)))
        except NoReverseMatch:
            continue  # a part of the portal that is not installed
    registers = [(d.title, reverse(d.url_name)) for d in datasets()]
    groups = [(group, group.links()) for group in registry.site_map_groups()]
    return render(request, "site_map.html", {"pages": pages, "registers": registers, "groups": groups})


def _back_with_cookie(request, name: str, value: str | None) -> HttpResponseRedirect:
    """Go back to ?next= (a local URL only, else home), setting the reader's display cookie."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    if value is not None:
        response.set_cookie(
            name,
            value,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SECURE_HTTPS,
            httponly=True,
        )
    return response


@require_safe
def set_font_size(request, size):
    """Remember the reader's font size in a cookie and go back: works without JavaScript."""
    return _back_with_cookie(request, FONT_COOKIE, size if size in FONT_SIZES else None)


@require_safe
def set_care_mode(request, mode):
    """Enter ("on") or leave ("off") the 关怀版 on every page, by a cookie: works without JavaScript."""
    return _back_with_cookie(request, CARE_COOKIE, mode if mode in CARE_MODES else None)


@pagemeta.page_meta(column=SEARCH_COLUMN)
@require_safe
def search(request):
    """Search every register that has joined the site search.

    A source that offers a full results page (`extra["page"]`, the notices)
    is shown with its filters, ranking and pagination; the others as short groups.
    """
    # NUL is no text (PostgreSQL refuses it in a string literal): treat it as a space.
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())[:SEARCH_QUERY_MAX]
    groups = []
    primary = None
    if query:
        for source in search_sources():
            page = source.extra.get("page")
            if page is not None and primary is None:
                primary = {"source": source, **page(request, query)}
                capped = primary.get("capped", False)
                groups.append({"source": source, "total": primary["total"], "capped": capped, "items": None})
                continue
            total, items = source.search(query, SEARCH_RESULTS_PER_SOURCE)
            capped = total > SEARCH_COUNT_CAP  # counted up to the cap only (registry.capped_total)
            total = min(total, SEARCH_COUNT_CAP)
            more_url = ""
            if source.more_url_name and (capped or total > len(items)):
                more_url = reverse(source.more_url_name) + "?" + urlencode({"q": query})
            groups.append({"source": source, "total": total, "capped": capped, "items": items, "more_url": more_url})
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    query_without_page["q"] = query
    ctx = {
        "query": query,
        "groups": groups,
        "primary": primary,
        "page_obj": primary["page_obj"] if primary else None,
        "query_without_page": query_without_page.urlencode(),
        "has_sources": bool(search_sources()),
        "total": sum(g["total"] for g in groups),
        "capped": any(g.get("capped") for g in groups),
    }
    return render(request, "search.html", ctx)


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /font-size/"]
    try:
        lines.append(f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}")
    except Exception:  # noqa: BLE001  (no sitemap registered yet)
        pass
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (a PDF, an image, the admin before
    its template loads): send them to the emblem rather than to a 404 in every console.

    A temporary redirect, so a new emblem (with a new hashed static name) is picked up."""
    return HttpResponseRedirect(static("img/emblem.svg"))


@require_safe
def site_badge(request):
    """The 党政机关网站标识 image of the footer (uploads are never served under MEDIA_URL)."""
    badge = BureauProfile.current().conac_badge
    if not badge or not badge.storage.exists(badge.name):
        raise Http404
    with badge.storage.open(badge.name, "rb") as stored:
        png = hostile_files.head(stored, 8).startswith(b"\x89PNG")
    return file_response(
        badge, "conac-badge.png" if png else "conac-badge.jpg", inline_type="image/png" if png else "image/jpeg"
    )


@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors: a failing database must not fail the error page.
    if is_database_outage(sys.exc_info()[1]):
        return outage_response()

    return HttpResponse(loader.get_template("500.html").render(), status=500)
