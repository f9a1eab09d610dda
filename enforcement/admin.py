from . import subsidy_admin  # noqa: F401  (the closure subsidy ledger's back office)
