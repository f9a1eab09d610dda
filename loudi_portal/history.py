"""The one history mechanism of the portal.

Every public record declares `history = tracked()`. django-simple-history keeps a
full snapshot of the row per change (who, when, what), so an auditor can ask
"what exactly did this record say on date X" with `.history.as_of(x)` and diff
two versions. Changes made through `QuerySet.update()` or `bulk_create` bypass
the signals, so workflow code never uses them on tracked models; bulk loaders use
simple-history's `bulk_create_with_history`, whose entries the history manager
announces (`bulk_history_created`) so that the hash chain takes them in too.
"""

from django.db import transaction
from django.dispatch import Signal
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords

# Sent with sender=<historical model>, rows=[the entries], using=<database>, inside the
# writing transaction, after entries were written in bulk (no per-row signal fires then).
bulk_history_created = Signal()


class ChainedHistoryManager(HistoryManager):
    """The history manager of every tracked model: announces the entries it writes in bulk.

    `bulk_create_with_history` and `bulk_update_with_history` write history rows with
    `bulk_create`, which sends none of the signals that chain single entries; this is the
    one place all of them pass (audit_chain.on_bulk_history_created listens).
    """

    def bulk_history_create(self, objs, *args, **kwargs):
        using = self.db
        with transaction.atomic(using=using):
            created = super().bulk_history_create(objs, *args, **kwargs)
            if created:
                bulk_history_created.send(sender=self.model, rows=created, using=using)
        return created


def tracked(**kwargs) -> HistoricalRecords:
    """Return the history descriptor every tracked model uses."""
    kwargs.setdefault("cascade_delete_history", False)
    kwargs.setdefault("history_manager", ChainedHistoryManager)
    return HistoricalRecords(**kwargs)
