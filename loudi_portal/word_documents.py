"""Word documents (.docx) written as plain WordprocessingML: a title, headings, paragraphs and
bordered tables, which is all a bureau's forms and notices need.

No extra dependency: a .docx is a zip of three XML parts, and the few elements used here open in
WPS, Word and LibreOffice (and read back through mammoth, `disclosure/docx_import.py`). Used for
the blank application forms (`approvals/blank_forms.py`) and the demo's Word attachments.
"""

import io
import zipfile
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Word's built-in heading styles, so a reader's navigation pane (and mammoth) sees the outline.
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{_W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><w:rFonts w:hint="eastAsia"/><w:sz w:val="24"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/></w:rPr></w:style>'
    "</w:styles>"
)


def paragraph(text: str, *, bold=False, size=24, center=False, heading=False) -> str:
    props = ('<w:pStyle w:val="Heading1"/>' if heading else "") + ('<w:jc w:val="center"/>' if center else "")
    run = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    return f'<w:p><w:pPr>{props}</w:pPr><w:r>{run}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _cell(text: str, width: int, *, bold=False) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraph(text, bold=bold)}</w:tc>'


def table(rows: list[list[str]], widths: list[int], *, header: list[str] | None = None) -> str:
    """A bordered table; `widths` in twentieths of a point (9,000 fill an A4 text column)."""
    border = "".join(
        f'<w:{b} w:val="single" w:sz="4"/>' for b in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    head = (
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        + "".join(_cell(h, w, bold=True) for h, w in zip(header, widths, strict=True))
        + "</w:tr>"
        if header
        else ""
    )
    body = "".join(
        "<w:tr>" + "".join(_cell(c, w) for c, w in zip(row, widths, strict=True)) + "</w:tr>" for row in rows
    )
    return f"<w:tbl><w:tblPr><w:tblBorders>{border}</w:tblBorders></w:tblPr>{head}{body}</w:tbl>"


def form(title: str, fields: list[str], notes: list[str], *, subtitle: str = "", widths=(3000, 6000)) -> bytes:
    """A blank form: its title (and subtitle), one row per field with an empty answer cell, then
    the declaration and signature lines in `notes`."""
    return package(
        paragraph(title, bold=True, size=36, center=True)
        + (paragraph(subtitle, center=True) if subtitle else "")
        + table([[field, ""] for field in fields], list(widths))
        + "".join(paragraph(note) for note in notes)
    )


def package(body: str) -> bytes:
    """The .docx file around `body` (paragraphs and tables from this module)."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", _STYLES)
    return out.getvalue()
