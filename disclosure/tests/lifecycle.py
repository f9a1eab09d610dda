"""Test shortcut: publish a record the four-eyes way (a separate drafting account submits it)."""

from loudi_portal import publishing
from loudi_portal.demo import demo_drafter
from loudi_portal.publishing import Status


def publish_as(record, by):
    """Submit `record` (if it is a draft) as the drafting account, then publish it as `by`."""
    if record.status == Status.DRAFT:
        record = publishing.submit(record=record, by=demo_drafter())
    return publishing.publish(record=record, by=by, revision=record.revision)
