"""Notices on the publication lifecycle: 索引号, scheduling, completeness, withdrawal, corrections, history.

The four-eyes rule itself is tested once for every publishable model in
loudi_portal/tests/test_publishing.py.
"""

import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from disclosure.models import Notice
from loudi_portal import publishing

from .conftest import CREDIT_CODE


def test_a_new_notice_is_a_draft_written_by_its_editor(make_draft, editor):
    notice = make_draft()
    assert notice.status == Notice.Status.DRAFT
    assert notice.created_by == editor
    assert notice.index_number == ""
    assert not Notice.objects.published().filter(pk=notice.pk).exists()


def test_editor_submits_and_another_reviewer_publishes(make_draft, editor, reviewer, bureau):
    notice = publishing.submit(record=make_draft(), by=editor)
    assert notice.status == Notice.Status.PENDING
    publishing.publish(record=notice, by=reviewer, revision=notice.revision)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PUBLISHED
    assert notice.reviewed_by == reviewer
    assert Notice.objects.published().filter(pk=notice.pk).exists()


def test_reviewer_returns_a_notice_with_a_comment(make_draft, editor, reviewer):
    notice = publishing.submit(record=make_draft(), by=editor)
    with pytest.raises(ValidationError):
        publishing.return_for_changes(record=notice, by=reviewer, comment="  ")
    publishing.return_for_changes(record=notice, by=reviewer, comment="请补充文号。")
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DRAFT
    assert notice.review_comment == "请补充文号。"


def test_index_number_is_credit_code_year_and_serial(publish):
    first = publish("第一条")
    second = publish("第二条")
    year = timezone.localtime(first.published_at).year
    assert first.index_number == f"{CREDIT_CODE}/{year}-00001"
    assert second.index_number == f"{CREDIT_CODE}/{year}-00002"


def test_index_serial_restarts_each_year(publish, monkeypatch):
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: timezone.make_aware(timezone.datetime(2019, 6, 1, 10)))
    old = publish("去年的")
    monkeypatch.setattr(timezone, "now", real_now)
    new = publish("今年的")
    assert old.index_number.endswith("/2019-00001")
    assert new.index_number.endswith("-00001")


def test_publishing_needs_the_bureau_credit_code(make_draft, editor, reviewer, db):
    notice = publishing.submit(record=make_draft(), by=editor)
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        publishing.publish(record=notice, by=reviewer, revision=notice.revision)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING


def test_scheduled_notice_appears_by_itself_at_its_time(make_draft, editor, reviewer, bureau, client, monkeypatch):
    notice = publishing.submit(record=make_draft(), by=editor)
    # "Due" is read from the database's clock (publishing.PublishableQuerySet), which no
    # monkeypatch moves: so the publication is 1.5 s ahead and the test waits for it.
    at = timezone.now() + timezone.timedelta(seconds=1.5)
    publishing.publish(record=notice, by=reviewer, revision=notice.revision, at=at)
    notice.refresh_from_db()
    assert notice.is_scheduled and notice.published_at == at
    assert not Notice.objects.published().filter(pk=notice.pk).exists()
    assert client.get(notice.get_absolute_url()).status_code == 404
    assert notice.title not in client.get("/notices/").content.decode()
    # At its time, with no job run in between:
    time.sleep(max(0.0, (at - timezone.now()).total_seconds()) + 0.1)
    assert Notice.objects.published().filter(pk=notice.pk).exists()
    assert client.get(notice.get_absolute_url()).status_code == 200
    assert notice.title in client.get("/notices/").content.decode()


def test_normative_document_needs_validity_before_review(make_draft, editor, normative):
    notice = make_draft(category=normative)
    with pytest.raises(ValidationError) as exc:
        publishing.submit(record=notice, by=editor)
    assert "validity" in exc.value.message_dict


def test_repealed_document_needs_the_date(make_draft, editor, normative):
    notice = make_draft(category=normative, validity=Notice.Validity.REPEALED)
    with pytest.raises(ValidationError) as exc:
        publishing.submit(record=notice, by=editor)
    assert "validity_changed_on" in exc.value.message_dict


def test_withdrawal_needs_a_reason_and_keeps_the_notice(published, reviewer):
    with pytest.raises(ValidationError):
        publishing.withdraw(record=published, by=reviewer, reason=" ")
    publishing.withdraw(record=published, by=reviewer, reason="文件已被新文件替代。")
    published.refresh_from_db()
    assert published.status == Notice.Status.WITHDRAWN
    assert published.withdrawal_reason == "文件已被新文件替代。"
    assert published.withdrawn_at is not None
    assert Notice.objects.filter(pk=published.pk).exists()


def test_editor_cannot_withdraw(published, editor):
    with pytest.raises(PermissionDenied):
        publishing.withdraw(record=published, by=editor, reason="不需要了")


def test_a_correction_changes_the_public_page_only_when_another_reviewer_publishes_it(
    published, editor, reviewer, client, django_user_model, roles
):

    old_title = published.title
    with pytest.raises(ValidationError):
        publishing.propose_correction(record=published, by=editor, note="", title="新标题")
    correction = publishing.propose_correction(
        record=published, by=editor, note="更正了标题中的错字。", title="更正后的标题"
    )
    correction = publishing.submit_correction(correction=correction, by=editor)
    published.refresh_from_db()
    assert published.title == old_title  # nothing public changes while the correction waits
    assert "更正后的标题" not in client.get(published.get_absolute_url()).content.decode()

    publishing.publish_correction(correction=correction, by=reviewer, revision=correction.revision)
    published.refresh_from_db()
    assert published.title == "更正后的标题"
    page = client.get(published.get_absolute_url()).content.decode()
    assert "更正后的标题" in page and "更正了标题中的错字。" in page
    titles = [h.title for h in published.history.order_by("history_date")]
    assert old_title in titles and "更正后的标题" in titles


def test_correction_cannot_move_a_notice_or_touch_workflow_fields(published, editor, normative):
    with pytest.raises(ValidationError):
        publishing.propose_correction(record=published, by=editor, note="x", status=Notice.Status.DRAFT)
    with pytest.raises(ValidationError):
        publishing.propose_correction(record=published, by=editor, note="x", category=normative)


def test_every_state_change_is_kept_in_history(published, reviewer):
    publishing.withdraw(record=published, by=reviewer, reason="过期")
    statuses = [h.status for h in published.history.order_by("history_date")]
    assert statuses == ["draft", "pending", "published", "withdrawn"]


@pytest.fixture
def superuser_client(client, db):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "root@example.gov.cn", "x-very-long-password-1"))
    return client


def test_hard_delete_of_a_published_notice_is_refused_in_the_admin(published, superuser_client):
    response = superuser_client.get(f"/admin/disclosure/notice/{published.pk}/delete/")
    assert response.status_code == 403


def test_published_notice_cannot_be_deleted_even_in_bulk(published, superuser_client):
    response = superuser_client.post(
        "/admin/disclosure/notice/", {"action": "delete_selected", "_selected_action": [published.pk]}, follow=True
    )
    assert response.status_code == 200
    assert Notice.objects.filter(pk=published.pk).exists()
    with pytest.raises(PermissionDenied):
        published.delete()
    assert Notice.objects.filter(pk=published.pk).exists()


def test_an_unpublished_draft_can_be_deleted_by_a_superuser(make_draft, superuser_client):
    draft = make_draft()
    response = superuser_client.post(f"/admin/disclosure/notice/{draft.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Notice.objects.filter(pk=draft.pk).exists()
