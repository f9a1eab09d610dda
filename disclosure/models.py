from .budget_models import BudgetCategory, SanGongLine, SanGongStatement  # noqa: F401  (三公 budgets)
from .report_models import AnnualReport, ReportManualFigure, ReviewCase  # noqa: F401  (yearly report)
from .request_models import ApplicantKind, Channel, InfoRequest, Outcome, RequestEvent  # noqa: F401  (requests)
