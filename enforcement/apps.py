from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("执法公示")

    def ready(self):
        from . import (
            permissions,  # noqa: F401  (registers the role table)
            public,
        )

        public.register_all()
        public.connect()  # the yearly report's Table 二 and the obligations board
