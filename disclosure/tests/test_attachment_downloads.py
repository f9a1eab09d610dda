"""A notice's attachment is downloaded through a view that checks the notice: only while the
notice is public, never from a guessable /media/ path; staff who may preview get drafts too."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disclosure.models import NoticeAttachment
from loudi_portal import publishing

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
LONG_NAME = "关于印发娄底市应急管理局安全生产领域行政执法监督检查工作实施方案及配套制度汇编的通知附件一至附件五的说明材料汇总表格"
WITHDRAWAL_REASON = "含有个人信息，依法撤回。"


def attach(notice, filename="检查方案.pdf", **fields):
    attachment = NoticeAttachment(notice=notice, file=SimpleUploadedFile(filename, PDF), kind="PDF", size=len(PDF))
    for key, value in fields.items():
        setattr(attachment, key, value)
    attachment.save()
    return attachment


@pytest.fixture
def notice_in(make_draft, publish, editor, reviewer):
    def make(state):
        if state == "draft":
            return make_draft()
        if state == "pending":
            return publishing.submit(record=make_draft(), by=editor)
        if state == "scheduled":
            return publish(at=timezone.now() + timezone.timedelta(days=3))
        notice = publish()
        if state == "withdrawn":
            notice = publishing.withdraw(record=notice, by=reviewer, reason=WITHDRAWAL_REASON)
        return notice

    return make


STATES = ["draft", "pending", "scheduled", "published", "withdrawn"]
PUBLIC_STATUS = {"draft": 404, "pending": 404, "scheduled": 404, "published": 200, "withdrawn": 410}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_the_public_gets_an_attachment_only_while_its_notice_is_public(client, persona, notice_in, state, who):
    attachment = attach(notice_in(state))
    persona(who)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == PUBLIC_STATUS[state]
    if state == "published":
        assert b"".join(response.streaming_content) == PDF
    elif state == "withdrawn":
        assert WITHDRAWAL_REASON in response.content.decode()
    else:
        assert PDF not in response.content


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_staff_who_may_preview_get_the_attachment_in_every_state(client, persona, notice_in, state, who):
    attachment = attach(notice_in(state))
    persona(who)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_stored_file_has_a_random_name_and_media_urls_serve_nothing(client, published, settings):
    attachment = attach(published, "草稿附件.pdf")
    stored = attachment.file.name
    assert stored.startswith("notices/") and "草稿" not in stored and stored.endswith(".pdf")
    assert len(stored.rsplit("/", 1)[-1]) == len("0123456789abcdef0123456789abcdef.pdf")
    assert client.get("/media/" + stored).status_code == 404
    page = client.get(published.get_absolute_url()).content.decode()
    assert attachment.get_absolute_url() in page
    assert "/media/" not in page


def test_a_download_is_an_attachment_with_its_original_name_and_no_sniffing(client, published):
    attachment = attach(published, "检查方案.pdf")
    response = client.get(attachment.get_absolute_url())
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('检查方案.pdf')}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_the_title_given_to_an_attachment_names_the_download_with_the_file_extension(client, published):
    attachment = attach(published, "scan0001.pdf", name="现场检查记录")
    response = client.get(attachment.get_absolute_url())
    assert quote("现场检查记录.pdf") in response["Content-Disposition"]


def test_an_85_character_chinese_file_name_is_stored_and_downloaded_under_its_name(client, published):
    name = (LONG_NAME * 2)[:85] + ".pdf"
    assert len(name.encode()) > 255
    attachment = attach(published, name)
    attachment.refresh_from_db()
    assert attachment.original_name == name
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert quote(name) in response["Content-Disposition"]


def test_a_name_over_255_characters_is_shortened_keeping_its_extension(published):
    attachment = attach(published, "娄" * 300 + ".docx")
    assert len(attachment.original_name) == 255
    assert attachment.original_name.endswith(".docx")


def test_behind_nginx_the_file_is_sent_by_nginx_after_the_check(client, published, notice_in, settings):
    settings.SENDFILE_NGINX = True
    attachment = attach(published)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected/" + attachment.file.name
    assert response.content == b""
    assert "attachment;" in response["Content-Disposition"]
    hidden = attach(notice_in("draft"))
    response = client.get(hidden.get_absolute_url())
    assert response.status_code == 404
    assert not response.has_header("X-Accel-Redirect")


def test_an_attachment_of_another_notice_is_not_found_under_this_one(client, published, publish):
    other = publish("另一条通知")
    attachment = attach(other)
    assert client.get(f"/notices/{published.pk}/attachments/{attachment.pk}/").status_code == 404
