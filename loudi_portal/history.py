"""The one history mechanism of the portal.

Every public record declares `history = tracked()`. django-simple-history keeps a
full snapshot of the row per change (who, when, what), so an auditor can ask
"what exactly did this record say on date X" with `.history.as_of(x)` and diff
two versions. Changes made through `QuerySet.update()` or `bulk_create` bypass
the signals, so workflow code never uses them on tracked models.
"""

from simple_history.models import HistoricalRecords


def tracked(**kwargs) -> HistoricalRecords:
    """Return the history descriptor every tracked model uses."""
    kwargs.setdefault("cascade_delete_history", False)
    return HistoricalRecords(**kwargs)
