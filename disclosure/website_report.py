"""The 政府网站工作年度报表 (国办函〔2018〕12号): its rows, and the figures counted from the portal's records.

The rows follow the layout commonly published (WEBSITE-STANDARDS §4; the template itself is
UNCONFIRMED): 基本信息, 信息发布, 专栏专题, 解读回应, 办事服务, 互动交流, 安全防护, 移动新媒体,
创新发展. Counted figures come from the registers through `registry.website_report_figures`
(each app registers its own provider; disclosure never imports them) and from the catalogue;
`rows()` is pure (report + figures + bureau profile in, table rows out).
"""

from datetime import date, datetime, time

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from loudi_portal import registry

from .models import Category, CategoryTree

# Catalogue columns counted as 概况类 and 政务动态 (by slug; staff may rename the columns).
OVERVIEW_SLUGS = ("organisation",)
NEWS_SLUGS = ("work-news",)
INTERPRETATION_SLUGS = ("policy-interpretation",)
DUE = (1, 29)  # Hunan: the previous year's 报表 on the home page by January 29


def due_on(year: int) -> date:
    return date(year + 1, *DUE)


def _year_range(year: int):
    tz = timezone.get_current_timezone()
    return datetime.combine(date(year, 1, 1), time.min, tz), datetime.combine(date(year + 1, 1, 1), time.min, tz)


def catalogue_figures(year: int) -> dict:
    """Notices published in `year`: in all, per top-level column, 概况类, 政务动态, 解读 (2 queries)."""
    start, end = _year_range(year)
    published = Q(
        notices__status__in=["published", "withdrawn"], notices__published_at__gte=start, notices__published_at__lt=end
    )
    counts = dict(Category.objects.annotate(n=Count("notices", filter=published)).values_list("pk", "n"))
    tree = CategoryTree.load()

    def total(slugs):
        return sum(
            counts.get(pk, 0)
            for slug in slugs
            if slug in tree.by_slug
            for pk in tree.descendant_ids(tree.by_slug[slug])
        )

    columns = [(c.name, sum(counts.get(pk, 0) for pk in tree.descendant_ids(c))) for c in tree.roots()]
    return {
        "total": sum(counts.values()),
        "overview": total(OVERVIEW_SLUGS),
        "news": total(NEWS_SLUGS),
        "interpretation": total(INTERPRETATION_SLUGS),
        "columns": columns,
    }


def compute(year: int) -> dict:
    """Every counted figure of `year` (frozen into the 报表 when it is published)."""
    return {"catalogue": catalogue_figures(year), **registry.website_report_figures(year)}


def rows(report, figures: dict, bureau) -> list[tuple[str, list[tuple[str, object]]]]:
    """The 报表 as (section, [(label, value)]); a missing figure shows as "—"."""

    def get(provider: str, key: str, default="—"):
        return figures.get(provider, {}).get(key, default)

    cat = figures.get("catalogue", {})
    yes, no = _("是"), _("否")
    return [
        (
            _("基本信息"),
            [
                (_("网站名称"), bureau.site_name),
                (_("首页网址"), get("site", "url", "")),
                (_("主办单位"), bureau.name),
                (_("网站类型"), _("政府门户网站以外的部门网站")),
                (_("政府网站标识码"), bureau.site_code),
                (_("ICP备案号"), bureau.icp_record),
                (_("公安机关备案号"), bureau.police_record),
                (_("独立用户访问总量（个）"), report.unique_visitors if report.unique_visitors is not None else "—"),
                (_("网站总访问量（次）"), report.page_views if report.page_views is not None else "—"),
            ],
        ),
        (
            _("信息发布"),
            [
                (_("总数（条）"), cat.get("total", "—")),
                (_("概况类信息更新量（条）"), cat.get("overview", "—")),
                (_("政务动态信息更新量（条）"), cat.get("news", "—")),
                (_("信息公开目录信息更新量（条）"), cat.get("total", "—")),
                *[(_("其中：%(column)s") % {"column": name}, n) for name, n in cat.get("columns", [])],
            ],
        ),
        (
            _("专栏专题"),
            [(_("维护数量（个）"), report.special_columns), (_("新开设数量（个）"), report.special_columns_new)],
        ),
        (
            _("解读回应"),
            [
                (_("解读信息发布总数（条）"), cat.get("interpretation", "—")),
                (_("回应公众关注热点或重大舆情数量（次）"), report.hot_responses),
            ],
        ),
        (
            _("办事服务"),
            [
                (_("公开办事指南数量（项）"), get("approvals", "services")),
                (_("注册用户数（个）"), _("不设注册")),
                (_("政务服务事项办件量（件）"), get("approvals", "applications")),
            ],
        ),
        (
            _("互动交流"),
            [
                (_("留言：收到留言数量（条）"), get("interact", "received")),
                (_("留言：办结留言数量（条）"), get("interact", "answered")),
                (_("留言：平均办理时间（工作日）"), get("interact", "average_days")),
                (_("留言：公开答复数量（条）"), get("interact", "published")),
                (_("网站找错：收到（条）"), get("interact", "error_reports")),
                (_("网站找错：处理（条）"), get("interact", "error_reports_handled")),
                (_("征集调查（期）"), report.surveys),
                (_("在线访谈（期）"), report.interviews),
                (_("智能问答"), _("未开设")),
            ],
        ),
        (
            _("安全防护"),
            [
                (_("安全检测评估次数（次）"), get("site", "selfcheck_runs")),
                (_("发现问题数量（个）"), get("site", "selfcheck_problems")),
                (_("问题整改数量（个）"), report.problems_fixed),
                (_("是否建立安全监测预警机制"), yes if report.has_early_warning else no),
                (_("开展应急演练次数（次）"), report.emergency_drills),
                (_("是否明确网站安全负责人"), report.security_officer or no),
            ],
        ),
        (_("移动新媒体"), [(_("情况"), report.new_media or "—")]),
        (_("创新发展"), [(_("情况"), report.innovation or "—")]),
    ]


# --- How the 报表 joins the shared pages: the obligations board, the home page in January, 自查.


def published_report(year: int):
    from .models import WebsiteReport

    return WebsiteReport.objects.published().filter(year=year).first()


def report_obligations(today: date) -> list:
    """Last year's 报表, due January 29 (1 query)."""
    from django.urls import reverse

    from loudi_portal.obligations import Obligation

    from .models import WebsiteReport

    year = today.year - 1
    report = WebsiteReport.objects.filter(year=year).first()
    done = timezone.localdate(report.published_at) if report and report.is_public else None
    return [
        Obligation(
            title=_("%(year)d 年度政府网站工作年度报表") % {"year": year},
            rule=_("每年 1 月 29 日前在网站首页公开上一年度报表（国办函〔2018〕12号，湖南省要求）"),
            due_on=due_on(year),
            done_on=done,
            url=reverse("admin:disclosure_websitereport_change", args=[report.pk])
            if report
            else reverse("admin:disclosure_websitereport_add"),
        )
    ]


def home_notice(today: date) -> list[registry.Item]:
    """In January, last year's 报表 at the top of the home page (首页显著位置), once published (1 query)."""
    if today.month != 1:
        return []
    report = published_report(today.year - 1)
    if report is None:
        return []
    return [
        registry.Item(title=str(report), url=report.get_absolute_url(), when=report.published_at, label=_("年度报表"))
    ]


def report_check(check, context):
    from django.urls import reverse

    from loudi_portal import selfcheck

    today = context.today
    year = today.year - 1 if today > due_on(today.year - 1) else today.year - 2
    report = published_report(year)
    if report is None:
        finding = selfcheck.Finding(
            _("%(year)d 年度政府网站工作年度报表尚未发布（应于 %(due)s 前发布）") % {"year": year, "due": due_on(year)},
            reverse("admin:disclosure_websitereport_changelist"),
        )
        return selfcheck.result(check, passed=False, summary=finding.text, findings=[finding])
    on = timezone.localdate(report.published_at)
    passed = on <= due_on(year)
    summary = _("%(year)d 年度报表于 %(on)s 发布（期限 %(due)s）") % {"year": year, "on": on, "due": due_on(year)}
    findings = [] if passed else [selfcheck.Finding(_("年度报表发布超期"), report.get_absolute_url())]
    return selfcheck.result(check, passed=passed, summary=summary, findings=findings)


def connect() -> None:
    from django.utils.translation import gettext_lazy

    from loudi_portal import obligations, selfcheck

    obligations.register_obligation_source(
        "website_report", gettext_lazy("政府网站工作年度报表"), gettext_lazy("次年 1 月 29 日前"), report_obligations
    )
    registry.register_home_notice("website_report", home_notice)
    selfcheck.register_check(
        selfcheck.Check(
            key="website_report",
            title=gettext_lazy("政府网站工作年度报表"),
            rule=gettext_lazy("上一年度报表于 1 月 29 日前在首页公开（国办函〔2018〕12号；湖南省要求）"),
            veto=False,
            run=report_check,
            order=85,
        )
    )
