"""Penalties: masking of natural persons, the 7-working-day publication rule, withdrawal, expiry."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from enforcement import services
from enforcement.models import PartyKind, Penalty, mask_id_number, mask_name
from loudi_portal import publishing, workdays
from loudi_portal.publishing import Status

from . import factories as f


def test_a_natural_persons_name_keeps_only_the_surname():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧***"
    assert mask_name("李") == "李*"


def test_an_id_number_keeps_only_its_first_and_last_character():
    assert mask_id_number("43130219800101123X") == "4" + "*" * 16 + "X"


@pytest.mark.django_db
def test_seven_working_days_skip_weekends_and_statutory_holidays():
    # Friday 2026-03-06: the 7th working day after it is Tuesday 2026-03-17.
    assert services.publication_deadline(date(2026, 3, 6)) == date(2026, 3, 17)
    # Friday 2019-09-27: National Day 2019 (Oct 1-7) is skipped, and the working
    # Sunday 09-29 and Saturday 10-12 count: the 7th working day is 2019-10-12.
    assert services.publication_deadline(date(2019, 9, 27)) == date(2019, 10, 12)


@pytest.mark.django_db
@settings(deadline=None)
@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2028, 12, 31)), st.integers(min_value=0, max_value=60))
def test_adding_working_days_lands_on_a_working_day_with_exactly_n_in_between(start, n):
    end = services.add_working_days(start, n)
    between = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(1 for d in between if workdays.is_working_day(d)) == n
    if n:
        assert workdays.is_working_day(end)


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_public_list_masks_a_natural_person_and_shows_an_organisation_in_full(client):
    f.penalty(
        party_kind=PartyKind.PERSON,
        party_name="张三丰",
        party_id_number="43130219800101123X",
        **f.published(),
    )
    f.penalty(party_name="娄底恒达化工有限公司", **f.published())
    html = client.get(reverse("enforcement:penalty-list")).content.decode()
    assert "张**" in html and "张三丰" not in html
    assert "43130219800101123X" not in html and "4****************X" in html
    assert "娄底恒达化工有限公司" in html
    csv_text = b"".join(client.get(reverse("enforcement:penalty-list") + "?format=csv").streaming_content).decode()
    assert "张三丰" not in csv_text and "19800101" not in csv_text and "张**" in csv_text


@pytestmark_db
def test_a_persons_name_cannot_be_confirmed_by_searching_for_it(client):
    f.penalty(party_kind=PartyKind.PERSON, party_name="王五六", **f.published())
    html = client.get(reverse("enforcement:penalty-list") + "?q=王五六").content.decode()
    assert "共 0 条" in html
    html = client.get(reverse("search") + "?q=王五六").content.decode()
    assert "王*" not in html


@pytestmark_db
def test_publication_deadline_and_overdue_flag_follow_the_decision_date():
    today = timezone.localdate()
    late = f.penalty(decided_on=today - timedelta(days=30))
    fresh = f.penalty(decided_on=today)
    assert late.publication_due_on == services.add_working_days(late.decided_on, 7)
    assert late.is_publication_overdue
    assert not fresh.is_publication_overdue
    on_time = f.penalty(
        decided_on=date(2026, 3, 6), **f.published(published_at=timezone.make_aware(timezone.datetime(2026, 3, 17, 10)))
    )
    published_late = f.penalty(
        decided_on=date(2026, 3, 6), **f.published(published_at=timezone.make_aware(timezone.datetime(2026, 3, 18, 10)))
    )
    assert not on_time.is_publication_overdue
    assert published_late.is_publication_overdue


@pytestmark_db
def test_admin_list_shows_the_deadline_and_flags_an_overdue_draft(editor, client):
    f.penalty(decision_no="（娄）应急罚〔2026〕999号", decided_on=timezone.localdate() - timedelta(days=30))
    client.force_login(editor)
    html = client.get(reverse("admin:enforcement_penalty_changelist")).content.decode()
    assert "超期未公示" in html
    assert "公示截止" in html


@pytestmark_db
def test_withdrawal_keeps_the_record_and_shows_the_public_reason(editor, reviewer, client):
    p = f.penalty(created_by=editor, **f.published())
    with pytest.raises(ValidationError):
        publishing.withdraw(record=p, by=reviewer, reason="  ")
    publishing.withdraw(record=p, by=reviewer, reason="复议机关撤销了该决定")
    p.refresh_from_db()
    assert p.status == Status.WITHDRAWN
    html = client.get(reverse("enforcement:penalty-list")).content.decode()
    assert p.decision_no in html and "复议机关撤销了该决定" in html
    assert Penalty.objects.filter(pk=p.pk).exists()
    assert p.history.filter(status=Status.WITHDRAWN, history_user=reviewer).exists()


@pytestmark_db
def test_withdraw_view_in_admin_needs_a_reason_and_editors_cannot(editor, reviewer, client):
    p = f.penalty(created_by=editor, **f.published())
    url = reverse("admin:enforcement_penalty_withdraw", args=[p.pk])
    client.force_login(editor)
    client.post(url, {"reason": "x"})
    p.refresh_from_db()
    assert p.status == Status.PUBLISHED  # editors cannot withdraw
    client.force_login(reviewer)
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "决定已变更"}).status_code == 302
    p.refresh_from_db()
    assert p.withdrawal_reason == "决定已变更"
    # A withdrawn penalty cannot be deleted, even by an administrator.
    assert client.get(reverse("admin:enforcement_penalty_delete", args=[p.pk])).status_code == 403


@pytestmark_db
def test_reviewer_publishes_others_submitted_drafts_but_never_their_own(editor, reviewer):
    mine = f.penalty(created_by=reviewer, status=Status.PENDING, revision_authors=[reviewer.pk])
    theirs = publishing.submit(record=f.penalty(created_by=editor, revision_authors=[editor.pk]), by=editor)
    with pytest.raises(PermissionDenied):
        publishing.publish(record=mine, by=reviewer, revision=mine.revision)
    with pytest.raises(PermissionDenied):
        publishing.publish(record=theirs, by=editor, revision=theirs.revision)
    publishing.publish(record=theirs, by=reviewer, revision=theirs.revision)
    theirs.refresh_from_db()
    assert theirs.status == Status.PUBLISHED and theirs.reviewed_by == reviewer


@pytestmark_db
def test_a_penalty_past_its_publication_period_leaves_the_public_list_but_stays_for_auditors(auditor, client):
    old = f.penalty(decided_on=date(2019, 5, 5), **f.published())
    assert old.public_until == date(2022, 5, 5)
    current = f.penalty(**f.published())
    draft = f.penalty()
    html = client.get(reverse("enforcement:penalty-list")).content.decode()
    assert current.decision_no in html
    assert old.decision_no not in html and draft.decision_no not in html
    client.force_login(auditor)
    assert client.get(reverse("admin:enforcement_penalty_change", args=[old.pk])).status_code == 200


@pytest.mark.django_db
@settings(deadline=None)
@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2040, 12, 31)))
def test_the_overdue_cutoff_is_the_last_decision_date_already_past_its_deadline(today):
    cutoff = services.latest_overdue_decision_date(today)
    assert services.publication_deadline(cutoff) < today
    assert services.publication_deadline(cutoff + timedelta(days=1)) >= today


@pytestmark_db
def test_admin_filter_lists_only_drafts_past_their_publication_deadline(editor, client):
    today = timezone.localdate()
    late = f.penalty(decision_no="迟-1", decided_on=today - timedelta(days=20))
    f.penalty(decision_no="新-1", decided_on=today)
    f.penalty(decision_no="已发-1", decided_on=today - timedelta(days=20), **f.published())
    client.force_login(editor)
    html = client.get(reverse("admin:enforcement_penalty_changelist") + "?overdue=yes").content.decode()
    assert late.decision_no in html and "新-1" not in html and "已发-1" not in html
