"""Who may do what with the closure subsidy ledger.

Editors (录入员) keep schemes, quotas and closures and record tranches;
reviewers (审核员) may also approve a tranche that goes beyond what is owed,
with a written justification. Nobody edits or deletes a tranche: there are
no change or delete rights on the ledger at all. Auditors view everything.
"""

from loudi_portal import roles

JUSTIFY_OVERPAYMENT = "subsidies.justify_overpayment"


def register_roles() -> None:
    roles.register(
        "subsidies.subsidyscheme",
        editor={"view", "add", "change"},
        reviewer={"view", "add", "change"},
        admin={"view"},
    )
    roles.register(
        "subsidies.subsidyquota",
        editor={"view", "add", "change"},
        reviewer={"view", "add", "change"},
        admin={"view"},
    )
    roles.register(
        "subsidies.mineclosure",
        editor={"view", "add", "change", "submit_mineclosure"},
        reviewer={"view", "publish_mineclosure", "withdraw_mineclosure"},
        admin={"view"},
    )
    roles.register(
        "subsidies.subsidypayment",
        editor={"view", "add"},
        reviewer={"view", "add", "justify_overpayment"},
        admin={"view"},
    )


def can_record_payment(user) -> bool:
    return bool(user and user.is_active and user.has_perm("subsidies.add_subsidypayment"))


def can_justify_overpayment(user) -> bool:
    """Only a reviewer may let a payee's total go beyond its entitlement."""
    return bool(user and user.is_active and user.has_perm(JUSTIFY_OVERPAYMENT))


def can_correct_scheme(user) -> bool:
    return bool(user and user.is_active and user.has_perm("subsidies.add_subsidyscheme"))
