"""A Word document imported as a notice's body: structure kept, images left out, bad files refused."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure import docx_import
from disclosure.models import Notice

from .docx_fixtures import notice_docx, zip_bomb, zip_without_document
from .test_admin import form_data

pytestmark = pytest.mark.django_db
ADD = reverse("admin:disclosure_notice_add")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(data: bytes, name="通知.docx"):
    return SimpleUploadedFile(name, data, content_type=DOCX)


def test_headings_lists_and_tables_of_a_word_document_become_the_drafts_body(client, editor, category):
    client.force_login(editor)
    response = client.post(ADD, {**form_data(category, body=""), "import_docx": upload(notice_docx())}, follow=True)
    assert response.status_code == 200
    notice = Notice.objects.get()
    assert notice.status == "draft"
    body = notice.body
    assert "<h2>关于开展汛期安全生产大检查的通知</h2>" in body and "<h3>一、检查重点</h3>" in body
    assert "<ol><li>尾矿库和非煤矿山</li><li>危险化学品生产经营单位</li></ol>" in body
    assert "<ul><li>请各单位于7月15日前报送自查表</li></ul>" in body
    assert "<table>" in body and "娄星区" in body
    assert "w:" not in body and "style" not in body
    assert any("已从 Word 文档导入正文" in str(m) for m in response.context["messages"])


def test_images_are_left_out_and_the_editor_is_told(client, editor, category):
    client.force_login(editor)
    response = client.post(
        ADD, {**form_data(category, body=""), "import_docx": upload(notice_docx(with_image=True))}, follow=True
    )
    assert "<img" not in Notice.objects.get().body
    assert any("1 张图片没有导入正文" in str(m) for m in response.context["messages"])


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.7 not a word file", "通知.docx", "这不是 Word 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "通知.doc", "另存为 .docx"),
        (zip_without_document(), "通知.docx", "缺少正文部分"),
        (zip_bomb(), "炸弹.docx", "异常庞大"),
        (notice_docx()[:300], "截断.docx", "Word 文档"),
    ],
    ids=["not-a-zip", "old-doc", "zip-without-document", "zip-bomb", "truncated"],
)
def test_a_broken_or_hostile_file_gets_a_clear_message_and_nothing_is_saved(
    client, editor, category, data, name, message
):
    client.force_login(editor)
    response = client.post(ADD, {**form_data(category), "import_docx": upload(data, name)})
    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    assert not Notice.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(client, editor, category, monkeypatch):
    monkeypatch.setattr("disclosure.forms.MAX_UPLOAD_BYTES", 1000)
    client.force_login(editor)
    response = client.post(ADD, {**form_data(category), "import_docx": upload(notice_docx())})
    assert "不能导入" in response.content.decode()
    assert not Notice.objects.exists()


def test_the_import_is_sanitised_like_anything_typed():
    body = docx_import.docx_to_html(notice_docx()).html
    assert body == docx_import.sanitize_html(body)
