"""Who may do what with approvals (the role table lives in loudi_portal.roles)."""

from loudi_portal import roles

# The catalogue is reference data: editors draft guides, admins maintain them.
for label in ("approvals.service", "approvals.material", "approvals.step"):
    roles.register(
        label,
        editor={"view", "add", "change"},
        reviewer={"view", "change"},
        admin={"view", "add", "change"},
    )
# Window staff (editors) log applications; reviewers decide and publish.
for label in ("approvals.application", "approvals.pause"):
    roles.register(
        label,
        editor={"view", "add", "change"},
        reviewer={"view", "add", "change"},
        admin={"view"},
    )
for label in ("approvals.agency", "approvals.supervisionrecord"):
    roles.register(
        label,
        editor={"view", "add", "change"},
        reviewer={"view", "change"},
        admin={"view", "add", "change"},
    )


def can_process(user) -> bool:
    """Staff who may move an application through its stages."""
    return bool(user and user.is_active and user.has_perm("approvals.change_application"))
