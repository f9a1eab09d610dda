"""Uploaded files: generated storage names, and the response that sends one.

A stored file never keeps the uploader's name: `random_name` gives it a random
name under a dated folder (only the checked extension is kept), so names of any
length or script are safe on every file system, and nobody can guess the path
of a draft's attachment. The original name is kept in a model field and only
comes back in `Content-Disposition`.

Files are never served from `MEDIA_URL`: each app has a view per file that
checks whether its record is public (or the user may preview it) and then calls
`file_response`. With `SENDFILE_NGINX=1` the response is empty and carries
`X-Accel-Redirect` to nginx's internal location (`SENDFILE_URL`, default
`/_protected/`), which maps to `MEDIA_ROOT`; otherwise Django streams the file.
"""

import posixpath
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.encoding import iri_to_uri
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from . import hostile_files

ORIGINAL_NAME_LENGTH = 255


@deconstructible
class random_name:  # noqa: N801 (used like a function: `upload_to=random_name("notices")`)
    """An `upload_to`: `<folder>/<yyyy>/<mm>/<32 hex digits>.<ext>`; only a short ASCII extension is kept."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        ext = posixpath.splitext(filename)[1].lower().lstrip(".")
        suffix = f".{ext}" if ext.isascii() and ext.isalnum() and len(ext) <= 8 else ""
        return f"{self.folder}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{suffix}"

    def __eq__(self, other):
        return isinstance(other, random_name) and other.folder == self.folder


def original_name(filename: str) -> str:
    """The uploader's file name as shown to downloaders: no folders, at most 255 characters, extension kept."""
    name = posixpath.basename(filename.replace("\\", "/")).strip() or "file"
    name = "".join(ch for ch in name if ch.isprintable())
    if len(name) <= ORIGINAL_NAME_LENGTH:
        return name
    stem, ext = posixpath.splitext(name)
    ext = ext[:16]
    return stem[: ORIGINAL_NAME_LENGTH - len(ext)] + ext


OLE2 = hostile_files.OLE2
ZIP = hostile_files.ZIP
# A template is a blank form: a zip-based one inflating beyond this is a "zip bomb".
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 2000
MAGIC = {
    "pdf": (b"%PDF-",),
    "ofd": (ZIP,),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "doc": (OLE2,),
    "xls": (OLE2,),
    "wps": (OLE2,),
}


def validate_magic(value) -> None:
    """A model-field validator: a new upload must start as its extension says (`form.pdf` starting `MZ` is refused)."""
    if getattr(value, "_committed", True):  # the stored file, unchanged
        return
    ext = posixpath.splitext(value.name)[1].lower().lstrip(".")
    if ext not in MAGIC:
        return
    value.seek(0)
    head = value.read(8)
    value.seek(0)
    if not head.startswith(MAGIC[ext]):
        raise ValidationError(
            _("文件内容与扩展名“%(ext)s”不符（可能已损坏或被改了扩展名），请上传真实的文件。"),
            code="content_mismatch",
            params={"ext": ext},
        )
    if MAGIC[ext] == (ZIP,) and hostile_files.inflates_too_far(
        value, max_bytes=MAX_UNZIPPED_BYTES, max_ratio=MAX_ZIP_RATIO, max_members=MAX_ZIP_MEMBERS, size=value.size
    ):
        raise ValidationError(
            _("文件解压后异常巨大（疑似“压缩炸弹”），已拒收。请用办公软件重新保存后上传。"), code="zip_bomb"
        )


def file_response(fieldfile, download_name: str, *, inline_type: str = "") -> HttpResponse:
    """Send a stored file as a download (by nginx in production, by Django otherwise).

    With `inline_type` (an image shown in pages, e.g. "image/png") the file is
    sent with that type, inline, and may be cached by anyone for a day.
    """
    if not fieldfile or not fieldfile.storage.exists(fieldfile.name):
        raise Http404
    content_type = inline_type or "application/octet-stream"
    disposition = content_disposition_header(not inline_type, download_name)
    if settings.SENDFILE_NGINX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = iri_to_uri(settings.SENDFILE_URL + fieldfile.name)
    else:
        response = FileResponse(fieldfile.open("rb"), content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400" if inline_type else "private, no-cache"
    return response
