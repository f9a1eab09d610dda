"""自查: the inspection of 《政府网站与政务新媒体检查指标》 (国办秘函〔2019〕19号) run on the site itself.

Each check says what passes, whether a failure is a 单项否决 (veto: the whole site fails),
and, for each problem, the page to fix. The shell runs the checks that need no app
(home-page freshness, links and attachments, 网页标签); apps add theirs in their
`public.py` with `register_check()` (the catalogue's columns, 办事指南, messages, the
yearly reports) and never import each other.

`run()` crawls the public site in-process (Django's test client on SITE_URL's host:
no network, no server needed), breadth-first from the home page, each URL once, up to
`max_pages`; it is what `manage.py site_selfcheck` (cron) and the staff page call.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import registry, roles

HOME_LIMIT_DAYS = 14  # 首页不更新: the home page updated within 2 weeks
DYNAMIC_LIMIT_DAYS = 14  # 动态、要闻 columns: 2 weeks
NOTICE_LIMIT_DAYS = 183  # first-level 通知公告 and 政策文件 columns: 6 months
STALE_VETO_COUNT = 5  # 5 or more stale columns fail
BLANK_VETO_COUNT = 5  # 5 or more blank columns fail
DEFAULT_MAX_PAGES = 3000
# Prefixes the crawl never follows: the back office, the display switches, error-report forms per page.
SKIP_PREFIXES = ("/admin/", "/font-size/", "/care-mode/", "/static/")
SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")


@dataclass
class Finding:
    """One problem: what is wrong and the page where it is fixed (public or back office)."""

    text: str
    url: str = ""


@dataclass
class Result:
    key: str
    title: str
    rule: str
    veto: bool
    passed: bool
    summary: str
    findings: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # not failing, but worth fixing


@dataclass
class Crawl:
    """What the crawl saw: pages fetched, broken links (with the page linking them), pages missing tags."""

    fetched: int = 0
    truncated: bool = False
    broken: list[tuple[str, int, str]] = field(default_factory=list)  # (url, status, linked from)
    untagged: list[tuple[str, list[str]]] = field(default_factory=list)  # (url, missing tags)


@dataclass
class Context:
    today: date
    max_pages: int = DEFAULT_MAX_PAGES
    start: str = "/"
    _crawl: Crawl | None = None

    @property
    def crawl(self) -> Crawl:
        if self._crawl is None:
            self._crawl = crawl_site(max_pages=self.max_pages, start=self.start)
        return self._crawl


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    rule: str
    veto: bool
    run: Callable[[Check, Context], Result]  # run(check, context) -> result(check, ...)
    order: int = 100


_checks: dict[str, Check] = {}


def register_check(check: Check) -> None:
    _checks[check.key] = check


def checks() -> list[Check]:
    return sorted(_checks.values(), key=lambda c: (c.order, c.key))


def result(check: Check, *, passed: bool, summary: str, findings=(), warnings=()) -> Result:
    return Result(
        key=check.key,
        title=str(check.title),
        rule=str(check.rule),
        veto=check.veto,
        passed=passed,
        summary=summary,
        findings=list(findings),
        warnings=list(warnings),
    )


def run(
    *, today: date | None = None, max_pages: int = DEFAULT_MAX_PAGES, only: list[str] | None = None, start: str = "/"
):
    """Run every registered check (or those named in `only`); the crawl starts at `start`. Return the results."""
    context = Context(today=today or timezone.localdate(), max_pages=max_pages, start=start)
    return [check.run(check, context) for check in checks() if not only or check.key in only]


def veto_failed(results: list[Result]) -> bool:
    return any(r.veto and not r.passed for r in results)


def as_json(results: list[Result]) -> list[dict]:
    return [asdict(r) for r in results]


# --- Column freshness (the 栏目不更新 and 空白栏目 vetoes) ---------------------------------


@dataclass(frozen=True)
class ColumnState:
    """A column as the inspectors count it: its last update, its update limit, its public and back-office pages."""

    name: str
    url: str
    admin_url: str
    last_updated: datetime | None
    items: int
    limit_days: int | None = None  # None: no update limit (still must not be blank)


_column_sources: list[Callable[[], list[ColumnState]]] = []


def register_column_source(source: Callable[[], list[ColumnState]]) -> None:
    if source not in _column_sources:
        _column_sources.append(source)


def columns() -> list[ColumnState]:
    return [column for source in _column_sources for column in source()]


def stale_columns(states: list[ColumnState], today: date) -> list[ColumnState]:
    """Columns with an update limit whose last update is older than it (never updated counts as stale)."""
    return [
        c
        for c in states
        if c.limit_days is not None
        and (c.last_updated is None or timezone.localdate(c.last_updated) < today - timedelta(days=c.limit_days))
    ]


def blank_columns(states: list[ColumnState]) -> list[ColumnState]:
    return [c for c in states if c.items == 0]


def _limit_text(days: int) -> str:
    return _("2 周") if days <= 14 else _("6 个月")


def _columns_stale(check: Check, context: Context) -> Result:
    states = columns()
    stale = stale_columns(states, context.today)
    findings = [
        Finding(
            _("“%(name)s”超过 %(limit)s未更新（最近更新：%(last)s）")
            % {
                "name": c.name,
                "limit": _limit_text(c.limit_days),
                "last": timezone.localtime(c.last_updated).strftime("%Y-%m-%d") if c.last_updated else _("从未"),
            },
            c.admin_url or c.url,
        )
        for c in stale
    ]
    passed = len(stale) < STALE_VETO_COUNT
    summary = _("%(n)d 个应定期更新的栏目中有 %(stale)d 个超期未更新（5 个及以上为单项否决）") % {
        "n": sum(1 for c in states if c.limit_days is not None),
        "stale": len(stale),
    }
    return result(check, passed=passed, summary=summary, findings=findings if not passed else [], warnings=findings)


def _columns_blank(check: Check, context: Context) -> Result:
    blank = blank_columns(columns())
    findings = [Finding(_("“%(name)s”没有任何公开信息") % {"name": c.name}, c.admin_url or c.url) for c in blank]
    passed = len(blank) < BLANK_VETO_COUNT
    summary = _("空白栏目 %(n)d 个（5 个及以上为单项否决；空栏目应补充内容或合并、撤销）") % {"n": len(blank)}
    return result(check, passed=passed, summary=summary, findings=findings if not passed else [], warnings=findings)


# --- Home page freshness --------------------------------------------------------------------


def _when(item) -> datetime | None:
    when = item.when
    if when is None:
        return None
    if isinstance(when, datetime):
        return when
    return timezone.make_aware(datetime.combine(when, datetime.min.time()))


def _home_fresh(check: Check, context: Context) -> Result:
    newest = None
    for section in registry.home_sections():
        if section.latest is None:
            continue
        for item in section.latest(1):
            when = _when(item)
            if when is not None and when <= timezone.now() and (newest is None or when > newest[0]):
                newest = (when, item)
    if newest is None:
        return result(
            check, passed=False, summary=_("首页没有任何带发布时间的信息"), findings=[Finding(_("首页无内容"), "/")]
        )
    when, item = newest
    age = (context.today - timezone.localdate(when)).days
    passed = age <= HOME_LIMIT_DAYS
    summary = _("首页最新信息“%(title)s”发布于 %(on)s（%(age)d 天前）") % {
        "title": item.title,
        "on": timezone.localtime(when).strftime("%Y-%m-%d"),
        "age": age,
    }
    findings = [] if passed else [Finding(_("首页 2 周内没有更新，请发布新的信息"), "/admin/")]
    return result(check, passed=passed, summary=summary, findings=findings)


# --- The crawl: links, attachments, 网页标签 ---------------------------------------------------


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag in ("img", "script") and attrs.get("src"):
            self.links.append(attrs["src"])
        elif tag == "link" and attrs.get("href") and attrs.get("rel") in ("stylesheet", "icon"):
            self.links.append(attrs["href"])
        elif tag == "meta" and attrs.get("name"):
            self.meta[attrs["name"]] = attrs.get("content") or ""


def _host() -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    if validate_host(host, settings.ALLOWED_HOSTS):
        return host
    for allowed in settings.ALLOWED_HOSTS:
        if allowed and not allowed.startswith(".") and allowed != "*":
            return allowed
    return "localhost"


def _local_path(href: str, base: str) -> str | None:
    """The site-local path of a link (query kept, fragment dropped), or None for another site or a scheme."""
    if href.startswith(("mailto:", "tel:", "javascript:", "data:", "#")):
        return None
    absolute = urljoin(settings.SITE_URL + base, href)
    parts = urlsplit(absolute)
    site = urlsplit(settings.SITE_URL)
    if parts.scheme not in ("http", "https") or parts.netloc != site.netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _followed(path: str) -> bool:
    """Follow plain paths and pagination; other query links (filters, exports, error forms) are checked by route."""
    if path.startswith(SKIP_PREFIXES):
        return False
    if "?" not in path:
        return True
    query = path.split("?", 1)[1]
    return query.startswith("page=") and "&" not in query


def crawl_site(*, max_pages: int = DEFAULT_MAX_PAGES, start: str = "/") -> Crawl:
    """Fetch the public site breadth-first from `start`; record broken links and pages without the site tags."""
    from django.test import Client  # the in-process client: no server, no network

    client = Client(HTTP_HOST=_host(), raise_request_exception=False)
    crawl = Crawl()
    queue: deque[tuple[str, str]] = deque([(start, "")])
    seen = {start}
    while queue:
        if crawl.fetched >= max_pages:
            crawl.truncated = True
            break
        path, referrer = queue.popleft()
        response = client.get(path)
        crawl.fetched += 1
        if response.status_code in (301, 302, 303, 307, 308):
            target = _local_path(response.get("Location", ""), path)
            if target and target not in seen and _followed(target):
                seen.add(target)
                queue.append((target, referrer))
            continue
        if response.status_code >= 400 and response.status_code != 410:  # 410: withdrawn, with its reason
            crawl.broken.append((path, response.status_code, referrer))
            continue
        if "text/html" not in response.get("Content-Type", "") or getattr(response, "streaming", False):
            continue
        parser = _PageParser()
        parser.feed(response.content.decode("utf-8", "replace"))
        missing = [tag for tag in SITE_TAGS if not parser.meta.get(tag)]
        if missing:
            crawl.untagged.append((path, missing))
        for href in parser.links:
            target = _local_path(href, path)
            if target is None or target in seen:
                continue
            seen.add(target)
            if _followed(target):
                queue.append((target, path))
            elif not target.startswith(SKIP_PREFIXES):
                try:
                    resolve(target.split("?", 1)[0])
                except Resolver404:
                    crawl.broken.append((target, 404, path))
    return crawl


def _links(check: Check, context: Context) -> Result:
    crawl = context.crawl
    findings = [
        Finding(
            _("%(url)s 打不开（HTTP %(status)d），链接位于 %(page)s") % {"url": url, "status": s, "page": page}, page
        )
        for url, s, page in crawl.broken
    ]
    summary = _("检查了 %(n)d 个页面和附件，失效链接 %(bad)d 个") % {"n": crawl.fetched, "bad": len(crawl.broken)}
    if crawl.truncated:
        summary += _("（达到 %(max)d 页上限，其余页面未检查）") % {"max": context.max_pages}
    return result(check, passed=not crawl.broken, summary=summary, findings=findings)


def _page_tags(check: Check, context: Context) -> Result:
    crawl = context.crawl
    findings = [
        Finding(_("缺少网页标签：%(tags)s") % {"tags": "、".join(missing)}, url) for url, missing in crawl.untagged
    ]
    summary = _("%(n)d 个页面中 %(bad)d 个缺少 SiteName、SiteDomain 或 SiteIDCode") % {
        "n": crawl.fetched,
        "bad": len(crawl.untagged),
    }
    return result(check, passed=not crawl.untagged, summary=summary, findings=findings)


def register_shell_checks() -> None:
    """The checks that need no app (called once from the shell's AppConfig.ready())."""
    for key, title, rule, veto, fn, order in [
        (
            "home",
            gettext_lazy("首页更新"),
            gettext_lazy("首页 2 周内有更新（单项否决：首页不更新）"),
            True,
            _home_fresh,
            10,
        ),
        (
            "columns_stale",
            gettext_lazy("栏目更新"),
            gettext_lazy("动态类栏目 2 周、通知公告和政策文件栏目 6 个月内有更新；超期栏目达 5 个为单项否决"),
            True,
            _columns_stale,
            20,
        ),
        (
            "columns_blank",
            gettext_lazy("空白栏目"),
            gettext_lazy("空白栏目少于 5 个（单项否决）"),
            True,
            _columns_blank,
            30,
        ),
        (
            "links",
            gettext_lazy("链接和附件可用性"),
            gettext_lazy("站内链接和附件都能打开（扣分项）"),
            False,
            _links,
            60,
        ),
        (
            "page_tags",
            gettext_lazy("网页标签"),
            gettext_lazy("每个页面都有 SiteName、SiteDomain、SiteIDCode（网页设计规范）"),
            False,
            _page_tags,
            70,
        ),
    ]:
        register_check(Check(key=key, title=title, rule=rule, veto=veto, run=fn, order=order))
    registry.register_website_report_provider("site", website_report_figures)


# Staff read the runs; editors and reviewers may start one from the staff page.
roles.register(
    "loudi_portal.selfcheckrun",
    editor={"view", "run_selfcheck"},
    reviewer={"view", "run_selfcheck"},
    admin={"view"},
)


def run_and_record(*, by=None, max_pages: int = DEFAULT_MAX_PAGES, today: date | None = None):
    """Run every check and keep the run (the staff page shows the latest); return the run and the results."""
    from .models import SelfCheckRun

    started = timezone.now()
    context = Context(today=today or timezone.localdate(), max_pages=max_pages)
    results = [check.run(check, context) for check in checks()]
    record = SelfCheckRun.objects.create(
        started_at=started,
        finished_at=timezone.now(),
        pages=context._crawl.fetched if context._crawl else 0,
        veto_failed=veto_failed(results),
        failed=sum(1 for r in results if not r.passed),
        results=as_json(results),
        started_by=by,
    )
    return record, results


def website_report_figures(year: int) -> dict:
    """The 年度报表's 安全防护 rows from the self-check runs of `year`, and the home page's address (1 query)."""
    from .models import SelfCheckRun

    runs = list(SelfCheckRun.objects.filter(started_at__year=year).values_list("failed", flat=True))
    return {"url": settings.SITE_URL + "/", "selfcheck_runs": len(runs), "selfcheck_problems": sum(runs)}
