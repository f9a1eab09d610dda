"""Who may do what with approvals (the role table lives in loudi_portal.roles)."""

from loudi_portal import roles

# Public records on the shared lifecycle: editors draft and submit, reviewers publish what
# others wrote and never edit it (four eyes, corrections included).
for model in ("service", "agency"):
    roles.register(
        f"approvals.{model}",
        editor={"view", "add", "change", f"submit_{model}"},
        reviewer={"view", f"publish_{model}", f"withdraw_{model}"},
        admin={"view"},
    )
# A 双公示 result is drafted from its application's decision (services.draft_result), never added by hand.
roles.register(
    "approvals.approvalresult",
    editor={"view", "change", "submit_approvalresult"},
    reviewer={"view", "publish_approvalresult", "withdraw_approvalresult"},
    admin={"view"},
)
# A guide's materials and steps are edited with it (inlines, while the guide is a draft).
for label in ("approvals.material", "approvals.step"):
    roles.register(label, editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})
# Window staff (editors) log applications; reviewers decide and publish.
for label in ("approvals.application", "approvals.pause"):
    roles.register(
        label,
        editor={"view", "add", "change"},
        reviewer={"view", "add", "change"},
        admin={"view"},
    )
for label in ("approvals.supervisionrecord",):
    roles.register(
        label,
        editor={"view", "add", "change"},
        reviewer={"view", "change"},
        admin={"view", "add", "change"},
    )


def can_process(user) -> bool:
    """Staff who may move an application through its stages."""
    return bool(user and user.is_active and user.has_perm("approvals.change_application"))
