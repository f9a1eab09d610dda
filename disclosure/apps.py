from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政务公开")

    def ready(self):
        from loudi_portal import registry

        from . import feeds, permissions, search, services, views  # noqa: F401  (permissions register themselves)
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
        registry.register_sitemap("notices", feeds.NoticeSitemap)
        registry.register_sitemap("notice-categories", feeds.CategorySitemap)

        # Budgets, yearly report: the obligations board, Table 二's normative row, open data, search.
        services.register_defaults()
        services.connect()
        registry.register_dataset(views.dataset())
        registry.register_search_source(
            registry.SearchSource(key="annual_reports", label=_("年度报告"), search=views.search_reports, order=60)
        )
