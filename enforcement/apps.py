from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("执法公示")

    def ready(self):
        from . import subsidy_registry

        subsidy_registry.connect()
