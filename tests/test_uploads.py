"""Upload abuse against the notice attachments, through the back office as an editor would
send it: files that lie about their type, oversized files, zip bombs inside Office files
and names that try to climb out of the upload folder. Each gets a clear message, and
nothing is stored: no notice, no attachment row, no file under MEDIA_ROOT."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import Category, Notice, NoticeAttachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
TITLE = "关于附件上传安全检查的通知"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def office_file(folder: str, *, inflated_bytes: int = 0) -> bytes:
    """A DOCX ("word") or XLSX ("xl") zip; with inflated_bytes, a member of that many zero bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<x/>")
        if inflated_bytes:
            with archive.open(f"{folder}/media/padding.bin", "w") as member:
                chunk = b"\0" * (1024 * 1024)
                for _ in range(inflated_bytes // len(chunk)):
                    member.write(chunk)
    return buffer.getvalue()


def upload_in_a_new_notice(client, upload):
    category = Category.objects.get(slug="announcements")
    data = {
        "title": TITLE, "category": category.pk, "doc_number": "", "source": "娄底市应急管理局",
        "author": "", "editor_name": "", "written_on": "", "keywords": "", "body": "<p>见附件。</p>",
        "validity": "", "validity_changed_on": "", "correction_note": "",
        "attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0",
        "attachments-0-name": "", "attachments-0-position": "0", "attachments-0-file": upload,
        "corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0",
        "relations_out-TOTAL_FORMS": "0", "relations_out-INITIAL_FORMS": "0",
    }  # fmt: skip
    return client.post(reverse("admin:disclosure_notice_add"), data)


def stored_files(media_root) -> list[str]:
    return [str(p) for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def assert_refused_and_nothing_stored(response, media_root, message):
    assert response.status_code == 200, "the form comes back with the error, not a redirect"
    assert message in response.content.decode()
    assert not Notice.objects.filter(title=TITLE).exists()
    assert not NoticeAttachment.objects.filter(notice__title=TITLE).exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [("通知.pdf", b"MZ\x90\x00\x03\x00 a Windows program"),
     ("通知.pdf", b"<html><script>alert(1)</script></html>"),
     ("照片.png", PDF),
     ("文件.docx", office_file("xl")),
     ("表格.xlsx", b"PK\x03\x04 not really a zip")],
)  # fmt: skip
def test_a_file_whose_content_is_not_its_type_is_refused_and_nothing_is_stored(
    client, editor, demo, media_root, name, content
):
    client.force_login(editor)
    response = upload_in_a_new_notice(client, SimpleUploadedFile(name, content))
    assert_refused_and_nothing_stored(response, media_root, "文件内容与扩展名")


def test_an_executable_is_refused_by_its_type(client, editor, demo, media_root):
    client.force_login(editor)
    response = upload_in_a_new_notice(client, SimpleUploadedFile("setup.exe", b"MZ\x90\x00"))
    assert_refused_and_nothing_stored(response, media_root, "不支持的文件类型")


def test_an_oversized_file_is_refused_and_nothing_is_stored(client, editor, demo, media_root, settings):
    settings.NOTICE_ATTACHMENT_MAX_BYTES = 64 * 1024
    client.force_login(editor)
    response = upload_in_a_new_notice(client, SimpleUploadedFile("报告.pdf", PDF + b"0" * (65 * 1024)))
    assert_refused_and_nothing_stored(response, media_root, "文件过大")


@pytest.mark.parametrize(("name", "folder"), [("方案.docx", "word"), ("统计.xlsx", "xl")])
def test_a_zip_bomb_inside_an_office_file_is_refused_and_nothing_is_stored(
    client, editor, demo, media_root, name, folder
):
    bomb = office_file(folder, inflated_bytes=64 * 1024 * 1024)
    assert len(bomb) < 200 * 1024, "the bomb is small on the wire"
    client.force_login(editor)
    response = upload_in_a_new_notice(client, SimpleUploadedFile(name, bomb))
    assert_refused_and_nothing_stored(response, media_root, "压缩炸弹")


@pytest.mark.parametrize("name", ["../../x", "..\\..\\x", "/etc/passwd"])
def test_a_file_named_to_climb_out_of_the_upload_folder_is_refused_and_nothing_is_stored(
    client, editor, demo, media_root, name
):
    client.force_login(editor)
    response = upload_in_a_new_notice(client, SimpleUploadedFile(name, PDF))
    assert_refused_and_nothing_stored(response, media_root, "不支持的文件类型")


def test_a_real_pdf_named_to_climb_out_is_stored_inside_the_upload_folder(client, editor, demo, media_root):
    """The control case: the same path, and the checks above would have seen a stored file."""
    client.force_login(editor)
    response = upload_in_a_new_notice(client, SimpleUploadedFile("../../x.pdf", PDF))
    assert response.status_code == 302
    attachment = NoticeAttachment.objects.get(notice__title=TITLE)
    assert ".." not in attachment.file.name
    files = stored_files(media_root)
    assert len(files) == 1 and files[0].startswith(str(media_root) + "/notices/")
    assert not (media_root.parent / "x.pdf").exists()


def test_an_ordinary_office_file_is_accepted(client, editor, demo, media_root):
    """The zip-bomb check leaves ordinary, well-compressed documents alone."""
    client.force_login(editor)
    response = upload_in_a_new_notice(client, SimpleUploadedFile("年报.docx", office_file("word")))
    assert response.status_code == 302
    assert NoticeAttachment.objects.filter(notice__title=TITLE, kind="DOCX").exists()
