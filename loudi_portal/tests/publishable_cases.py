"""One complete draft of every publishable model, for the lifecycle's table-driven tests.

Each row: (model label, make(editor) -> field values of a complete draft,
a field a correction changes, its corrected value).
"""


def _category():
    from disclosure.models import Category

    return Category.objects.get_or_create(slug="announcements", defaults={"name": "通知公告"})[0]


def notice(editor):
    return {"title": "关于开展安全生产检查的通知", "category": _category(), "body": "<p>请各单位做好检查。</p>"}


def sangong(editor):
    """A complete statement needs its four lines: made on the fly before review (see `lines`)."""
    return {"year": 2031, "stage": "budget", "note": "2031 年度“三公”经费预算。"}


def report(editor):
    return {"year": 2031, "overview": "总体情况。", "problems": "存在的问题。", "other_matters": "其他事项。"}


CASES = [
    # disclosure
    ("disclosure.notice", notice, "title", "关于开展安全生产大检查的通知"),
    ("disclosure.sangongstatement", sangong, "note", "2031 年度“三公”经费预算（更正）。"),
    ("disclosure.annualreport", report, "problems", "存在的主要问题（更正）。"),
]


def complete(record) -> None:
    """Add what a draft needs besides its own fields (child rows, entered figures)."""
    label = record._meta.label_lower
    if label == "disclosure.sangongstatement":
        from decimal import Decimal

        from disclosure.models import BudgetCategory, SanGongLine

        for category in BudgetCategory.values:
            SanGongLine.objects.get_or_create(statement=record, category=category, defaults={"amount": Decimal("1000")})
    elif label == "disclosure.annualreport":
        from disclosure.models import ReportManualFigure
        from disclosure.report_tables import missing_figures
        from disclosure.services import compute_tables

        for row in ("rules", "coercion", "fees"):
            for column in ("issued", "repealed", "in_force", "decisions", "amount"):
                ReportManualFigure.objects.get_or_create(report=record, row=row, column=column, defaults={"value": 0})
        assert not missing_figures(compute_tables(record))
