from . import budget_admin, report_admin, request_admin  # noqa: F401  (budgets, reports, requests)
