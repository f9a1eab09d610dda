from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("煤矿关闭奖补")

    def ready(self):
        from . import public

        public.connect()  # roles, home section, search, open datasets
