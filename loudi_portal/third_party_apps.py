"""Chinese names for third-party apps that declare none (the back office shows app names)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    """django-axes (login throttling), named for the back office; its label stays "axes"."""

    verbose_name = _("登录保护")
