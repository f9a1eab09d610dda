"""The work queues on the back office's home page: what is waiting for each person, and where it is."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Category, Notice
from enforcement.tests.factories import penalty
from inforequests.models import InfoRequest
from inforequests.permissions import HANDLER_GROUP, ensure_handler_group
from inforequests.tests.factories import make_request
from loudi_portal import publishing, registry, work_queues
from loudi_portal.publishing import Status

HOME = "/admin/"
NOTICES = reverse("admin:disclosure_notice_changelist")


@pytest.fixture
def handler(roles):
    ensure_handler_group()
    user = User.objects.create_user("handler", is_staff=True)
    user.groups.add(Group.objects.get(name=HANDLER_GROUP))
    return user


@pytest.fixture
def draft(editor):
    category = Category.objects.get_or_create(slug="announcements", defaults={"name": "通知公告"})[0]
    return publishing.create_draft(
        model=Notice, by=editor, title="关于开展汛期安全检查的通知", category=category, body="<p>请做好检查。</p>"
    )


def home_of(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_reviewer_sees_a_notice_an_editor_submitted_counted_and_linked(client, editor, reviewer, draft):
    publishing.submit(record=draft, by=editor)
    page = home_of(client, reviewer)
    assert '待我审核 <span class="queue-total">（1）</span>' in page
    assert f'href="{NOTICES}?queue=review"' in page
    listing = client.get(NOTICES, {"queue": "review"}).content.decode()
    assert "关于开展汛期安全检查的通知" in listing


def test_nothing_is_waiting_for_a_reviewer_before_anything_is_submitted(client, reviewer, draft):
    page = home_of(client, reviewer)
    assert "没有等待您审核的内容。" in page
    assert "关于开展汛期安全检查的通知" not in client.get(NOTICES, {"queue": "review"}).content.decode()


def test_a_reviewer_who_edited_the_revision_does_not_find_it_in_their_queue(reviewer, editor, draft):
    publishing.submit(record=draft, by=editor)
    draft.refresh_from_db()
    draft.revision_authors = [*draft.revision_authors, reviewer.pk]  # four eyes: they had a hand in it
    draft.save()
    assert work_queues.reviewable_ids(Notice, reviewer) == []


def test_a_returned_draft_is_in_its_editors_queue_with_the_reason(client, editor, editor2, reviewer, draft):
    publishing.submit(record=draft, by=editor)
    publishing.return_for_changes(record=draft, by=reviewer, comment="请补充检查时间安排")
    page = home_of(client, editor)
    assert "被退回" in page and "退回意见：请补充检查时间安排" in page
    assert f'href="{NOTICES}?queue=returned"' in page
    assert "关于开展汛期安全检查的通知" in client.get(NOTICES, {"queue": "returned"}).content.decode()
    # Another editor had no hand in it.
    assert "请补充检查时间安排" not in home_of(client, editor2)


def test_a_returned_draft_leaves_the_queue_once_submitted_again(client, editor, reviewer, draft):
    publishing.submit(record=draft, by=editor)
    publishing.return_for_changes(record=draft, by=reviewer, comment="请补充检查时间安排")
    publishing.submit(record=Notice.objects.get(pk=draft.pk), by=editor)
    assert "没有被退回给您修改的草稿。" in home_of(client, editor)


def test_a_handler_sees_answers_due_within_three_working_days_and_late_ones(client, handler, reviewer):
    today = timezone.localdate()
    late = make_request(reference="YSQ-2099-90001", status=InfoRequest.Status.IN_PROGRESS)
    InfoRequest.objects.filter(pk=late.pk).update(
        received_on=today - timedelta(days=40), due_on=today - timedelta(days=2)
    )
    later = make_request(reference="YSQ-2099-90002", status=InfoRequest.Status.IN_PROGRESS)
    InfoRequest.objects.filter(pk=later.pk).update(received_on=today, due_on=today + timedelta(days=25))
    make_request(reference="YSQ-2099-90003", status=InfoRequest.Status.SUBMITTED)
    page = home_of(client, handler)
    assert "依申请公开答复" in page and "其中 1 项已逾期" in page
    assert "在线提交、待登记的信息公开申请" in page
    listing = client.get(reverse("admin:inforequests_inforequest_changelist"), {"queue": "due"}).content.decode()
    assert late.reference in listing and later.reference not in listing
    # Requests carry personal data: a reviewer sees no row about them.
    assert "依申请公开答复" not in home_of(client, reviewer)


def test_penalties_due_for_publication_are_in_the_editors_deadlines(client, editor):
    overdue = penalty(decided_on=timezone.localdate() - timedelta(days=30), status=Status.DRAFT)
    page = home_of(client, editor)
    assert "行政处罚决定公示（双公示，7 个工作日）" in page
    url = reverse("admin:enforcement_penalty_changelist")
    assert f'href="{url}?deadline=publish"' in page
    assert overdue.decision_no in client.get(url, {"deadline": "publish"}).content.decode()


def test_a_provider_registered_by_an_app_adds_its_rows(client, editor):
    def rows(user, today):
        return [registry.QueueRow(section="incoming", label="测试留言", count=2, url="/admin/?x=1")]

    registry.register_work_queue(registry.WorkQueueProvider(key="test-messages", rows=rows))
    try:
        page = home_of(client, editor)
    finally:
        registry._work_queues.pop("test-messages")
    assert "新收待办" in page and "测试留言" in page


@pytest.mark.parametrize(
    ("persona_name", "sees_export", "sees_board"),
    [("auditor", True, True), ("admin_user", True, True), ("editor", False, True), ("outsider", False, False)],
)
def test_the_audit_export_and_the_board_are_one_click_from_home_for_those_allowed(
    client, request, persona_name, sees_export, sees_board
):
    page = home_of(client, request.getfixturevalue(persona_name))
    assert (f'href="{reverse("admin:loudi_portal_exportlog_export")}"' in page) is sees_export
    assert (f'href="{reverse("admin:disclosure_obligationboard_changelist")}"' in page) is sees_board


def test_the_home_page_keeps_to_a_bounded_number_of_queries(client, reviewer, django_assert_max_num_queries):
    client.force_login(reviewer)
    client.get(HOME)
    with django_assert_max_num_queries(60):
        client.get(HOME)


def test_penalties_whose_publicity_period_ended_are_in_the_reviewers_deadlines(client, reviewer):
    ended = penalty(
        status=Status.PUBLISHED,
        published_at=timezone.now() - timedelta(days=400),
        decided_on=timezone.localdate() - timedelta(days=400),
        publicity_ends_on=timezone.localdate() - timedelta(days=2),
    )
    page = home_of(client, reviewer)
    assert "公示期届满、待撤回的行政处罚" in page and "其中 1 项已逾期" in page
    url = reverse("admin:enforcement_penalty_changelist")
    assert f'href="{url}?deadline=withdraw"' in page
    assert ended.decision_no in client.get(url, {"deadline": "withdraw"}).content.decode()


def test_late_approval_files_and_unpublished_licence_results_are_in_the_deadlines(client, editor):
    from datetime import date

    from approvals.models import Application
    from approvals.tests.factories import application, granted

    late = application(accepted_on=date(2019, 9, 27))
    decided = granted(application(accepted_on=date(2019, 9, 27)), on=date(2019, 10, 8))
    page = home_of(client, editor)
    url = reverse("admin:approvals_application_changelist")
    assert "行政审批办件（承诺时限）" in page and f'href="{url}?due=due"' in page
    assert "行政许可结果公示（双公示，7 个工作日）" in page and f'href="{url}?due=result_due"' in page
    files = client.get(url, {"due": "due"}).content.decode()
    results = client.get(url, {"due": "result_due"}).content.decode()
    assert late.reference in files and decided.reference not in files
    assert decided.reference in results and late.reference not in results
    assert Application.objects.count() == 2


def test_the_obligations_board_row_links_to_what_is_due_soon(client, editor):
    overdue = penalty(decided_on=timezone.localdate() - timedelta(days=30), status=Status.DRAFT)
    page = home_of(client, editor)
    board = reverse("admin:disclosure_obligationboard_changelist")
    assert "公开义务看板（全部公开期限）" in page and f'href="{board}?due=soon"' in page
    assert f"行政处罚决定 {overdue.decision_no}" in client.get(board, {"due": "soon"}).content.decode()
