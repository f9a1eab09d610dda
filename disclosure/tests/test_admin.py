"""The back office: drafting, the workflow buttons, bulk actions, preview, corrections, history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import Notice, NoticeAttachment
from loudi_portal import publishing
from loudi_portal.models import Correction

from .test_attachments import PDF

pytestmark = pytest.mark.django_db


def form_data(category, **overrides):
    data = {
        "title": "关于开展应急演练的通知",
        "category": category.pk,
        "doc_number": "",
        "source": "娄底市应急管理局",
        "author": "",
        "editor_name": "",
        "written_on": "",
        "keywords": "",
        "body": "<p>定于下月开展演练。</p><script>alert(1)</script>",
        "validity": "",
        "validity_changed_on": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "relations_out-TOTAL_FORMS": "0",
        "relations_out-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_editor_drafts_a_notice_in_the_back_office(client, editor, category):
    client.force_login(editor)
    response = client.post(reverse("admin:disclosure_notice_add"), form_data(category))
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.status == Notice.Status.DRAFT
    assert notice.created_by == editor
    assert "<script>" not in notice.body and "定于下月开展演练" in notice.body


def test_disguised_attachment_is_refused_and_nothing_is_saved(client, editor, category):
    client.force_login(editor)
    data = form_data(
        category,
        **{"attachments-TOTAL_FORMS": "1", "attachments-0-name": "假PDF", "attachments-0-position": "0",
           "attachments-0-file": SimpleUploadedFile("假.pdf", b"MZ not a pdf")},
    )  # fmt: skip
    response = client.post(reverse("admin:disclosure_notice_add"), data)
    assert response.status_code == 200
    assert "文件内容与扩展名" in response.content.decode()
    assert not Notice.objects.exists() and not NoticeAttachment.objects.exists()


def test_real_attachment_is_saved_and_searchable(client, editor, category):
    client.force_login(editor)
    data = form_data(
        category,
        **{"attachments-TOTAL_FORMS": "1", "attachments-0-name": "演练方案", "attachments-0-position": "0",
           "attachments-0-file": SimpleUploadedFile("方案.pdf", PDF)},
    )  # fmt: skip
    assert client.post(reverse("admin:disclosure_notice_add"), data).status_code == 302
    attachment = NoticeAttachment.objects.get()
    assert attachment.kind == "PDF" and attachment.size == len(PDF)
    assert "方案" in Notice.objects.get().search_text


def test_workflow_buttons_follow_the_rules(client, editor, reviewer, make_draft):
    notice = make_draft()
    change = reverse("admin:disclosure_notice_change", args=[notice.pk])
    review = reverse("admin:disclosure_notice_review", args=[notice.pk])
    client.force_login(editor)
    html = client.get(change).content.decode()
    assert reverse("admin:disclosure_notice_submit", args=[notice.pk]) in html
    assert review not in html and "预览公开页面" in html
    publishing.submit(record=notice, by=editor)
    client.force_login(reviewer)
    assert review in client.get(change).content.decode()


def test_reviewer_publishes_the_version_they_reviewed(client, editor, reviewer, make_draft, bureau):
    notice = publishing.submit(record=make_draft(), by=editor)
    client.force_login(reviewer)
    url = reverse("admin:disclosure_notice_review", args=[notice.pk])
    page = client.get(url)
    assert page.status_code == 200 and "第" in page.content.decode()
    response = client.post(url, {"decision": "publish", "publish_at": "", "revision": notice.revision})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PUBLISHED and notice.index_number


def test_editor_cannot_use_the_review_page(client, editor, make_draft, bureau):
    notice = publishing.submit(record=make_draft(), by=editor)
    client.force_login(editor)
    client.post(
        reverse("admin:disclosure_notice_review", args=[notice.pk]),
        {"decision": "publish", "publish_at": "", "revision": notice.revision},
    )
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PENDING


def test_a_pending_notice_is_frozen_in_the_admin(client, editor, make_draft, category):
    notice = publishing.submit(record=make_draft(), by=editor)
    client.force_login(editor)
    url = reverse("admin:disclosure_notice_change", args=[notice.pk])
    client.post(url, form_data(category, title="送审后偷偷改"))
    notice.refresh_from_db()
    assert notice.title != "送审后偷偷改"


def test_bulk_publish_applies_the_four_eyes_rule_to_each_notice(client, editor, reviewer, make_draft, bureau, roles):
    from django.contrib.auth.models import Group

    from loudi_portal.roles import ROLES

    # May draft too (by direct rights: nobody holds both groups).
    reviewer.user_permissions.add(*Group.objects.get(name=ROLES["editor"]).permissions.all())
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    others = publishing.submit(record=make_draft("别人写的"), by=editor)
    own = publishing.submit(record=make_draft("自己写的", by=reviewer), by=reviewer)
    client.force_login(reviewer)
    confirm = client.post(
        reverse("admin:disclosure_notice_changelist"),
        {"action": "publish_selected", "_selected_action": [others.pk, own.pk]},
        follow=True,
    )
    html = confirm.content.decode()
    assert "别人写的" in html and "自己写的" in html and "不能" in html
    bulk = reverse("admin:disclosure_notice_bulk_publish")
    response = client.post(
        bulk, {"ids": f"{others.pk},{own.pk}", f"rev-{others.pk}": others.revision, f"rev-{own.pk}": own.revision},
        follow=True,
    )  # fmt: skip
    html = response.content.decode()
    assert "已发布 1 条记录" in html and "自己写的" in html
    assert Notice.objects.get(pk=others.pk).status == Notice.Status.PUBLISHED
    assert Notice.objects.get(pk=own.pk).status == Notice.Status.PENDING


def test_withdraw_page_requires_a_reason(client, reviewer, published):
    client.force_login(reviewer)
    url = reverse("admin:disclosure_notice_withdraw", args=[published.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    client.post(url, {"reason": "内容已过时。"})
    published.refresh_from_db()
    assert published.status == Notice.Status.WITHDRAWN


def test_preview_shows_a_draft_to_staff_only_and_counts_nothing(client, editor, make_draft):
    notice = make_draft("尚在起草的通知")
    url = reverse("admin:disclosure_notice_preview", args=[notice.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert "尚在起草的通知" in response.content.decode() and "预览" in response.content.decode()
    assert notice.view_count == 0


def test_a_correction_proposed_in_the_admin_waits_for_another_reviewer(client, editor, reviewer, published):
    client.force_login(editor)
    url = reverse("admin:disclosure_notice_correct", args=[published.pk])
    data = form_data(published.category, title="更正后的标题", submit_now="on")
    response = client.post(url, {**data, "note": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    assert client.post(url, {**data, "note": "标题有误，予以更正。"}).status_code == 302
    published.refresh_from_db()
    assert published.title != "更正后的标题"
    correction = Correction.objects.get()
    assert correction.status == Correction.Status.PENDING

    client.force_login(reviewer)
    review = reverse("admin:loudi_portal_correction_review", args=[correction.pk])
    assert "更正后的标题" in client.get(review).content.decode()
    assert client.post(review, {"decision": "publish", "revision": correction.revision}).status_code == 302
    published.refresh_from_db()
    assert published.title == "更正后的标题"
    assert "标题有误，予以更正。" in client.get(published.get_absolute_url()).content.decode()


def test_nobody_changes_a_published_notice_in_place(client, editor, reviewer, published):
    for user in (editor, reviewer):
        client.force_login(user)
        url = reverse("admin:disclosure_notice_change", args=[published.pk])
        client.post(url, form_data(published.category, title="偷偷改掉"))
        published.refresh_from_db()
        assert published.title != "偷偷改掉"


def test_auditor_reads_the_history_of_a_notice(client, auditor, published):
    client.force_login(auditor)
    response = client.get(reverse("admin:disclosure_notice_history", args=[published.pk]))
    assert response.status_code == 200
    assert client.get(reverse("admin:disclosure_notice_changelist")).status_code == 200


@pytest.mark.parametrize("query", ["status=published", "category__id__exact=1", "year=2019", "year=abc", "q=通知"])
def test_admin_list_filters_and_search(client, reviewer, published, query):
    client.force_login(reviewer)
    assert client.get(reverse("admin:disclosure_notice_changelist") + "?" + query).status_code == 200


def test_outsider_sees_no_notices(client, outsider, published):
    client.force_login(outsider)
    assert client.get(reverse("admin:disclosure_notice_changelist")).status_code == 403
