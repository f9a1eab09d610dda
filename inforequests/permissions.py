"""Who may see information requests: their handlers and auditors, nobody else.

Requests carry personal data (ID numbers, addresses, phone numbers). Staff see
them only with the custom permission `inforequests.handle_inforequest` (given to
the 依申请公开办理人 group, or to a user directly); auditors read them. The four
role groups get nothing else on these models.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from loudi_portal import roles

HANDLER_GROUP = "依申请公开办理人"
HANDLE_PERM = "inforequests.handle_inforequest"

roles.register_group("handler", HANDLER_GROUP)
roles.register("inforequests.inforequest", editor=set(), reviewer=set(), admin=set())
roles.register("inforequests.requestevent", editor=set(), reviewer=set(), admin=set())


def can_handle_requests(user) -> bool:
    return bool(user and user.is_active and user.has_perm(HANDLE_PERM))


def can_view_requests(user) -> bool:
    """Handlers and auditors (who hold the view permission through their role)."""
    return can_handle_requests(user) or bool(user and user.is_active and user.has_perm("inforequests.view_inforequest"))


def ensure_handler_group(**kwargs) -> None:
    """post_migrate: the handlers' group holds the handling permission (kept in step)."""
    if kwargs.get("using", "default") != "default":
        return
    perm = Permission.objects.filter(content_type__app_label="inforequests", codename="handle_inforequest").first()
    if perm is None:
        return
    group, _created = Group.objects.get_or_create(name=HANDLER_GROUP)
    group.permissions.add(perm)


def connect(app_config) -> None:
    post_migrate.connect(ensure_handler_group, sender=app_config, dispatch_uid="inforequests.handlers")


HANDLER_GROUP_LABEL = _("依申请公开办理人")
