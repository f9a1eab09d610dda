"""草稿 → 待审核 → 已发布 → 已撤回, the four-eyes rule, 索引号, corrections and history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from disclosure import services
from disclosure.models import Notice, NoticeCorrection

from .conftest import CREDIT_CODE


def test_a_new_notice_is_a_draft_written_by_its_editor(make_draft, editor):
    notice = make_draft()
    assert notice.status == Notice.Status.DRAFT
    assert notice.created_by == editor
    assert notice.index_number == ""
    assert not Notice.objects.published().filter(pk=notice.pk).exists()


def test_editor_submits_and_another_reviewer_publishes(make_draft, editor, reviewer, bureau):
    notice = make_draft()
    services.submit_notice(notice=notice, by=editor)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING
    services.publish_notice(notice=notice, by=reviewer)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PUBLISHED
    assert notice.reviewed_by == reviewer
    assert Notice.objects.published().filter(pk=notice.pk).exists()


def test_editor_cannot_publish_at_all(make_draft, editor, bureau):
    notice = make_draft()
    services.submit_notice(notice=notice, by=editor)
    with pytest.raises(PermissionDenied):
        services.publish_notice(notice=notice, by=editor)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING


def test_reviewer_cannot_publish_their_own_draft(make_draft, reviewer, bureau, roles):
    from django.contrib.auth.models import Group

    from loudi_portal.roles import ROLES

    # May draft and submit too (by direct rights: nobody holds both groups).
    reviewer.user_permissions.add(*Group.objects.get(name=ROLES["editor"]).permissions.all())
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    notice = make_draft(by=reviewer)
    services.submit_notice(notice=notice, by=reviewer)
    with pytest.raises(PermissionDenied, match="自己"):
        services.publish_notice(notice=notice, by=reviewer)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING


def test_reviewer_who_last_edited_a_pending_notice_cannot_publish_it(make_draft, editor, reviewer, bureau):
    notice = make_draft()
    services.submit_notice(notice=notice, by=editor)
    notice.refresh_from_db()
    notice.last_edited_by = reviewer
    notice.save()
    with pytest.raises(PermissionDenied):
        services.publish_notice(notice=notice, by=reviewer)


def test_a_draft_cannot_be_published_before_review(make_draft, reviewer, bureau):
    notice = make_draft()
    with pytest.raises(PermissionDenied):
        services.publish_notice(notice=notice, by=reviewer)


def test_reviewer_returns_a_notice_with_a_comment(make_draft, editor, reviewer):
    notice = make_draft()
    services.submit_notice(notice=notice, by=editor)
    with pytest.raises(ValidationError):
        services.return_notice(notice=notice, by=reviewer, comment="  ")
    services.return_notice(notice=notice, by=reviewer, comment="请补充文号。")
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DRAFT
    assert notice.review_comment == "请补充文号。"


def test_index_number_is_credit_code_year_and_serial(publish):
    first = publish("第一条")
    second = publish("第二条")
    year = timezone.localtime(first.published_at).year
    assert first.index_number == f"{CREDIT_CODE}/{year}-00001"
    assert second.index_number == f"{CREDIT_CODE}/{year}-00002"


def test_index_serial_restarts_each_year(publish):
    old = publish("去年的", at=timezone.make_aware(timezone.datetime(2019, 6, 1, 10)))
    new = publish("今年的")
    assert old.index_number.endswith("/2019-00001")
    assert new.index_number.endswith("-00001")


def test_publishing_needs_the_bureau_credit_code(make_draft, editor, reviewer, db):
    notice = make_draft()
    services.submit_notice(notice=notice, by=editor)
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        services.publish_notice(notice=notice, by=reviewer)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING


def test_scheduled_notice_appears_by_itself_at_its_time(make_draft, editor, reviewer, bureau, client, monkeypatch):
    notice = make_draft()
    services.submit_notice(notice=notice, by=editor)
    at = timezone.now() + timezone.timedelta(hours=2)
    services.publish_notice(notice=notice, by=reviewer, at=at)
    notice.refresh_from_db()
    assert notice.is_scheduled and notice.published_at == at
    assert not Notice.objects.published().filter(pk=notice.pk).exists()
    assert client.get(notice.get_absolute_url()).status_code == 404
    assert notice.title not in client.get("/notices/").content.decode()
    # Two hours and a minute later, with no job run in between:
    later = at + timezone.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert Notice.objects.published().filter(pk=notice.pk).exists()
    assert client.get(notice.get_absolute_url()).status_code == 200
    assert notice.title in client.get("/notices/").content.decode()


def test_normative_document_needs_validity_before_review(make_draft, editor, normative):
    notice = make_draft(category=normative)
    with pytest.raises(ValidationError) as exc:
        services.submit_notice(notice=notice, by=editor)
    assert "validity" in exc.value.message_dict


def test_repealed_document_needs_the_date(make_draft, editor, normative):
    notice = make_draft(category=normative, validity=Notice.Validity.REPEALED)
    with pytest.raises(ValidationError) as exc:
        services.submit_notice(notice=notice, by=editor)
    assert "validity_changed_on" in exc.value.message_dict


def test_withdrawal_needs_a_reason_and_keeps_the_notice(published, reviewer):
    with pytest.raises(ValidationError):
        services.withdraw_notice(notice=published, by=reviewer, reason=" ")
    services.withdraw_notice(notice=published, by=reviewer, reason="文件已被新文件替代。")
    published.refresh_from_db()
    assert published.status == Notice.Status.WITHDRAWN
    assert published.withdrawal_reason == "文件已被新文件替代。"
    assert published.withdrawn_at is not None
    assert Notice.objects.filter(pk=published.pk).exists()


def test_editor_cannot_withdraw(published, editor):
    with pytest.raises(PermissionDenied):
        services.withdraw_notice(notice=published, by=editor, reason="不需要了")


def test_correction_keeps_the_previous_text_and_a_public_note(published, reviewer):
    old_title = published.title
    with pytest.raises(ValidationError):
        services.correct_notice(notice=published, by=reviewer, note="", title="新标题")
    correction = services.correct_notice(
        notice=published, by=reviewer, note="更正了标题中的错字。", title="更正后的标题"
    )
    published.refresh_from_db()
    assert published.title == "更正后的标题"
    assert correction.previous_title == old_title
    assert NoticeCorrection.objects.filter(notice=published).count() == 1
    titles = [h.title for h in published.history.order_by("history_date")]
    assert old_title in titles and "更正后的标题" in titles


def test_correction_cannot_move_a_notice_or_touch_workflow_fields(published, reviewer):
    with pytest.raises(ValidationError):
        services.correct_notice(notice=published, by=reviewer, note="x", status=Notice.Status.DRAFT)


def test_every_state_change_is_kept_in_history(published, reviewer):
    services.withdraw_notice(notice=published, by=reviewer, reason="过期")
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
