from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("行政审批")

    def ready(self):
        from loudi_portal import registry

        from . import (
            permissions,  # noqa: F401  (registers the role policies)
            public,
        )

        registry.register_home_section(
            registry.HomeSection(
                key="approvals",
                title=_("行政审批结果"),
                more_url_name="approvals:result-list",
                empty_text=_("暂无行政审批结果。"),
                order=30,
                latest=public.latest_results,
            )
        )
        registry.register_search_source(
            registry.SearchSource(
                key="approval_services",
                label=_("办事指南"),
                search=public.search_services,
                order=30,
                more_url_name="approvals:service-list",
            )
        )
        registry.register_search_source(
            registry.SearchSource(
                key="approval_results",
                label=_("行政许可结果"),
                search=public.search_results,
                order=31,
                more_url_name="approvals:result-list",
            )
        )
        for dataset in public.datasets():
            registry.register_dataset(dataset)
        public.connect()  # the yearly report's Table 二 and the obligations board
        from . import inspection

        inspection.connect()  # 自查: the ten key elements of every 办事指南
