"""Who may do what with the 救灾 registers: editors draft, reviewers publish (four eyes)."""

from loudi_portal import roles


def register_roles() -> None:
    roles.register(
        "relief.disasterloss",
        editor={"view", "add", "change", "submit_disasterloss"},
        reviewer={"view", "publish_disasterloss", "withdraw_disasterloss"},
        admin={"view"},
    )
    roles.register(
        "relief.donation",
        editor={"view", "add", "change", "submit_donation"},
        reviewer={"view", "publish_donation", "withdraw_donation"},
        admin={"view"},
    )
