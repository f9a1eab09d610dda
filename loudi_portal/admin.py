from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import publishing_admin  # noqa: F401  (registers the corrections' admin)
from .models import BureauProfile, Department, Leader


@admin.register(BureauProfile)
class BureauProfileAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "email", "is_demo"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "credit_code", "head_name", "functions"]}),
        (
            _("联系方式"),
            {"fields": ["address", "postcode", "phone", "fax", "email", "office_hours", "disclosure_office"]},
        ),
        (_("网站标识"), {"fields": ["site_code", "icp_record", "police_record", "is_demo"]}),
    ]

    def has_add_permission(self, request):
        # One profile only: once it exists, it is edited, not added again.
        return super().has_add_permission(request) and not BureauProfile.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "phone", "position"]
    search_fields = ["name", "duties"]


@admin.register(Leader)
class LeaderAdmin(SimpleHistoryAdmin):
    list_display = ["name", "title", "position"]
    search_fields = ["name", "title"]


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Staff accounts. Only a superuser may grant superuser status or single permissions,
    so a 管理员 cannot raise their own rights."""

    list_display = ["username", "last_name", "first_name", "is_staff", "is_active", "role_names", "last_login"]
    list_filter = ["is_staff", "is_active", "groups"]

    @admin.display(description=_("角色"))
    def role_names(self, obj):
        return "、".join(g.name for g in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions", "last_login", "date_joined"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, not deleted: history keeps pointing at them.
        return request.user.is_superuser and super().has_delete_permission(request, obj)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    """The role groups are defined in loudi_portal/roles.py and synced on migrate."""

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# The working-day calendar's admin; auditor exports, export log and history chain.
from . import audit_admin, calendar_admin  # noqa: E402, F401
