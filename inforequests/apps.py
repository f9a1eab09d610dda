from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InforequestsConfig(AppConfig):
    name = "inforequests"
    verbose_name = _("依申请公开")

    def ready(self):
        from . import public

        public.connect(self)  # the handlers' group, Table 三, the obligations board
