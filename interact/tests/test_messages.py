"""互动交流: a 咨询 / 建言 is received with a number and code, answered by 留言办理, its public version
published only after a reviewer approves it, with the sender's personal data removed."""

import re
import time
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from interact import public, services
from interact.forms import started_token
from interact.models import Message, PublishedReply
from loudi_portal import publishing, roles

pytestmark = pytest.mark.django_db

PHONE = "13973801234"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def old_token(monkeypatch):
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 60)
    token = started_token()
    monkeypatch.setattr(time, "time", real)
    return token


@pytest.fixture
def handler(roles):
    user = User.objects.create_user("handler", is_staff=True)
    user.groups.add(Group.objects.get(name=public.MESSAGE_HANDLER_GROUP))
    return User.objects.get(pk=user.pk)


def post(client, token, **fields):
    data = {
        "kind": "consult",
        "subject": "烟花爆竹零售许可证怎么办",
        "body": f"请问需要哪些材料？我的电话 {PHONE}。",
        "name": "刘志强",
        "contact": PHONE,
        "agrees_to_publish": "on",
        "started": token,
    }
    return client.post("/interact/write/", {**data, **fields})


def received(**fields):
    values = {
        "kind": "consult",
        "subject": "特种作业操作证复审",
        "body": f"刘志强咨询：复审要提前多久？电话 {PHONE}，邮箱 lzq@example.com。",
        "name": "刘志强",
        "contact": PHONE,
    }
    return services.receive_message(**{**values, **fields})


def test_a_consultation_gets_a_reference_a_code_shown_once_and_a_due_date(client, old_token):
    response = post(client, old_token)
    html = response.content.decode()
    assert response.status_code == 200
    message = Message.objects.get()
    assert re.fullmatch(r"LY-\d{4}-00001", message.reference) and message.reference in html
    code = re.search(r"<dt>查询码</dt><dd>(\d{8})</dd>", html).group(1)
    assert code not in message.query_code_hash
    assert message.due_on.strftime("%Y-%m-%d") in html
    assert message.name == "刘志强" and message.status == Message.Status.RECEIVED


def test_a_consultation_without_name_or_contact_is_refused_in_chinese(client, old_token):
    response = post(client, old_token, name="", contact="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "咨询请填写姓名" in html and "请填写联系方式" in html
    assert not Message.objects.exists()


def test_a_suggestion_may_be_anonymous_but_a_wanted_reply_needs_a_contact(client, old_token):
    assert post(client, old_token, kind="suggest", name="", contact="").status_code == 200
    response = post(client, old_token, kind="suggest", name="", contact="", wants_reply="on")
    assert response.status_code == 400 and "请填写联系方式" in response.content.decode()
    assert Message.objects.count() == 1 and Message.objects.get().name == ""


def test_a_contact_that_is_no_phone_or_email_is_refused(client, old_token):
    response = post(client, old_token, contact="找我")
    assert response.status_code == 400 and "请填写手机号码" in response.content.decode()


def test_bots_are_refused_without_a_captcha(client, old_token):
    assert post(client, started_token()).status_code == 400  # sent within seconds of opening
    assert post(client, old_token, website="http://spam.example/").status_code == 400
    assert post(client, "forged").status_code == 400
    assert not Message.objects.exists()


def test_too_many_messages_from_one_address_get_a_polite_429(client, old_token):
    for _i in range(5):
        post(client, old_token)
    response = post(client, old_token)
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Message.objects.count() == 5


def test_the_sender_reads_the_answer_with_the_code_and_nobody_else_does(client, handler):
    message, code = received()
    services.answer_message(message=message, reply="应在期满前 60 日内申请复审。", by=handler)
    html = client.post("/interact/track/", {"reference": message.reference, "code": code}).content.decode()
    assert "已答复" in html and "应在期满前 60 日内申请复审。" in html
    assert PHONE not in html
    wrong = client.post("/interact/track/", {"reference": message.reference, "code": "00000000"})
    assert wrong.status_code == 404 and "60 日" not in wrong.content.decode()


def test_an_answer_is_public_only_after_a_reviewer_publishes_it_without_personal_data(client, handler, reviewer):
    message, _code = received()
    services.answer_message(message=message, reply=f"刘志强您好，已电话 {PHONE} 联系您。", by=handler)
    record = PublishedReply.objects.get(message=message)
    assert record.status == publishing.Status.PENDING
    for text in (record.title, record.question, record.answer):
        assert PHONE not in text and "刘志强" not in text and "lzq@example.com" not in text
    assert client.get(f"/interact/replies/{record.pk}/").status_code == 404
    assert "特种作业操作证复审" not in client.get("/interact/").content.decode()
    with pytest.raises(PermissionDenied):
        publishing.publish(record=record, by=handler, revision=record.revision)  # no four-eyes bypass
    publishing.publish(record=record, by=reviewer, revision=record.revision)
    page = client.get(f"/interact/replies/{record.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "复审要提前多久" in html
    assert PHONE not in html and "刘志强" not in html
    assert '<meta name="ArticleTitle" content="特种作业操作证复审">' in html
    assert "特种作业操作证复审" in client.get("/interact/").content.decode()


def test_personal_data_left_in_the_public_version_blocks_its_review(handler, reviewer):
    message, _code = received(name="欧阳明", body="我是欧阳明。")
    services.answer_message(message=message, reply="已答复。", by=handler)
    record = PublishedReply.objects.get(message=message)
    record = publishing.return_for_changes(record=record, by=reviewer, comment="请补充标题。")
    edited = publishing.edit_draft(record=record, by=handler, question="欧阳明问：电话 0738-8123456")
    with pytest.raises(ValidationError) as refused:
        publishing.submit(record=edited, by=handler)
    assert "仍含有个人信息" in str(refused.value)


def test_a_sender_who_did_not_agree_is_answered_but_never_published(handler):
    message, _code = received(agrees_to_publish=False)
    services.answer_message(message=message, reply="已答复。", by=handler)
    assert not PublishedReply.objects.exists()
    assert Message.objects.get().status == Message.Status.ANSWERED


def test_only_the_message_handlers_answer_and_a_closed_message_is_not_answered_twice(handler, editor):
    message, _code = received()
    with pytest.raises(PermissionDenied):
        services.answer_message(message=message, reply="答复", by=editor)
    services.answer_message(message=message, reply="答复", by=handler)
    with pytest.raises(ValidationError):
        services.answer_message(message=message, reply="再答复", by=handler)


def test_a_refused_message_tells_the_reason_and_leaves_the_valid_count(handler, client):
    message, code = received(subject="举报某企业违法生产")
    with pytest.raises(ValidationError):
        services.refuse_message(message=message, reason=" ", by=handler)
    services.refuse_message(message=message, reason="举报事项已转 12350 受理。", by=handler)
    html = client.post("/interact/track/", {"reference": message.reference, "code": code}).content.decode()
    assert "不予受理" in html and "已转 12350" in html
    assert not Message.objects.valid().exists()


def test_the_handlers_group_sees_messages_and_editors_reviewers_and_admins_do_not(handler, editor, reviewer):
    assert handler.has_perm("interact.change_message") and handler.has_perm("interact.submit_publishedreply")
    assert not handler.has_perm("interact.publish_publishedreply")
    for user in (editor, reviewer):
        assert not user.has_perm("interact.view_message")
    assert ("interact", "view_message") not in roles.computed_grants()["admin"]
    assert reviewer.has_perm("interact.publish_publishedreply")


def test_a_handler_cannot_also_be_a_reviewer(handler):
    with pytest.raises(ValidationError):
        handler.groups.add(Group.objects.get(name=roles.REVIEWER))


def test_the_handler_answers_in_the_back_office(client, handler):
    message, _code = received()
    handler.set_password("pw-123456789")
    handler.save()
    client.force_login(handler)
    url = f"/admin/interact/message/{message.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200 and PHONE in page.content.decode()
    refused = client.post(url, {"answer_text": "", "refuse_reason": ""})
    assert "请填写答复内容" in refused.content.decode()
    client.post(url, {"answer_text": "请于期满前 60 日内申请。", "refuse_reason": ""})
    assert Message.objects.get().status == Message.Status.ANSWERED
    assert PublishedReply.objects.get().status == publishing.Status.PENDING


def test_an_open_message_is_on_the_obligations_board_with_its_working_day_due_date(handler):
    at = timezone.make_aware(datetime(2026, 9, 29, 10, 0))  # 国庆 follows
    message, _code = received(at=at)
    (line,) = public.message_obligations(date(2026, 9, 30))
    assert line.due_on == message.due_on > date(2026, 10, 13)  # the holiday week does not count
    assert line.done_on is None and PHONE not in line.title


def test_the_statistics_count_by_month_and_average_working_days(client, handler):
    jan = timezone.make_aware(datetime(2026, 1, 5, 10, 0))  # a Monday
    for n in range(3):
        message, _code = received(at=jan)
        if n < 2:
            services.answer_message(message=message, reply="答复", by=handler, at=jan + timedelta(days=2 + n))
    refused, _code = received(at=jan)
    services.refuse_message(message=refused, reason="重复留言", by=handler)
    html = client.get("/interact/statistics/?year=2026").content.decode()
    row = re.search(r"<th scope=\"row\"[^>]*>2026-01</th>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
    assert cells == ["3", "2", "2", "1", "2.5"]  # received, answered, on time, open, average (2 and 3 days)


def test_the_handlers_work_queue_lists_new_and_due_messages_and_links_the_filtered_list(client, handler, editor):
    at = timezone.make_aware(datetime(2026, 9, 29, 10, 0))
    message, _code = received(at=at)
    today = message.due_on  # the commitment falls today
    rows = {row.label: row for row in public.work_queue_rows(handler, today)}
    assert rows["待答复的咨询和建言"].count == 1 and rows["留言答复（承诺期限）"].overdue == 0
    assert public.work_queue_rows(editor, today) == []  # editors see no messages
    client.force_login(handler)
    listing = client.get(rows["留言答复（承诺期限）"].url)
    assert listing.status_code == 200 and message.reference in listing.content.decode()
