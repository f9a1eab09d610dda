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
    # Reviewers publish what others wrote; they never edit it (four eyes), corrections included.
    reviewer={"view", "publish_notice", "withdraw_notice"},
    admin={"view"},
)


roles.register(
    "disclosure.noticeattachment",
    editor={"view", "add", "change"},
    reviewer={"view"},
    admin={"view"},
)
# Relations (解读, 修改, 替代, 废止, 整改评估) are edited with their draft notice (the inline allows it
# only while the notice is a draft); removing one from a draft is part of editing it.
roles.register(
    "disclosure.noticerelation",
    editor={"view", "add", "change", "delete"},
    reviewer={"view"},
    admin={"view"},
)
roles.register("disclosure.noticeviewcount", editor={"view"}, reviewer={"view"}, admin={"view"})


def can_preview(user, notice) -> bool:
    return user.is_active and user.is_staff and user.has_perm("disclosure.view_notice")


# --- Who does what with the “三公” statements: editors enter, reviewers publish.

roles.register(
    "disclosure.sangongstatement",
    editor={"view", "add", "change", "submit_sangongstatement"},
    reviewer={"view", "publish_sangongstatement", "withdraw_sangongstatement"},
    admin={"view"},
)


roles.register("disclosure.sangongline", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})


# --- The yearly report: editors draft, reviewers publish; review cases are entered by editors.

roles.register(
    "disclosure.annualreport",
    editor={"view", "add", "change", "submit_annualreport"},
    reviewer={"view", "publish_annualreport", "withdraw_annualreport"},
    admin={"view"},
)


roles.register("disclosure.reportmanualfigure", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})


roles.register("disclosure.reviewcase", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})


roles.register("disclosure.obligationboard", editor={"view"}, reviewer={"view"}, admin={"view"})


# --- The 政府网站工作年度报表: editors draft it, reviewers publish it.

roles.register(
    "disclosure.websitereport",
    editor={"view", "add", "change", "submit_websitereport"},
    reviewer={"view", "publish_websitereport", "withdraw_websitereport"},
    admin={"view"},
)
