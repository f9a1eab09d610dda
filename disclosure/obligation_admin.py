from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from loudi_portal.obligations import board

from .obligation_models import ObligationBoard


@admin.register(ObligationBoard)
class ObligationBoardAdmin(admin.ModelAdmin):
    """Not a list of records: the changelist is the board itself (a handful of queries)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("公开义务看板"),
            "today": today,
            "opts": self.model._meta,
            **board(today),
        }
        return render(request, "reports/obligation_board.html", ctx)
