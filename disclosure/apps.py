from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政务公开")

    def ready(self):
        # Requests, budgets, yearly report: role rights and the handlers' group.
        from loudi_portal.registry import SearchSource, register_dataset, register_search_source

        from . import budget_permissions, report_permissions, request_permissions  # noqa: F401
        from .budget_views import dataset as budget_dataset
        from .obligation_services import register_defaults
        from .report_views import search_reports

        request_permissions.connect(self)
        register_defaults()
        register_dataset(budget_dataset())
        register_search_source(SearchSource(key="annual_reports", label=_("年度报告"), search=search_reports, order=60))
