from .subsidy_models import *  # noqa: F401,F403  (the closure subsidy ledger lives in its own module)
