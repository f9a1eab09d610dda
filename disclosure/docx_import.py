"""A Word document (.docx) as a notice's body: headings, paragraphs, lists and tables as clean HTML.

mammoth reads the document (its semantic structure, not its looks); the result then goes
through the same sanitiser as anything typed in the editor. Images are not imported (they
would be inline data: URLs, which the sanitiser refuses): the caller is told how many were
left out, so they can be uploaded as attachments. A file that is not a .docx, is too big, or
unpacks to far more than it weighs (a zip bomb) is refused before mammoth reads it.
"""

import io
from dataclasses import dataclass, field

import mammoth
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loudi_portal import hostile_files
from loudi_portal.sanitize import html_to_text, sanitize_html

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # unpacked / packed size; a real document stays far below
MAX_MEMBERS = 2000
# Word's built-in heading styles (named in English in styles.xml, also by the Chinese Word and WPS),
# one level down: a notice's title is the page's h1.
STYLE_MAP = """
p[style-name='Title'] => h2:fresh
p[style-name='heading 1'] => h2:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='标题 1'] => h2:fresh
p[style-name='heading 2'] => h3:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='标题 2'] => h3:fresh
p[style-name='heading 3'] => h4:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='标题 3'] => h4:fresh
"""


@dataclass
class ImportedBody:
    html: str
    images_left_out: int = 0
    messages: list[str] = field(default_factory=list)


def _refuse(message: str):
    raise ValidationError(message, code="bad_docx")


def check_container(data: bytes) -> None:
    """Refuse what is not a reasonable .docx before parsing it (only the zip's directory is read)."""
    if len(data) > MAX_UPLOAD_BYTES:
        _refuse(
            _("文件超过 %(mb)d MB，不能导入。请删去其中的图片后重试，或分段导入。") % {"mb": MAX_UPLOAD_BYTES // 2**20}
        )
    upload = io.BytesIO(data)
    if data.startswith(hostile_files.OLE2):
        _refuse(_("这是旧版 .doc（或 .wps）文件。请先在 Word 或 WPS 中“另存为 .docx”后再导入。"))
    members = hostile_files.zip_members(upload) if data.startswith(hostile_files.ZIP) else None
    if members is None:
        _refuse(_("这不是 Word 文档（.docx），或文件已损坏。请选择 .docx 文件。"))
    if "word/document.xml" not in {m.filename for m in members}:
        _refuse(_("这个压缩文件不是 Word 文档（缺少正文部分）。请选择 .docx 文件。"))
    if hostile_files.inflates_too_far(
        upload, max_bytes=MAX_UNPACKED_BYTES, max_ratio=MAX_RATIO, max_members=MAX_MEMBERS, size=len(data)
    ):
        _refuse(_("文件解压后异常庞大，已拒绝导入。"))


def docx_to_html(data: bytes) -> ImportedBody:
    """Convert a .docx to sanitised HTML; raise ValidationError (in Chinese) for a file that cannot be used."""
    check_container(data)
    images = []

    def leave_out(image):
        images.append(image.content_type)
        return {}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(leave_out)
        )
    except Exception:  # mammoth raises many kinds (KeyError, XML errors) for a damaged document
        _refuse(_("文件已损坏，无法读取。请在 Word 或 WPS 中重新保存为 .docx 后再导入。"))
    html = sanitize_html(result.value).replace("<p></p>", "")  # an image paragraph, left empty
    if not html_to_text(html):
        _refuse(_("文档中没有可导入的文字。"))
    body = ImportedBody(html=html, images_left_out=len(images))
    if images:
        body.messages.append(
            ngettext(
                "文档中的 %(n)d 张图片没有导入正文，请另存后作为附件上传。",
                "文档中的 %(n)d 张图片没有导入正文，请另存后作为附件上传。",
                len(images),
            )
            % {"n": len(images)}
        )
    return body
