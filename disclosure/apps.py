from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政务公开")

    def ready(self):
        from loudi_portal import registry

        from . import permissions, search, services, sitemaps, views  # noqa: F401  (permissions register themselves)
        from .models import Notice

        post_migrate.connect(search.ensure_after_migrate, sender=self, dispatch_uid="disclosure.search_index")
        registry.register_preload(search.segmenter)  # gunicorn's master loads the dictionary once
        registry.register_home_section(
            registry.HomeSection(
                key="notices",
                title=_("最新公开信息"),
                more_url_name="disclosure:notice-list",
                empty_text=_("暂无公开信息。"),
                order=10,
                latest=views.latest_items,
            )
        )
        registry.register_search_source(
            registry.SearchSource(
                key="notices",
                label=_("政府信息公开"),
                search=views.search_source,
                order=10,
                extra={"page": views.search_page},
            )
        )
        registry.register_dataset(
            registry.Dataset(
                key="notices",
                title=_("政府信息公开目录"),
                description=_("本局主动公开的政府信息：索引号、标题、文号、栏目、发布时间和网址。"),
                url_name="disclosure:notice-list",
                columns=views.NOTICE_COLUMNS,
                public=lambda: Notice.objects.published().for_list(),
                everything=lambda: Notice.objects.select_related("category").order_by("-id"),
                order=10,
            )
        )
        registry.register_live_counter("notice-views", services.count_view)
        registry.register_live_counter("notice-views-seen", services.seen_count)
        for key, sitemap in sitemaps.SITEMAPS.items():
            registry.register_sitemap(key, sitemap)

        # Budgets, yearly report: the obligations board, Table 二's normative row, open data, search.
        services.register_defaults()
        services.connect_work_queue()  # the board's row in the back office's work queues
        services.connect()
        from . import inspection

        inspection.connect()  # 自查: the catalogue's columns and the yearly report's date
        from . import website_report

        website_report.connect()  # the 政府网站工作年度报表: obligations board, home page in January, 自查
        registry.register_dataset(views.dataset())
        registry.register_site_map_group(
            registry.SiteMapGroup(
                key="catalogue", title=_("政府信息公开目录"), links=views.site_map_categories, order=10
            )
        )
        for slug, link in views.CATEGORY_LINKS:
            registry.register_category_link(slug, link)
        registry.register_search_source(
            registry.SearchSource(key="annual_reports", label=_("年度报告"), search=views.search_reports, order=60)
        )
