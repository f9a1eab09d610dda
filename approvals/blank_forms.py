"""Blank application forms (表格下载) as real office files: DOCX, XLSX or PDF.

A form is a title, the applicant's fields to fill in, and a signature line. DOCX is written as
plain WordprocessingML (no extra dependency), XLSX with openpyxl, PDF with reportlab's built-in
CID font, so the demo ships forms that open in WPS, Word, Excel and any PDF reader.
"""

import io
import zipfile
from xml.sax.saxutils import escape

APPLICANT_FIELDS = [
    "申请单位名称",
    "统一社会信用代码",
    "法定代表人（主要负责人）",
    "单位地址",
    "联系人",
    "联系电话",
    "申请事项",
    "申请内容说明",
]
DECLARATION = "本单位承诺所提交的材料真实、合法、有效，如有虚假，愿承担相应法律责任。"
SIGNATURE = "申请单位（盖章）：　　　　　　法定代表人（签字）：　　　　　　年　　月　　日"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _para(text: str, *, bold=False, size=24, center=False) -> str:
    props = ('<w:jc w:val="center"/>' if center else "") + ""
    run = f'<w:rPr>{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    return f'<w:p><w:pPr>{props}</w:pPr><w:r>{run}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _cell(text: str, width: int) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{_para(text)}</w:tc>'


def form_docx(title: str, service_name: str, fields: list[str] | None = None) -> bytes:
    rows = "".join(f"<w:tr>{_cell(f, 3000)}{_cell('', 6000)}</w:tr>" for f in fields or APPLICANT_FIELDS)
    border = "".join(
        f'<w:{b} w:val="single" w:sz="4"/>' for b in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table = f"<w:tbl><w:tblPr><w:tblBorders>{border}</w:tblBorders></w:tblPr>{rows}</w:tbl>"
    body = (
        _para(title, bold=True, size=36, center=True)
        + _para(f"事项：{service_name}", center=True)
        + table
        + _para(DECLARATION)
        + _para(SIGNATURE)
    )
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def form_xlsx(title: str, service_name: str, fields: list[str] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "申请表"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:B1")
    ws.append([f"事项：{service_name}"])
    for name in fields or APPLICANT_FIELDS:
        ws.append([name, ""])
    ws.append([DECLARATION])
    ws.append([SIGNATURE])
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def form_pdf(title: str, service_name: str, fields: list[str] | None = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=11, leading=18, wordWrap="CJK")
    head = ParagraphStyle("h", parent=body, fontSize=16, leading=24, alignment=1)
    rows = [[Paragraph(escape(f), body), ""] for f in fields or APPLICANT_FIELDS]
    table = Table(rows, colWidths=[50 * mm, 110 * mm], rowHeights=12 * mm)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title, author="娄底市应急管理局")
    doc.build([
        Paragraph(escape(title), head), Paragraph(escape(f"事项：{service_name}"), body), Spacer(1, 6), table,
        Spacer(1, 10), Paragraph(escape(DECLARATION), body), Spacer(1, 10), Paragraph(escape(SIGNATURE), body),
    ])  # fmt: skip
    return out.getvalue()


WRITERS = {"docx": form_docx, "xlsx": form_xlsx, "pdf": form_pdf}


def blank_form(fmt: str, title: str, service_name: str) -> bytes:
    return WRITERS[fmt](title, service_name)
