"""Blank application forms (表格下载) as real office files: DOCX, XLSX or PDF.

A form is a title, the applicant's fields to fill in, and a signature line. DOCX is written as
plain WordprocessingML (`loudi_portal/word_documents.py`, no extra dependency), XLSX with openpyxl, PDF with reportlab's built-in
CID font, so the demo ships forms that open in WPS, Word, Excel and any PDF reader.
"""

import io
from xml.sax.saxutils import escape

from loudi_portal import word_documents

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


def form_docx(title: str, service_name: str, fields: list[str] | None = None) -> bytes:
    return word_documents.form(
        title, fields or APPLICANT_FIELDS, [DECLARATION, SIGNATURE], subtitle=f"事项：{service_name}"
    )


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
