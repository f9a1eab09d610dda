"""Public pages of the notices: the catalogue, a page per category, the notice
itself (410 once withdrawn), its print view and QR code, and the notices part
of the site search. Each page runs a fixed number of queries.
"""

import io
import re

import segno
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from loudi_portal import caching, pagemeta, rich_text
from loudi_portal.exports import Column, ExportFormatError, bad_format_response, export_response, requested_format
from loudi_portal.files import file_response
from loudi_portal.listing import PER_PAGE, register_page
from loudi_portal.models import BureauProfile
from loudi_portal.publishing import can_preview
from loudi_portal.registry import SEARCH_COUNT_CAP, CategoryLink, Dataset, Item, category_links

from . import search as notice_search
from . import website_report
from .filters import NoticeFilter
from .models import AnnualReport, CategoryTree, Notice, NoticeAttachment, NoticeRelation, SanGongLine, WebsiteReport
from .services import ANNUAL_REPORT_CATEGORY, budget_page_data, publication_deadline


def _validity_label(notice) -> str:
    validity = notice.effective_validity()
    return str(validity["label"]) if validity else ""


NOTICE_COLUMNS = [
    Column("index_number", "索引号"),
    Column("title", "标题"),
    Column("doc_number", "文号"),
    Column("category", "栏目", source="category.name"),
    Column("source", "信息来源"),
    Column("written_on", "成文日期", kind="date"),
    Column("published_at", "发布时间", kind="datetime"),
    Column(
        "validity",
        "有效性",
        source=_validity_label,
        help="有效、失效或废止；被另一文件废止或替代的，按该文件显示为已废止或已失效。",
    ),
    Column("url", "网址", source=lambda n: settings.SITE_URL + n.get_absolute_url()),
]


# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
NOTICES_COLUMN = pagemeta.Column(
    name="通知公告",
    description="娄底市应急管理局主动公开的通知公告、政策文件和工作信息，按公开目录分类。",
    keywords="通知公告,政策文件,政府信息公开目录",
    type="信息公开目录",
)
GUIDE_COLUMN = pagemeta.Column(
    name="政府信息公开指南",
    description="本局政府信息的分类和编排体系、获取方式，政府信息公开工作机构的名称、地址、办公时间、电话、传真和网上联系方式。",
    keywords="政府信息公开指南,依申请公开,公开目录",
    type="信息公开指南",
)
BUDGETS_COLUMN = pagemeta.Column(
    name="财政预决算",
    description="部门预算、决算和“三公”经费的公开说明与数据。",
    keywords="部门预算,部门决算,三公经费",
    type="数据发布",
)
REPORTS_COLUMN = pagemeta.Column(
    name="信息公开年报",
    description="娄底市应急管理局历年政府信息公开工作年度报告。",
    keywords="政府信息公开工作年度报告,年报",
    type="信息公开年报",
)


# The catalogue's categories whose figures are also kept as structured registers here.
CATEGORY_LINKS = [
    (
        "budgets",
        CategoryLink(
            gettext_lazy("部门预算、决算和“三公”经费（数据表）"), "disclosure:budget-list",
            gettext_lazy("按年度查看预算数、决算数及增减。"), order=10,
        ),
    ),
    (
        "annual-reports",
        CategoryLink(
            gettext_lazy("政府信息公开工作年度报告（统计表）"), "disclosure:annual-report-list",
            gettext_lazy("历年年报的六个部分和国家统一格式的统计表，可下载。"), order=10,
        ),
    ),
    (
        "annual-reports",
        CategoryLink(gettext_lazy("政府网站工作年度报表"), "disclosure:website-report-list", order=20),
    ),
    ("", CategoryLink(gettext_lazy("开放数据：各登记簿的下载（CSV、XLSX、JSON）"), "data", order=90)),
]  # fmt: skip


def _catalogue(request, *, category=None, tree: CategoryTree):
    queryset = Notice.objects.published().for_list()
    if category is not None:
        queryset = queryset.in_categories(tree.descendant_ids(category))
    filterset = NoticeFilter(request.GET, queryset=queryset, tree=tree)
    title = category.name if category else _("政府信息公开目录")
    ctx = {
        "tree": tree,
        "category": category,
        "ancestors": tree.ancestors(category) if category else [],
        "catalogue_title": title,
        "register_links": _register_links(category),
    }
    return register_page(
        request,
        filterset=filterset,
        template="disclosure/notice_list.html",
        columns=NOTICE_COLUMNS,
        title=title,
        ctx=ctx,
    )


def site_map_categories() -> list[tuple[str, str, int]]:
    """The catalogue's categories for the 网站地图, in tree order (1 query)."""
    found = []

    def walk(nodes, depth):
        for node, children in nodes:
            found.append((node.name, node.get_absolute_url(), depth))
            walk(children, depth + 1)

    walk(CategoryTree.load().nested(), 0)
    return found


def _register_links(category) -> list[tuple[CategoryLink, str]]:
    """The structured registers of a category (the root: open data). A sub-category's own are
    on its page, one click away in the tree: the box stays short, so on a phone the count and
    the first results still come soon."""
    return [(link, reverse(link.url_name)) for link in category_links(category.slug if category else "")]


@pagemeta.page_meta(column=NOTICES_COLUMN)
@require_safe
def notice_list(request):
    """The catalogue, newest first (4 queries: categories, count, page ids, rows)."""
    return _catalogue(request, tree=CategoryTree.load())


@pagemeta.page_meta(column=NOTICES_COLUMN)
@require_safe
def notice_category(request, slug):
    """One category of the catalogue with its sub-categories (4 queries)."""
    tree = CategoryTree.load()
    category = tree.by_slug.get(slug)
    if category is None:
        raise Http404(_("没有这个栏目。"))
    return _catalogue(request, category=category, tree=tree)


def _detail_queryset():
    return (
        Notice.objects.public_or_withdrawn()
        .select_related("category", "category__parent", "view_counter")
        .prefetch_related(
            "attachments",
            Prefetch(
                "related", queryset=Notice.objects.published().order_by("-published_at"), to_attr="public_related"
            ),
            Prefetch("relations_out", queryset=NoticeRelation.objects.select_related("target")),
            Prefetch("relations_in", queryset=NoticeRelation.objects.select_related("source")),
        )
    )


def _neighbours(notice: Notice):
    """Previous (older) and next (newer) published notice in the same category (2 queries)."""
    same = Notice.objects.published().filter(category_id=notice.category_id).only("id", "title", "published_at")
    at = notice.published_at
    # The redundant `published_at <= at` (`>= at`) bounds the index scan: without it PostgreSQL
    # walks the category's index from the newest notice and filters (22 ms for an old notice
    # at 100,000 notices; 0.06 ms with it).
    older = (
        same.filter(published_at__lte=at)
        .filter(Q(published_at__lt=at) | Q(published_at=at, id__lt=notice.pk))
        .order_by("-published_at", "-id")
    )
    newer = (
        same.filter(published_at__gte=at)
        .filter(Q(published_at__gt=at) | Q(published_at=at, id__gt=notice.pk))
        .order_by("published_at", "id")
    )
    return older.first(), newer.first()


def render_notice(request, notice: Notice, *, template="disclosure/notice_detail.html", preview=False, count=0):
    previous, following = _neighbours(notice) if notice.published_at and not preview else (None, None)
    ctx = {
        "notice": notice,
        "previous": previous,
        "next": following,
        "view_count": count,
        "preview": preview,
        "related": getattr(notice, "public_related", None) or [],
        "links": notice.document_links() if notice.pk else {"outgoing": [], "incoming": []},
        "validity": notice.effective_validity() if notice.pk else None,
        "absolute_url": settings.SITE_URL + notice.get_absolute_url(),
        "structured": _structured_versions(notice),
    }
    return render(request, template, ctx)


REPORT_YEAR = re.compile(r"(\d{4})年")


def _structured_versions(notice: Notice) -> list[tuple[str, str]]:
    """Where the notice's figures are also kept as a register: a yearly report notice links to
    that year's structured report (1 query), other notices to their category's registers."""
    if not notice.pk or notice.category_id is None:
        return []
    slug = notice.category.slug
    if slug == ANNUAL_REPORT_CATEGORY and (match := REPORT_YEAR.search(notice.title)):
        report = AnnualReport.objects.published().filter(year=int(match[1])).first()
        if report is not None:
            label = _("%(year)s年度报告的结构化版本（统计表，可下载）") % {"year": report.year}
            return [(label, report.get_absolute_url())]
    return [(str(link.label), reverse(link.url_name)) for link in category_links(slug)]


def _public_notice(pk):
    notice = get_object_or_404(_detail_queryset(), pk=pk)
    return notice


@pagemeta.page_meta(
    column=NOTICES_COLUMN, article=lambda ctx: pagemeta.Article.of(ctx["notice"], source=ctx["notice"].source)
)
@require_safe
def notice_detail(request, pk):
    """A notice; 410 with the reason once withdrawn (about 8 queries; from the cache 1, the view count)."""
    notice = _public_notice(pk)
    if notice.status == Notice.Status.WITHDRAWN:
        return render(request, "disclosure/notice_withdrawn.html", {"notice": notice}, status=410)
    # 浏览量: counted and filled in for every request by the page cache middleware,
    # also when the page itself comes from the cache (loudi_portal/caching.py).
    placeholder = caching.live_value("notice-views", notice.pk)
    return caching.declare_live(render_notice(request, notice, count=placeholder), placeholder)


@pagemeta.page_meta(
    column=NOTICES_COLUMN, article=lambda ctx: pagemeta.Article.of(ctx["notice"], source=ctx["notice"].source)
)
@require_safe
def notice_print(request, pk):
    """The notice laid out for printing (no navigation); not counted as a view."""
    notice = _public_notice(pk)
    if notice.status == Notice.Status.WITHDRAWN:
        return render(request, "disclosure/notice_withdrawn.html", {"notice": notice}, status=410)
    placeholder = caching.live_value("notice-views-seen", notice.pk)
    return caching.declare_live(
        render_notice(request, notice, template="disclosure/notice_print.html", count=placeholder), placeholder
    )


@require_safe
def notice_attachment(request, pk, attachment_id):
    """An attachment, only while its notice is public (410 with the reason once withdrawn);
    users who may preview the notice get it in every state."""
    # By its own id (an out-of-range id is "not found"), then checked against the URL's notice:
    # a foreign-key lookup with a 40-digit id overflows SQLite's integer instead.
    attachment = get_object_or_404(NoticeAttachment.objects.select_related("notice"), pk=attachment_id)
    if attachment.notice_id != pk:
        raise Http404
    notice = attachment.notice
    if not notice.is_public and not can_preview(request.user, notice):
        if notice.status == Notice.Status.WITHDRAWN:
            return render(request, "disclosure/notice_withdrawn.html", {"notice": notice}, status=410)
        raise Http404
    return file_response(attachment.file, attachment.download_name)


@require_safe
@cache_control(max_age=86400, public=True)
def notice_qr(request, pk):
    """扫码浏览: an SVG QR code of the notice's absolute URL, served from its own URL so CSP stays 'self'."""
    if not Notice.objects.published().filter(pk=pk).exists():
        raise Http404
    url = settings.SITE_URL + Notice(pk=pk).get_absolute_url()
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, title=_("扫码浏览"), xmldecl=False)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


def search_items(notices, query: str) -> list[Item]:
    return [
        Item(
            title=n.title,
            url=n.get_absolute_url(),
            when=n.published_at,
            label=n.category.name,
            snippet=notice_search.highlight(n.body_text or n.title, query),
        )
        for n in notices
    ]


def search_page(request, query: str) -> dict:
    """The notices part of /search/: filtered, ranked, paginated (4 queries)."""
    tree = CategoryTree.load()
    data = request.GET.copy()
    data.pop("q", None)  # here q is the full-text query, not the catalogue's title filter
    filterset = NoticeFilter(data, queryset=Notice.objects.published(), tree=tree)
    queryset = filterset.qs if filterset.is_valid() else Notice.objects.none()
    found = notice_search.search_newest(queryset.select_related("category"), query, SEARCH_COUNT_CAP)
    page = Paginator(found.ranked, PER_PAGE).get_page(request.GET.get("page"))
    return {
        "filter": filterset,
        "page_obj": page,
        "total": found.total,
        "capped": found.capped,
        "items": search_items(found.rows(page.object_list), query),
    }


def search_source(query: str, limit: int) -> tuple[int, list[Item]]:
    """The notices' group of the site search: a total above SEARCH_COUNT_CAP means "more"."""
    found = notice_search.search_newest(Notice.objects.published().select_related("category"), query, SEARCH_COUNT_CAP)
    return found.total + found.capped, search_items(found.rows(found.ranked[:limit]), query)


def latest_items(n: int) -> list[Item]:
    notices = Notice.objects.published().for_list()[:n]
    return [Item(title=x.title, url=x.get_absolute_url(), when=x.published_at, label=x.category.name) for x in notices]


BUDGET_COLUMNS = [
    Column("year", "年度", "statement.year", "int"),
    Column("stage", "预算/决算", lambda line: line.statement.get_stage_display()),
    Column("category", "项目", lambda line: line.get_category_display()),
    Column("amount", "金额（元）", "amount", "money"),
    Column("count", "数量", "count", "int"),
    Column("people", "人次", "people", "int"),
    Column("explanation", "增减变化原因", "explanation"),
]


def published_lines():
    return (
        SanGongLine.objects.filter(statement__status="published")
        .select_related("statement")
        .order_by("-statement__year", "statement__stage", "category")
    )


@pagemeta.page_meta(column=GUIDE_COLUMN)
@require_safe
def disclosure_guide(request):
    """/guide/: the 政府信息公开指南 of 条例 Art. 12, from 机关信息 and the catalogue (1 query)."""
    return render(request, "disclosure/guide.html", {"tree": CategoryTree.load()})


@pagemeta.page_meta(column=BUDGETS_COLUMN)
@require_safe
def budget_list(request):
    """/budgets/: every published year's “三公” budget and final accounts (2 queries); ?format= exports the lines."""
    try:
        fmt = requested_format(request)
    except ExportFormatError as exc:
        return bad_format_response(str(exc))
    if fmt:
        return export_response(fmt, published_lines(), BUDGET_COLUMNS, title="“三公”经费预决算", filters={})
    return render(request, "budgets/budget_list.html", budget_page_data())


def dataset() -> Dataset:
    return Dataset(
        key="sangong-budgets",
        title=str(gettext_lazy("“三公”经费预决算")),
        description="因公出国（境）费、公务接待费、公务用车购置及运行维护费的年度预算和决算，含数量和增减变化原因。",
        url_name="disclosure:budget-list",
        columns=BUDGET_COLUMNS,
        public=published_lines,
        everything=lambda: SanGongLine.objects.select_related("statement").order_by("-statement__year", "category"),
        update_frequency="每年预算、决算公开时更新",
        order=60,
    )


@pagemeta.page_meta(column=REPORTS_COLUMN)
@require_safe
def annual_report_list(request):
    """/annual-reports/: every published year (1 query)."""
    reports = list(
        AnnualReport.objects.public().only("year", "published_at", "status", "withdrawal_reason").order_by("-year")
    )
    return render(request, "reports/annualreport_list.html", {"reports": reports})


@pagemeta.page_meta(
    column=REPORTS_COLUMN, article=lambda ctx: pagemeta.Article.of(ctx["report"], title=str(ctx["report"]))
)
@require_safe
def annual_report_detail(request, year: int):
    """/annual-reports/<year>/: one published report with its frozen tables (1 query)."""
    report = AnnualReport.objects.public().filter(year=year).first()
    if report is None:
        raise Http404
    ctx = {"report": report, "tables": report.tables, "deadline": publication_deadline(report.year), "preview": False}
    return render(request, "reports/annualreport_detail.html", ctx)


def search_reports(query: str, limit: int):
    """Published reports whose year or written sections mention the query (two queries)."""
    from django.db.models import Q

    from loudi_portal.registry import Item

    match = Q(overview__icontains=query) | Q(problems__icontains=query) | Q(other_matters__icontains=query)
    if query.isascii() and query.isdigit() and len(query) <= 4:  # "²" is a digit to isdigit(), not to int()
        match |= Q(year=int(query))
    qs = AnnualReport.objects.published().filter(match).order_by("-year")
    items = [
        Item(
            title=str(r),
            url=r.get_absolute_url(),
            when=r.published_at,
            label="年度报告",
            snippet=rich_text.as_text(r.overview)[:120],
        )
        for r in qs[:limit]
    ]
    return qs.count(), items


# --- 政府网站工作年度报表 -----------------------------------------------------------------

WEBSITE_REPORTS_COLUMN = pagemeta.Column(
    name="政府网站工作年度报表",
    description="娄底市应急管理局网站历年工作年度报表：信息发布、解读回应、办事服务、互动交流、安全防护等情况。",
    keywords="政府网站工作年度报表,网站年报",
    type="信息公开年报",
)


@pagemeta.page_meta(column=WEBSITE_REPORTS_COLUMN)
@require_safe
def website_report_list(request):
    """/website-reports/: every published year (1 query)."""
    reports = list(
        WebsiteReport.objects.public().only("year", "published_at", "status", "withdrawal_reason").order_by("-year")
    )
    return render(request, "reports/websitereport_list.html", {"reports": reports})


@pagemeta.page_meta(
    column=WEBSITE_REPORTS_COLUMN, article=lambda ctx: pagemeta.Article.of(ctx["report"], title=str(ctx["report"]))
)
@require_safe
def website_report_detail(request, year: int):
    """/website-reports/<year>/: one published 报表 with the figures frozen at publication (1 query)."""
    report = WebsiteReport.objects.public().filter(year=year).first()
    if report is None:
        raise Http404
    ctx = {
        "report": report,
        "sections": website_report.rows(report, report.tables or {}, BureauProfile.current()),
        "due_on": website_report.due_on(report.year),
    }
    return render(
        request, "reports/websitereport_detail.html", ctx, status=410 if report.status == "withdrawn" else 200
    )
