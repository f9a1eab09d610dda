from functools import cache

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry


class PortalAdminSite(admin.AdminSite):
    site_header = _("娄底市应急管理局 政务公开管理后台")
    site_title = _("政务公开管理后台")
    index_title = _("后台首页")
    site_url = "/"
    enable_nav_sidebar = True
    index_template = "admin/portal_index.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        """Register as usual, every model admin with compact dates in its change list."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CompactDatesMixin):
            admin_class = type(
                admin_class.__name__, (CompactDatesMixin, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)

    def index(self, request, extra_context=None):
        """The home page: the user's work queues and shortcuts above the list of models."""
        # Imported here: this module is loaded with INSTALLED_APPS, before any model exists.
        from . import work_queues

        extra_context = {
            **(extra_context or {}),
            "work_queues": work_queues.queues_for(request.user, timezone.localdate()),
            "shortcuts": shortcuts_for(request.user),
        }
        return super().index(request, extra_context)


class CompactDatesMixin:
    """Change lists show a date as 2026-12-01 and a time as 2026-12-01 14:03 (Django's Chinese
    format, "2026年12月1日 14:03", takes two lines of a narrow column). Sorting is unchanged."""

    def get_list_display(self, request):
        return [compact_date_column(self.model, name) for name in super().get_list_display(request)]


@cache
def compact_date_column(model, name):
    """The column `name` of `model`'s change list, as a compact-date callable if it is a date field."""
    if not isinstance(name, str):
        return name
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if not isinstance(field, models.DateField):  # DateTimeField is a DateField
        return name
    is_datetime = isinstance(field, models.DateTimeField)

    def column(obj):
        value = getattr(obj, name)
        if value is None:
            return None  # the admin shows its empty value
        if is_datetime:
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        return value.strftime("%Y-%m-%d")

    column.__name__ = name  # keeps the column's CSS class (column-<name>, field-<name>)
    column.short_description = field.verbose_name
    column.admin_order_field = name
    return column


def shortcuts_for(user) -> list[dict]:
    """The registered one-click links this user may follow."""
    links = []
    for shortcut in registry.admin_shortcuts():
        if not user.has_perm(shortcut.permission):
            continue
        try:
            url = reverse(shortcut.url_name)
        except NoReverseMatch:
            continue
        links.append({"title": shortcut.title, "url": url, "description": shortcut.description})
    return links


class LoudiAdminConfig(AdminConfig):
    """The Django admin, branded for the bureau's back office."""

    default_site = "loudi_portal.admin_site.PortalAdminSite"
