from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("娄底市应急管理局 政务公开管理后台")
    site_title = _("政务公开管理后台")
    index_title = _("后台首页")
    site_url = "/"
    enable_nav_sidebar = True


class LoudiAdminConfig(AdminConfig):
    """The Django admin, branded for the bureau's back office."""

    default_site = "loudi_portal.admin_site.PortalAdminSite"
