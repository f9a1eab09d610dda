from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LoudiPortalConfig(AppConfig):
    name = "loudi_portal"
    verbose_name = _("门户基础")

    def ready(self):
        from . import audit, caching, checks, registry, roles  # noqa: F401  (checks register themselves)

        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="loudi_portal.sync_roles")
        caching.connect_invalidation(roles.PROJECT_APPS)
        audit.ready()  # hash chain over the history, audit roles, the foundation's open datasets
        from . import calendar_reminder, sitemaps, submit_once, tracking

        calendar_reminder.connect()  # next year's holidays missing: board item and 提醒 from December

        tracking.register_roles()
        submit_once.register_roles()
        from . import work_queues

        work_queues.connect()  # 待我审核 and 被退回 over every publishable model; the audit export's shortcut
        registry.register_sitemap(sitemaps.SHELL_SECTION, sitemaps.ShellPagesSitemap)
        from . import selfcheck

        selfcheck.register_shell_checks()  # 自查: home freshness, columns, links and attachments, 网页标签
        # The home page's sections, empty until an app registers the same key with a provider.
        for key, title, more, empty, order in [
            ("notices", _("最新公开信息"), "disclosure:notice-list", _("暂无公开信息。"), 10),
            ("enforcement", _("执法公示"), "enforcement:index", _("暂无执法公示信息。"), 20),
            ("approvals", _("行政审批结果"), "approvals:result-list", _("暂无行政审批结果。"), 30),
            ("mine_closures", _("煤矿关闭奖补"), "subsidies:closure-list", _("暂无煤矿关闭奖补信息。"), 40),
        ]:
            registry.register_home_section(
                registry.HomeSection(key=key, title=title, more_url_name=more, empty_text=empty, order=order)
            )
