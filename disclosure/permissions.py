"""Who may do what with notices. Role rights are declared here; predicates below."""

from loudi_portal import roles

roles.register(
    "disclosure.category",
    editor={"view"},
    reviewer={"view"},
    admin={"view", "add", "change"},
)


roles.register(
    "disclosure.notice",
    editor={"view", "add", "change", "submit_notice"},
    reviewer={"view", "change", "publish_notice", "withdraw_notice", "correct_notice"},
    admin={"view"},
)


roles.register(
    "disclosure.noticeattachment",
    editor={"view", "add", "change"},
    reviewer={"view", "add", "change"},
    admin={"view"},
)


roles.register("disclosure.noticecorrection", editor={"view"}, reviewer={"view"}, admin={"view"})


roles.register("disclosure.noticeviewcount", editor={"view"}, reviewer={"view"}, admin={"view"})


def _authors(notice) -> set:
    return {pk for pk in (notice.created_by_id, notice.submitted_by_id, notice.last_edited_by_id) if pk}


def can_edit(user, notice) -> bool:
    """Drafts and pending notices are edited by editors and reviewers; published ones only corrected."""
    return notice.is_editable and user.has_perm("disclosure.change_notice")


def can_submit(user, notice) -> bool:
    return notice.status == notice.Status.DRAFT and user.has_perm("disclosure.submit_notice")


def can_publish(user, notice) -> bool:
    """A reviewer publishes a pending notice that they did not draft, submit or last edit (four eyes)."""
    return (
        notice.status == notice.Status.PENDING
        and user.has_perm("disclosure.publish_notice")
        and user.pk not in _authors(notice)
    )


def can_return(user, notice) -> bool:
    return notice.status == notice.Status.PENDING and user.has_perm("disclosure.publish_notice")


def can_withdraw(user, notice) -> bool:
    return notice.status == notice.Status.PUBLISHED and user.has_perm("disclosure.withdraw_notice")


def can_correct(user, notice) -> bool:
    return notice.status == notice.Status.PUBLISHED and user.has_perm("disclosure.correct_notice")


def can_preview(user, notice) -> bool:
    return user.is_active and user.is_staff and user.has_perm("disclosure.view_notice")


# --- Who does what with the “三公” statements: editors enter, reviewers publish.

roles.register(
    "disclosure.sangongstatement",
    editor={"view", "add", "change"},
    reviewer={"view", "publish_sangongstatement"},
    admin={"view"},
)


roles.register("disclosure.sangongline", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})


# --- The yearly report: editors draft, reviewers publish; review cases are entered by editors.

roles.register(
    "disclosure.annualreport",
    editor={"view", "add", "change"},
    reviewer={"view", "publish_annualreport"},
    admin={"view"},
)


roles.register("disclosure.reportmanualfigure", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})


roles.register("disclosure.reviewcase", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})


roles.register("disclosure.obligationboard", editor={"view"}, reviewer={"view"}, admin={"view"})
