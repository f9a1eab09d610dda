"""The disclosure app's sections of /sitemap.xml: notices, the catalogue, budgets, yearly reports."""

from django.db.models import Max

from loudi_portal.models import BureauProfile
from loudi_portal.sitemaps import PagesSitemap, RecordSitemap, latest_change, newest

from .models import AnnualReport, Category, CategoryTree, Notice, SanGongStatement, WebsiteReport


class NoticeSitemap(RecordSitemap):
    """Every published notice (a withdrawn one answers 410 and leaves the sitemap)."""

    changefreq = "weekly"
    date_fields = ("published_at", "updated_at")

    def queryset(self):
        return Notice.objects.published().order_by("-published_at", "-id")


class CategorySitemap(RecordSitemap):
    """Every catalogue category, dated by the newest notice under it (two queries in all)."""

    changefreq = "daily"
    date_fields = ()
    use_history = True

    def queryset(self):
        return Category.objects.order_by("position", "id")

    def items(self):
        categories = list(super().items())
        tree = CategoryTree(categories)
        per_category = dict(
            Notice.objects.published()
            .order_by()
            .values_list("category_id")
            .annotate(m=Max("updated_at"))
            .values_list("category_id", "m")
        )
        for category in categories:
            category.notices_lastmod = newest(*(per_category.get(pk) for pk in tree.descendant_ids(category)))
        return categories

    def lastmod(self, item):
        return newest(item.notices_lastmod, getattr(item, "history_lastmod", None))

    def _latest_lastmod(self):
        return newest(super()._latest_lastmod(), Notice.objects.published().aggregate(m=Max("updated_at"))["m"])


class AnnualReportSitemap(RecordSitemap):
    """Every published yearly report (政府信息公开工作年度报告)."""

    changefreq = "yearly"
    url_fields = ("year",)

    def queryset(self):
        return AnnualReport.objects.published().order_by("-year")


class WebsiteReportSitemap(RecordSitemap):
    """Every published 政府网站工作年度报表."""

    changefreq = "yearly"
    url_fields = ("year",)

    def queryset(self):
        return WebsiteReport.objects.published().order_by("-year")


def _statements():
    return SanGongStatement.objects.published()


def _reports():
    return AnnualReport.objects.published()


class DisclosurePagesSitemap(PagesSitemap):
    """The guide (from the bureau's profile and the catalogue), the budgets page and the reports list."""

    changefreq = "monthly"
    pages = [
        ("disclosure:guide", lambda: newest(latest_change(BureauProfile.objects.all()), _category_change())),
        ("disclosure:budget-list", lambda: latest_change(_statements(), date_fields=("published_at",))),
        ("disclosure:annual-report-list", lambda: latest_change(_reports(), date_fields=("published_at",))),
    ]


def _category_change():
    return latest_change(Category.objects.all())


SITEMAPS = {
    "notices": NoticeSitemap,
    "notice-categories": CategorySitemap,
    "annual-reports": AnnualReportSitemap,
    "website-reports": WebsiteReportSitemap,
    "disclosure-pages": DisclosurePagesSitemap,
}
