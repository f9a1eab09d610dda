"""Attachments are accepted by what they contain, not by their names, and within a size limit."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.forms import NoticeAttachmentForm, validate_attachment
from disclosure.models import NoticeAttachment

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


def ooxml(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("通知.pdf", PDF, "PDF"), ("图.png", PNG, "PNG"), ("照片.JPG", JPEG, "JPG"), ("照片.jpeg", JPEG, "JPG"),
     ("旧文件.doc", OLE2, "DOC"), ("旧表格.xls", OLE2, "XLS"), ("文件.docx", ooxml("word"), "DOCX"),
     ("表格.xlsx", ooxml("xl"), "XLSX")],
)  # fmt: skip
def test_real_files_of_each_allowed_type_are_accepted(name, content, kind):
    assert validate_attachment(SimpleUploadedFile(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("病毒.exe", b"MZ\x90\x00", "不支持的文件类型"),
     ("伪装.pdf", b"MZ\x90\x00 not a pdf at all", "文件内容与扩展名"),
     ("网页.pdf", b"<html><script>alert(1)</script></html>", "文件内容与扩展名"),
     ("表格.docx", ooxml("xl"), "文件内容与扩展名"),
     ("压缩包.xlsx", b"PK\x03\x04 broken zip", "文件内容与扩展名"),
     ("图.png", JPEG, "文件内容与扩展名"),
     ("无扩展名", PDF, "不支持的文件类型"),
     ("空.pdf", b"", "空的")],
)  # fmt: skip
def test_wrong_or_disguised_files_are_refused_with_a_clear_message(name, content, message):
    from django import forms

    with pytest.raises(forms.ValidationError) as exc:
        validate_attachment(SimpleUploadedFile(name, content))
    assert message in " ".join(exc.value.messages)


def test_files_over_the_size_limit_are_refused(settings):
    from django import forms

    settings.NOTICE_ATTACHMENT_MAX_BYTES = 1024
    with pytest.raises(forms.ValidationError, match="文件过大"):
        validate_attachment(SimpleUploadedFile("大文件.pdf", PDF + b"0" * 2048))


@pytest.mark.django_db
def test_attachment_form_records_kind_and_size(published):
    form = NoticeAttachmentForm(
        data={"name": "附件一", "position": 0},
        files={"file": SimpleUploadedFile("附件.pdf", PDF)},
        instance=NoticeAttachment(notice=published),
    )
    assert form.is_valid(), form.errors
    assert form.instance.kind == "PDF"
    assert form.instance.size == len(PDF)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/notices/9999999999999999999999999999999999999999/attachments/0/",
        "/notices/1/attachments/99999999999999999999/",
    ],
)
def test_an_attachment_url_with_an_out_of_range_id_is_not_found(client, url):
    # A 40-digit notice id once overflowed SQLite's integer in the lookup (500; found by the fuzz).
    assert client.get(url).status_code == 404
