from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("执法公示")

    def ready(self):
        from . import permissions  # noqa: F401  (registers the role table)
        from .registration import register_all

        register_all()

        from . import subsidy_registry

        subsidy_registry.connect()

        from . import disclosure_links

        disclosure_links.connect()
