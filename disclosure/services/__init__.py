"""The disclosure workflows: notices, 三公 statements, yearly reports, the obligations board's own sources.

One module per part; everything public is re-exported here, so callers write
`from disclosure.services import compute_tables`.
"""

from .budgets import (
    VEHICLE_CATEGORIES,
    ZERO,
    Row,
    budget_page_data,
    change_rate,
    chart,
    missing_explanations,
    previous_statement,
    statement_rows,
)
from .notices import count_view, refresh_search_text, seen_count
from .obligations import (
    budget_obligations,
    connect_work_queue,
    register_defaults,
    report_obligations,
)
from .reports import (
    ANNUAL_REPORT_CATEGORY,
    PROACTIVE_WORKING_DAYS,
    TABLE2_LAYOUTS,
    compute_table2,
    compute_tables,
    connect,
    days_left,
    file_report_as_notice,
    normative_figures,
    proactive_obligations,
    publication_deadline,
    report_title,
    table2_cells,
    table2_layout,
)

__all__ = [
    "ANNUAL_REPORT_CATEGORY",
    "PROACTIVE_WORKING_DAYS",
    "Row",
    "TABLE2_LAYOUTS",
    "VEHICLE_CATEGORIES",
    "ZERO",
    "budget_obligations",
    "connect_work_queue",
    "budget_page_data",
    "change_rate",
    "chart",
    "compute_table2",
    "compute_tables",
    "connect",
    "days_left",
    "file_report_as_notice",
    "missing_explanations",
    "normative_figures",
    "previous_statement",
    "proactive_obligations",
    "publication_deadline",
    "count_view",
    "seen_count",
    "refresh_search_text",
    "register_defaults",
    "report_obligations",
    "report_title",
    "statement_rows",
    "table2_cells",
    "table2_layout",
]
