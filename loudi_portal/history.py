"""The one history mechanism of the portal.

Every public record declares `history = tracked()`. django-simple-history keeps a
full snapshot of the row per change (who, when, what), so an auditor can ask
"what exactly did this record say on date X" with `.history.as_of(x)` and diff
two versions. Changes made through `QuerySet.update()` or `bulk_create` bypass
the signals, so workflow code never uses them on tracked models; bulk loaders use
simple-history's `bulk_create_with_history`, whose entries the history manager
chains (`audit_chain.ChainedHistoryManager`).
"""

from simple_history.models import HistoricalRecords

from .audit_chain import ChainedHistoryManager


def tracked(**kwargs) -> HistoricalRecords:
    """Return the history descriptor every tracked model uses."""
    kwargs.setdefault("cascade_delete_history", False)
    kwargs.setdefault("history_manager", ChainedHistoryManager)
    return HistoricalRecords(**kwargs)
