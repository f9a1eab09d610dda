"""Forms of the notice back office: attachments checked by content, notices, workflow steps."""

import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from loudi_portal import hostile_files
from loudi_portal.rich_text import RichTextFormMixin, removed_markup
from loudi_portal.sanitize import sanitize_html
from loudi_portal.widgets import RichTextWidget

from .docx_import import MAX_UPLOAD_BYTES, docx_to_html
from .models import AnnualReport, CategoryTree, Notice, NoticeAttachment
from .word_html import clean_word_html

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls container
# extension -> (kind shown to readers, check of the first bytes / the file)
ALLOWED_EXTENSIONS = {
    "pdf": "PDF",
    "doc": "DOC",
    "docx": "DOCX",
    "xls": "XLS",
    "xlsx": "XLSX",
    "png": "PNG",
    "jpg": "JPG",
    "jpeg": "JPG",
}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A DOCX/XLSX is a zip: refuse one that would inflate far beyond what was uploaded (a zip
# bomb), judged by the sizes its directory declares (Python's zipfile never inflates more).
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 10_000


def attachment_max_bytes() -> int:
    return getattr(settings, "NOTICE_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES)  # NOTICE_ATTACHMENT_MAX_MB


def _zip_has(upload, prefix: str) -> bool:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return any(name.startswith(prefix) for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def is_zip_bomb(upload) -> bool:
    """Whether an Office (zip) file declares too many members or inflates too far."""
    return hostile_files.inflates_too_far(
        upload, max_bytes=MAX_UNZIPPED_BYTES, max_ratio=MAX_ZIP_RATIO, max_members=MAX_ZIP_MEMBERS, size=upload.size
    )


def content_matches(upload, ext: str) -> bool:
    """Whether the file's bytes are what its extension claims (magic numbers, not the name)."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if ext == "pdf":
        return head.startswith(b"%PDF-")
    if ext == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if ext in ("doc", "xls"):
        return head.startswith(OLE2)
    if ext == "docx":
        return head.startswith(b"PK\x03\x04") and _zip_has(upload, "word/")
    if ext == "xlsx":
        return head.startswith(b"PK\x03\x04") and _zip_has(upload, "xl/")
    return False


def validate_attachment(upload) -> str:
    """Check an uploaded file; return its kind (PDF, DOCX, …) or raise a clear error."""
    name = upload.name or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_EXTENSIONS:
        raise forms.ValidationError(
            _("不支持的文件类型“%(ext)s”。只能上传 PDF、Word（doc/docx）、Excel（xls/xlsx）、PNG 或 JPEG 文件。"),
            code="bad_extension",
            params={"ext": ext or _("无扩展名")},
        )
    limit = attachment_max_bytes()
    if upload.size > limit:
        raise forms.ValidationError(
            _("文件过大：%(size)s，附件最大 %(limit)s。"),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    if upload.size == 0:
        raise forms.ValidationError(_("文件是空的，请重新选择。"), code="empty")
    if not content_matches(upload, ext):
        raise forms.ValidationError(
            _("文件内容与扩展名“%(ext)s”不符（可能已损坏或被改了扩展名），请上传真实的 %(kind)s 文件。"),
            code="content_mismatch",
            params={"ext": ext, "kind": ALLOWED_EXTENSIONS[ext]},
        )
    if ext in ("docx", "xlsx") and is_zip_bomb(upload):
        raise forms.ValidationError(
            _("文件解压后异常巨大（疑似“压缩炸弹”），已拒收。请用办公软件重新保存后上传。"),
            code="zip_bomb",
        )
    return ALLOWED_EXTENSIONS[ext]


class NoticeAttachmentForm(forms.ModelForm):
    class Meta:
        model = NoticeAttachment
        fields = ["name", "file", "position"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            self.instance.kind = validate_attachment(upload)
            self.instance.size = upload.size
        return upload


def tree_choices(field: forms.ModelChoiceField) -> None:
    """Offer the catalogue's categories in tree order, each child indented under its parent."""
    field.choices = [("", field.empty_label), *CategoryTree(field.queryset).choices()]


class NoticeForm(forms.ModelForm):
    """The editing form of a draft (published notices are corrected through the lifecycle)."""

    class Meta:
        model = Notice
        fields = [
            "title", "category", "doc_number", "source", "author", "editor_name", "written_on", "keywords",
            "body", "validity", "validity_changed_on", "approved_on", "related",
        ]  # fmt: skip
        widgets = {"body": RichTextWidget}

    import_docx = forms.FileField(
        label=_("从 Word 文档导入正文"),
        required=False,
        help_text=_(
            "可选。上传 .docx 文件，其中的标题、段落、列表和表格会替换上面的正文（图片不导入，请作为附件上传）。"
            "导入后请核对正文再送审。"
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
        ),
    )

    #: What the sanitiser removed from the submitted body (tags and attributes); the admin shows it after saving.
    removed_tags: list[str] = []
    #: What the .docx import says after saving (images left out).
    import_messages: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:  # the catalogue as a tree: 规范性文件 under 法规文件 (1 query)
            tree_choices(self.fields["category"])

    def clean_import_docx(self):
        upload = self.cleaned_data.get("import_docx")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("文件超过 %(mb)d MB，不能导入。请删去其中的图片后重试，或分段导入。")
                % {"mb": MAX_UPLOAD_BYTES // 2**20}
            )
        return docx_to_html(upload.read())

    def clean_body(self):
        # Word/WPS HTML (pasted without the editor) first becomes real lists and headings.
        submitted = clean_word_html(self.cleaned_data.get("body", ""))
        cleaned = sanitize_html(submitted)
        self.removed_tags = removed_markup(submitted, cleaned)
        return cleaned

    def clean(self):
        data = super().clean()
        imported = data.get("import_docx")
        if imported is not None:
            data["body"] = imported.html
            self.removed_tags = []
            self.import_messages = imported.messages
        category = data.get("category")
        validity = data.get("validity")
        if category and category.is_normative and not validity:
            self.add_error("validity", _("规范性文件必须填写有效性（有效/失效/废止）。"))
        if validity in (Notice.Validity.EXPIRED, Notice.Validity.REPEALED) and not data.get("validity_changed_on"):
            self.add_error("validity_changed_on", _("失效或废止的文件必须填写有效性变更日期。"))
        return data


class AnnualReportForm(RichTextFormMixin, forms.ModelForm):
    """The yearly report: the sections staff write (一、五、六) with the rich-text editor."""

    rich_text_fields = ("overview", "problems", "other_matters")

    class Meta:
        model = AnnualReport
        fields = ["year", "overview", "problems", "other_matters"]  # the admin adds its fieldsets' fields
