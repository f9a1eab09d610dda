"""Who does what with the “三公” statements: editors enter, reviewers publish."""

from loudi_portal import roles

roles.register(
    "disclosure.sangongstatement",
    editor={"view", "add", "change"},
    reviewer={"view", "publish_sangongstatement"},
    admin={"view"},
)
roles.register("disclosure.sangongline", editor={"view", "add", "change"}, reviewer={"view"}, admin={"view"})
