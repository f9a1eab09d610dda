"""PDF documents in Chinese, drawn with reportlab's built-in CID font (STSong-Light: no font file).

`report_pdf(report)` renders a yearly report from the same figures as its page and its
notice (the frozen `tables`, the written sections), so the three never disagree.
`document_pdf(title, blocks)` renders any other document (headings, paragraphs, tables),
used for the attachments of notices.
"""

import io
from html import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "STSong-Light"

if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))

STYLES = {
    "title": ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=8),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=11, leading=16, alignment=TA_CENTER),
    "h2": ParagraphStyle("h2", fontName=FONT, fontSize=14, leading=22, spaceBefore=10, spaceAfter=4),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=11, leading=19, firstLineIndent=22, wordWrap="CJK"),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8.5, leading=11, wordWrap="CJK"),
    "caption": ParagraphStyle("caption", fontName=FONT, fontSize=10, leading=14, alignment=TA_CENTER, spaceAfter=3),
}


def _table(caption: str, head: list, rows: list[list], widths=None, *, head_rows=1, spans=()) -> list:
    """`head` is the first header row; `head_rows` counts header rows (the rest lead `rows`).

    `spans` are ((col0, row0), (col1, row1)) cells merged as in the template.
    """

    def cell(value):
        return Paragraph(escape("—" if value is None else str(value)), STYLES["cell"])

    data = [[cell(h) for h in head]] + [[cell(v) for v in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=head_rows)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, head_rows - 1), colors.Color(0.92, 0.92, 0.92)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
            + [("SPAN", start, end) for start, end in spans]
        )
    )
    return [Paragraph(escape(caption), STYLES["caption"]), table, Spacer(1, 6)]


def document_pdf(title: str, blocks: list, *, subtitle: str = "") -> bytes:
    """blocks: ("h2", text) | ("p", text) | ("table", caption, head, rows)."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=22 * mm, bottomMargin=20 * mm,
        title=title, author="娄底市应急管理局",
    )  # fmt: skip
    story = [Paragraph(escape(title), STYLES["title"])]
    if subtitle:
        story += [Paragraph(escape(subtitle), STYLES["subtitle"]), Spacer(1, 8)]
    for block in blocks:
        if block[0] == "table":
            story += _table(*block[1:5], **(block[5] if len(block) > 5 else {}))
        else:
            for line in str(block[1]).splitlines() or [""]:
                if line.strip():
                    story.append(Paragraph(escape(line.strip()), STYLES["h2" if block[0] == "h2" else "body"]))
    doc.build(story)
    return out.getvalue()


def report_blocks(report, tables: dict) -> list:
    """The report's six parts with Tables 二, 三 and 四, from the frozen figures."""
    blocks = [("h2", "一、总体情况"), ("p", report.overview), ("h2", "二、主动公开政府信息情况")]
    for block in tables["table2"]:
        head = ["信息内容"] + [label for _key, label in block["columns"]]
        rows = [[row["label"]] + row["cells"] for row in block["rows"]]
        blocks.append(("table", block.get("title", ""), head, rows))
    blocks.append(("h2", "三、收到和处理政府信息公开申请情况"))
    blocks.append(_table3_block(tables["table3"]))
    blocks.append(("h2", "四、政府信息公开行政复议、行政诉讼情况"))
    blocks.append(_table4_block(tables["table4"]))
    blocks += [("h2", "五、存在的主要问题及改进情况"), ("p", report.problems)]
    blocks += [("h2", "六、其他需要报告的事项"), ("p", report.other_matters)]
    return blocks


def _table3_block(t3: dict) -> tuple:
    """Table 三 laid out as the template: three label columns with their spans, then seven figures."""
    cols = [label for _key, label in t3["columns"]]
    width = len(cols) + 3
    head = [t3_note(), "", "", "申请人情况"] + [""] * (width - 4)
    header = [["", "", "", cols[0], "法人或其他组织", "", "", "", "", cols[-1]], ["", "", "", "", *cols[1:-1], ""]]
    spans = [((0, 0), (2, 2)), ((3, 0), (width - 1, 0)), ((3, 1), (3, 2)), ((4, 1), (8, 1)), ((9, 1), (9, 2))]
    rows, taken = [], set()
    for r, row in enumerate(t3["rows"], start=3):
        line, c = [""] * width, 0
        for h in row["heads"]:
            while (c, r) in taken:
                c += 1
            line[c] = h["label"]
            if h["rowspan"] > 1 or h["colspan"] > 1:
                spans.append(((c, r), (c + h["colspan"] - 1, r + h["rowspan"] - 1)))
                taken |= {(c + i, r + j) for i in range(h["colspan"]) for j in range(h["rowspan"])}
            c += h["colspan"]
        rows.append(line[:3] + row["values"])
    widths = [16 * mm, 20 * mm, 42 * mm] + [(160 - 78) * mm / len(cols)] * len(cols)
    return ("table", "收到和处理政府信息公开申请情况（单位：件）", head, header + rows, widths,
            {"head_rows": 3, "spans": spans})  # fmt: skip


def t3_note() -> str:
    return "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _table4_block(t4: dict) -> tuple:
    """Table 四 in the template's orientation: 行政复议 | 行政诉讼 over five results each, one row of 15."""
    results = [label for _key, label in t4["results"]]
    groups = [g["label"] for g in t4["groups"]]
    head = [groups[0], "", "", "", "", "行政诉讼"] + [""] * 9
    second = [*results, groups[1], "", "", "", "", groups[2], "", "", "", ""]
    third = [""] * 5 + results + results
    figures = [v for g in t4["groups"] for v in g["values"]]
    spans = [((0, 0), (4, 0)), ((5, 0), (14, 0)), ((5, 1), (9, 1)), ((10, 1), (14, 1))]
    spans += [((i, 1), (i, 2)) for i in range(5)]
    return ("table", "政府信息公开行政复议、行政诉讼情况（单位：件）", head, [second, third, figures], [160 * mm / 15] * 15,
            {"head_rows": 3, "spans": spans})  # fmt: skip


def report_pdf(report, title: str) -> bytes:
    tables = report.tables
    return document_pdf(title, report_blocks(report, tables), subtitle=f"统计期限：{report.year}年1月1日至12月31日")
