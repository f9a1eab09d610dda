"""Changes of state of a 找错 report: received from the public, answered by staff."""

from django.db import transaction
from django.utils import timezone

from loudi_portal import tracking

from .models import ErrorReport

REFERENCE_PREFIX = "ZC"


@transaction.atomic
def receive_report(*, page_url: str, kind: str, description: str, contact: str = "") -> tuple[ErrorReport, str]:
    """Save a report with its reference number; return it and the query code (shown once, kept hashed)."""
    code = tracking.new_query_code()
    report = ErrorReport(
        reference=tracking.next_reference(
            prefix=REFERENCE_PREFIX, year=timezone.localdate().year, existing=ErrorReport.objects
        ),
        query_code_hash=tracking.hash_query_code(code),
        page_url=page_url,
        kind=kind,
        description=description,
        contact=contact,
    )
    report.save()
    return report, code


@transaction.atomic
def record_outcome(*, report: ErrorReport, status: str, outcome: str, by) -> ErrorReport:
    """Record what was done about a report (the sender sees status and outcome)."""
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    report.status = status
    report.outcome = outcome
    report.handled_by = by
    report.handled_at = timezone.now()
    report.save()
    return report


def find_report(reference: str, code: str) -> ErrorReport | None:
    """The report with this reference whose query code matches (1 query; None otherwise, same time)."""
    report = ErrorReport.objects.filter(reference=(reference or "").strip().upper()).first()
    stored = report.query_code_hash if report is not None else ""
    if tracking.check_query_code(code, stored) and report is not None:
        return report
    return None
