"""网页标签 (the 政府网站网页设计规范's page metadata) declared once per view.

A view declares the column it belongs to and, on an article page, how to read
the article from its template context:

    @page_meta(column=NOTICES, article=lambda ctx: Article.of(ctx["notice"], source=ctx["notice"].source))
    @require_safe
    def notice_detail(request, pk): ...

`templates/base.html` renders the tags with `{% page_meta_tags %}` (see
`templatetags/pagemeta.py`), which finds the declaration on the resolved view:
SiteName, SiteDomain and SiteIDCode on every page, the column's four tags on
every page that declares a column, the article's tags where there is one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

# The 规范's ColumnType values confirmed in WEBSITE-STANDARDS.md §1 (the list goes on; further
# values are unconfirmed, so a column must pick one of these).
COLUMN_TYPES = (
    "首页",
    "概况信息",
    "机构职能",
    "负责人信息",
    "工作动态",
    "政策文件",
    "信息公开指南",
    "信息公开目录",
    "信息公开年报",
    "依法申请公开",
    "数据发布",
    "政策解读",
    "回应关切",
    "办事服务",
    "咨询投诉",
    "征集调查",
    "在线访谈",
)

PUB_DATE_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Column:
    """A column (栏目) of the site: ColumnName, ColumnDescription, ColumnKeywords, ColumnType."""

    name: str
    description: str
    keywords: str
    type: str

    def __post_init__(self):
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"ColumnType {self.type!r} of column {self.name!r} is not one of {COLUMN_TYPES}")
        if not (self.name and self.description and self.keywords):
            raise ValueError(f"Column {self.name!r} needs a name, a description and keywords")


@dataclass(frozen=True)
class Article:
    """An article page's tags: ArticleTitle, PubDate, ContentSource (+ the optional ones)."""

    title: str
    published_at: datetime | None
    source: str = ""  # empty: the bureau itself publishes it
    keywords: str = ""
    author: str = ""
    description: str = ""
    url: str = ""

    @classmethod
    def of(cls, obj, *, title: str = "", published_at: datetime | None = None, **kwargs) -> "Article":
        """The article tags of a public record: its title, publication time and absolute URL."""
        url = kwargs.pop("url", "") or (settings.SITE_URL + obj.get_absolute_url())
        return cls(
            title=title or getattr(obj, "title", "") or str(obj),
            published_at=published_at or getattr(obj, "published_at", None),
            url=url,
            **kwargs,
        )

    @property
    def pub_date(self) -> str:
        """PubDate as the 规范 writes it, to the minute in local time: "YYYY-MM-DD HH:MM"."""
        if self.published_at is None:
            return ""
        return timezone.localtime(self.published_at).strftime(PUB_DATE_FORMAT)


@dataclass(frozen=True)
class PageMeta:
    """What a view declares: its column, and how to read its article from the template context."""

    column: Column | None = None
    article: Callable[[dict], Article | None] | None = field(default=None)


ATTRIBUTE = "page_meta"


def page_meta(*, column: Column | None = None, article: Callable[[dict], Article | None] | None = None):
    """Declare a view's 网页标签 (put it outermost, above the other decorators)."""
    meta = PageMeta(column=column, article=article)

    def decorate(view):
        setattr(view, ATTRIBUTE, meta)
        return view

    return decorate


def declared(view) -> PageMeta | None:
    """The declaration of a resolved view function (None when it declares none)."""
    return getattr(view, ATTRIBUTE, None)


def site_domain() -> str:
    """SiteDomain: the host of SITE_URL."""
    return urlsplit(settings.SITE_URL).hostname or ""


def tags(*, bureau, meta: PageMeta | None, context: dict) -> list[tuple[str, str]]:
    """The (name, content) pairs of a page's 网页标签, in the 规范's order (no query)."""
    pairs = [("SiteName", bureau.site_name), ("SiteDomain", site_domain()), ("SiteIDCode", bureau.site_code)]
    if meta is None:
        return pairs
    if meta.column is not None:
        column = meta.column
        pairs += [
            ("ColumnName", column.name),
            ("ColumnDescription", column.description),
            ("ColumnKeywords", column.keywords),
            ("ColumnType", column.type),
        ]
    article = None
    if meta.article is not None:
        try:
            article = meta.article(context)
        except (KeyError, AttributeError):
            # An error page (404, 410) rendered for an article's URL is not that article.
            article = None
    if article is not None:
        pairs += [
            ("ArticleTitle", article.title),
            ("PubDate", article.pub_date),
            ("ContentSource", article.source or bureau.name),
        ]
        optional = [
            ("Keywords", article.keywords),
            ("Author", article.author),
            ("Description", article.description),
            ("Url", article.url),
        ]
        pairs += [(name, value) for name, value in optional if value]
    return pairs
