from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReliefConfig(AppConfig):
    name = "relief"
    verbose_name = _("救灾信息")

    def ready(self):
        from . import public

        public.connect()  # roles, open datasets, the obligations board
