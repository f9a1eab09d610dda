"""The four-eyes rule of the one publication lifecycle, for every publishable model.

Each case makes a complete draft of one model (written by the editor) and names
one field a correction changes. The same table of rules runs over all of them.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from loudi_portal import publishing
from loudi_portal.models import BureauProfile, Correction
from loudi_portal.publishing import Publishable, Status
from loudi_portal.tests import publishable_cases

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    label: str  # "app_label.model_name"
    make: object  # make(editor) -> an unsaved-or-saved draft's field dict
    field: str  # a field a correction changes
    new_value: object

    @property
    def model(self):
        return apps.get_model(self.label)


CASES = [Case(*row) for row in publishable_cases.CASES]


def test_every_publishable_model_is_in_the_table():
    publishable = {
        m._meta.label_lower
        for m in apps.get_models()
        if issubclass(m, Publishable) and not m._meta.abstract and not m._meta.proxy
    }
    assert publishable == {c.label for c in CASES}


@pytest.fixture
def bureau(db):
    from loudi_portal.identifiers import make_credit_code

    return BureauProfile.objects.update_or_create(
        pk=1, defaults={"name": "娄底市应急管理局", "credit_code": make_credit_code("11431300MB1234567")}
    )[0]


@pytest.fixture
def reviewer2(roles):
    from conftest import _make_staff

    return _make_staff("reviewer2", "reviewer")


def _draft(case, editor):
    record = publishing.create_draft(model=case.model, by=editor, **case.make(editor))
    publishable_cases.complete(record)
    return record


def _pending(case, editor):
    return publishing.submit(record=_draft(case, editor), by=editor)


def _published(case, editor, reviewer):
    record = _pending(case, editor)
    return publishing.publish(record=record, by=reviewer, revision=record.revision)


def _grant(user, case, action):
    meta = case.model._meta
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=meta.app_label, codename=f"{action}_{meta.model_name}")
    )
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


def _fresh(record):
    return type(record)._default_manager.get(pk=record.pk)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_editor_submits_and_another_reviewer_publishes(case, editor, reviewer, bureau):
    record = _published(case, editor, reviewer)
    assert record.status == Status.PUBLISHED and record.reviewed_by == reviewer
    assert case.model._default_manager.published().filter(pk=record.pk).exists()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_editor_editing_a_published_record_only_proposes_a_correction(case, editor, reviewer, bureau, client):
    record = _published(case, editor, reviewer)
    before = getattr(_fresh(record), case.field)
    with pytest.raises(PermissionDenied):
        publishing.edit_draft(record=record, by=editor, **{case.field: case.new_value})
    # The admin's change page of a published record is read-only: a forged POST changes nothing.
    client.force_login(editor)
    meta = case.model._meta
    client.post(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk]), {case.field: "x"})
    assert getattr(_fresh(record), case.field) == before
    correction = publishing.propose_correction(
        record=record, by=editor, note="更正错误。", changes={case.field: case.new_value}
    )
    publishing.submit_correction(correction=correction, by=editor)
    assert getattr(_fresh(record), case.field) == before  # public only after review
    assert Correction.objects.get(pk=correction.pk).status == Correction.Status.PENDING


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_reviewer_who_edited_a_draft_cannot_publish_it(case, editor, reviewer, bureau):
    record = _draft(case, editor)
    meddler = _grant(reviewer, case, "change")
    publishing.edit_draft(record=record, by=meddler, **{case.field: case.new_value})
    record = publishing.submit(record=record, by=editor)
    with pytest.raises(PermissionDenied, match="自己"):
        publishing.publish(record=record, by=meddler, revision=record.revision)
    assert _fresh(record).status == Status.PENDING


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_a_record_changed_after_the_reviewer_opened_it_is_not_published(case, editor, reviewer, reviewer2, bureau):
    record = _pending(case, editor)
    seen = record.revision  # the reviewer opens the review page
    publishing.return_for_changes(record=record, by=reviewer2, comment="请补充。")
    publishing.edit_draft(record=record, by=editor, **{case.field: case.new_value})
    record = publishing.submit(record=record, by=editor)
    with pytest.raises(ValidationError, match="已被修改"):
        publishing.publish(record=record, by=reviewer, revision=seen)
    assert _fresh(record).status == Status.PENDING
    publishing.publish(record=record, by=reviewer, revision=record.revision)
    assert _fresh(record).status == Status.PUBLISHED


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_a_publication_time_in_the_past_is_refused(case, editor, reviewer, bureau):
    record = _pending(case, editor)
    with pytest.raises(ValidationError, match="晚于当前时间"):
        publishing.publish(record=record, by=reviewer, revision=record.revision, at=timezone.now() - timedelta(days=1))
    assert _fresh(record).status == Status.PENDING and _fresh(record).published_at is None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_a_correction_is_published_by_another_reviewer_and_history_keeps_the_old_version(
    case, editor, reviewer, reviewer2, bureau
):
    record = _published(case, editor, reviewer)
    before = getattr(_fresh(record), case.field)
    proposer = _grant(reviewer, case, "change")
    proposer = _grant(proposer, case, "submit")
    correction = publishing.propose_correction(
        record=record, by=proposer, note="更正错误。", changes={case.field: case.new_value}
    )
    correction = publishing.submit_correction(correction=correction, by=proposer)
    with pytest.raises(PermissionDenied, match="自己"):
        publishing.publish_correction(correction=correction, by=proposer, revision=correction.revision)
    publishing.publish_correction(correction=correction, by=reviewer2, revision=correction.revision)
    record = _fresh(record)
    assert getattr(record, case.field) != before
    assert any(getattr(h, case.field) == before for h in record.history.all())
    assert record.published_corrections().count() == 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.label)
def test_withdrawal_keeps_the_record_with_a_public_reason(case, editor, reviewer, bureau):
    record = _published(case, editor, reviewer)
    if not record.can_be_withdrawn:
        with pytest.raises(PermissionDenied):
            publishing.withdraw(record=record, by=reviewer, reason="发错了")
        return
    with pytest.raises(PermissionDenied):
        publishing.withdraw(record=record, by=editor, reason="发错了")
    with pytest.raises(ValidationError):
        publishing.withdraw(record=record, by=reviewer, reason=" ")
    publishing.withdraw(record=record, by=reviewer, reason="决定已被撤销。")
    record = _fresh(record)
    assert record.status == Status.WITHDRAWN and record.withdrawal_reason == "决定已被撤销。"
    with pytest.raises(PermissionDenied):
        record.delete()
