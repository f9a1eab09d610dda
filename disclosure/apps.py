from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政务公开")

    def ready(self):
        # Requests, budgets, yearly report: role rights and the handlers' group.
        from loudi_portal.registry import register_dataset

        from . import budget_permissions, report_permissions, request_permissions  # noqa: F401
        from .budget_views import dataset as budget_dataset
        from .obligation_services import register_defaults

        request_permissions.connect(self)
        register_defaults()
        register_dataset(budget_dataset())
