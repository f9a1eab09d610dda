"""Hostile import files: each is refused with a Chinese message before anything is stored.

A NUL byte (PostgreSQL cannot store it: it used to answer 500), other control
characters, a file whose bytes are not what its extension says, a zip bomb and
an XLSX with 400,000 cells in its first row (under 1 MB on disk; it used to take
seconds to parse and is now refused without parsing).
"""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enforcement import importer
from enforcement.models import Enterprise

from . import factories as f

pytestmark = pytest.mark.django_db

HEADER = "企业名称,统一社会信用代码,所在县市区,行业领域\n"


def post(client, upload, kind="enterprises"):
    return client.post(reverse("admin:enforcement_import"), {"kind": kind, "file": upload})


def xlsx(sheet_xml: bytes, *, padding: int = 0) -> bytes:
    """A minimal XLSX package around one worksheet's XML (written by hand: no library writes hostile files)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if padding:
            with archive.open("xl/media/padding.bin", "w") as member:
                for _ in range(padding // (1024 * 1024)):
                    member.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


def sheet(rows_xml: str) -> bytes:
    return (
        '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1"/><sheetData>{rows_xml}</sheetData></worksheet>'
    ).encode()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_nul_byte_in_a_csv_is_refused_with_a_message_and_nothing_is_stored(editor, client):
    client.force_login(editor)
    text = HEADER + f"甲化工\x00有限公司,{f.credit_code(911)},娄星区,危险化学品\n"
    response = post(client, SimpleUploadedFile("data.csv", text.encode("utf-8")))
    assert response.status_code == 200
    assert "空字符（NUL）" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_a_utf16_csv_is_refused_as_not_utf8_text(editor, client):
    client.force_login(editor)
    text = HEADER + f"甲化工有限公司,{f.credit_code(912)},娄星区,危险化学品\n"
    html = post(client, SimpleUploadedFile("data.csv", text.encode("utf-16"))).content.decode()
    assert "CSV UTF-8" in html and not Enterprise.objects.exists()


def test_a_control_character_in_a_cell_names_the_row_and_column_and_nothing_is_stored(editor, client):
    client.force_login(editor)
    text = HEADER + (
        f"好公司,{f.credit_code(913)},娄星区,危险化学品\n坏\x0c公司,{f.credit_code(914)},娄星区,危险化学品\n"
    )
    html = post(client, SimpleUploadedFile("data.csv", text.encode("utf-8"))).content.decode()
    assert "<td>3</td>" in html and "“企业名称”含有不可见的控制字符" in html
    assert not Enterprise.objects.exists()


def test_an_xlsx_with_400000_cells_in_its_first_row_is_refused_without_being_parsed(editor, client, monkeypatch):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    block = "".join(f'<c r="{a}{b}{c}1" s="1"/>' for a in letters[:24] for b in letters for c in letters)
    cells = block * 25  # 405,600 cells
    content = xlsx(sheet(f'<row r="1">{cells}</row>'))
    assert len(content) < 2_000_000, "well under the 5 MB upload limit: only its cells make it hostile"

    def no_parsing(*args, **kwargs):
        raise AssertionError("the workbook must be refused before openpyxl parses it")

    monkeypatch.setattr("openpyxl.load_workbook", no_parsing)
    client.force_login(editor)
    started = time.perf_counter()
    html = post(client, SimpleUploadedFile("data.xlsx", content)).content.decode()
    assert time.perf_counter() - started < 3  # it took 6 s to parse; the count takes milliseconds
    assert "单元格过多" in html and not Enterprise.objects.exists()
    # The same row of bare `<c/>` cells is a 4 KB file that inflates 400-fold: refused as a zip bomb.
    html = post(
        client, SimpleUploadedFile("data.xlsx", xlsx(sheet('<row r="1">' + "<c/>" * 400_000 + "</row>")))
    ).content.decode()
    assert "压缩炸弹" in html and not Enterprise.objects.exists()


def test_the_cell_count_streams_through_chunks_without_missing_or_doubling_a_cell():
    for cells in (importer.MAX_CELLS, importer.MAX_CELLS + 1):
        content = xlsx(sheet("".join(f'<row r="{r}">' + '<c r="A1" s="1"/>' * 30 + "</row>" for r in range(cells // 30))
                             + '<row r="9999">' + "<x:c/>" * (cells % 30) + "</row>"))  # fmt: skip
        upload = SimpleUploadedFile("data.xlsx", content)
        assert importer.hostile_files.xlsx_cells_over(upload, importer.MAX_CELLS) is (cells > importer.MAX_CELLS)


def test_an_xlsx_that_inflates_far_beyond_its_size_is_refused(editor, client):
    client.force_login(editor)
    content = xlsx(sheet('<row r="1">' + inline("A1", "企业名称") + "</row>"), padding=80 * 1024 * 1024)
    html = post(client, SimpleUploadedFile("data.xlsx", content)).content.decode()
    assert "压缩炸弹" in html and not Enterprise.objects.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7 a pdf renamed",
        b"MZ\x90\x00 a program",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 an old .xls",
        b"PK\x03\x04",
    ],
)
def test_an_xlsx_whose_bytes_are_not_an_xlsx_is_refused(editor, client, content):
    client.force_login(editor)
    html = post(client, SimpleUploadedFile("data.xlsx", content)).content.decode()
    assert "文件内容不是 XLSX 表格" in html and not Enterprise.objects.exists()
