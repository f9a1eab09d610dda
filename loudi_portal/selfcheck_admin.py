"""The 自查 staff page: the latest run item by item (pass/fail, the page to fix), earlier runs, and 立即自查."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import registry, selfcheck
from .models import SelfCheckRun

# A run started from the page stops its crawl here so the page answers within a minute or so;
# the nightly `manage.py site_selfcheck` crawls the whole site.
PAGE_MAX_PAGES = 400


@admin.register(SelfCheckRun)
class SelfCheckRunAdmin(admin.ModelAdmin):
    """Not a list of records: the changelist is the latest run, with the history of runs below it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_run = request.user.has_perm("loudi_portal.run_selfcheck")
        if request.method == "POST":
            if not can_run:
                raise PermissionDenied
            run, _results = selfcheck.run_and_record(by=request.user, max_pages=PAGE_MAX_PAGES)
            level = messages.ERROR if run.veto_failed else messages.SUCCESS
            self.message_user(request, _("自查完成：%(n)d 项不通过。") % {"n": run.failed}, level)
            return redirect(reverse("admin:loudi_portal_selfcheckrun_changelist"))
        runs = list(SelfCheckRun.objects.select_related("started_by")[:20])
        ctx = {
            **self.admin_site.each_context(request),
            "title": _("网站自查"),
            "opts": self.model._meta,
            "latest": runs[0] if runs else None,
            "runs": runs,
            "can_run": can_run,
            "page_max_pages": PAGE_MAX_PAGES,
        }
        return TemplateResponse(request, "admin/loudi_portal/selfcheck.html", ctx)


registry.register_admin_shortcut(
    registry.AdminShortcut(
        key="selfcheck",
        title=_("网站自查"),
        url_name="admin:loudi_portal_selfcheckrun_changelist",
        permission="loudi_portal.view_selfcheckrun",
        description=_("按政府网站检查指标逐项自查：单项否决项、失效链接、办事指南要素"),
        order=30,
    )
)
