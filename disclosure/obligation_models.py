"""The obligations board is a back-office page, not data: a proxy gives it an admin entry."""

from django.utils.translation import gettext_lazy as _

from .report_models import AnnualReport


class ObligationBoard(AnnualReport):
    class Meta:
        proxy = True
        verbose_name = _("公开义务看板")
        verbose_name_plural = _("公开义务看板")
