from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractConfig(AppConfig):
    name = "interact"
    verbose_name = _("互动交流")

    def ready(self):
        from . import public

        public.connect(self)  # roles, the obligations board
