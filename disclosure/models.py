from .budget_models import BudgetCategory, SanGongLine, SanGongStatement  # noqa: F401  (三公 budgets)
from .obligation_models import ObligationBoard  # noqa: F401  (the obligations board admin page)
from .report_models import AnnualReport, ReportManualFigure, ReviewCase  # noqa: F401  (yearly report)
from .request_models import ApplicantKind, Channel, InfoRequest, Outcome, RequestEvent  # noqa: F401  (requests)
