"""The yearly report: editors draft, reviewers publish; review cases are entered by editors."""

from loudi_portal import roles

roles.register(
    "disclosure.annualreport",
    editor={"view", "add", "change"},
    reviewer={"view", "publish_annualreport"},
    admin={"view"},
)
roles.register("disclosure.reportmanualfigure", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})
roles.register("disclosure.reviewcase", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})
roles.register("disclosure.obligationboard", editor={"view"}, reviewer={"view"}, admin={"view"})
