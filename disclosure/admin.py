from . import budget_admin, obligation_admin, report_admin, request_admin  # noqa: F401  (issue 7 parts)
