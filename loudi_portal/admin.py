from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import roles
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


class StaffUserChangeForm(UserChangeForm):
    def clean_groups(self):
        groups = self.cleaned_data.get("groups")
        message = roles.exclusive_conflict(g.name for g in groups or ())
        if message:
            raise forms.ValidationError(message, code="exclusive_roles")
        return groups


@admin.register(User)
class StaffUserAdmin(SimpleHistoryAdmin, UserAdmin):
    """Staff accounts. Only a superuser may grant superuser status or single permissions,
    so a 管理员 cannot raise their own rights; nobody changes their own groups, permissions
    or staff status (read-only on one's own page, a forged post is refused); 录入员 and
    审核员 are never held together (loudi_portal/roles.py). Every change, groups included,
    is in the account's history (历史)."""

    form = StaffUserChangeForm
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
            if obj is not None and obj.pk == request.user.pk:
                readonly += [f for f in roles.SELF_LOCKED_FIELDS if f not in readonly]
        return readonly

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        own = object_id is not None and str(object_id) == str(request.user.pk) and not request.user.is_superuser
        if own and request.method == "POST" and any(f in request.POST for f in roles.SELF_LOCKED_FIELDS):
            # The page shows these read-only: a post carrying them was forged.
            raise PermissionDenied(roles.SELF_CHANGE_MESSAGE)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        """Record a change of groups as one history entry (from the old groups to the new),
        not as the removal and the addition `groups.set()` makes of it."""
        user = form.instance
        user.skip_history_when_saving = True
        try:
            super().save_related(request, form, formsets, change)
        finally:
            del user.skip_history_when_saving
        if change and "groups" in form.changed_data:
            user.save()  # one entry holding the new groups

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
