"""Admin imports from CSV and XLSX: all rows or none, with a row-by-row report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from enforcement.models import Enterprise, Inspection, Penalty

from . import factories as f

pytestmark = pytest.mark.django_db

URL = "admin:enforcement_import"


def upload_csv(text: str, name="data.csv"):
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


def post(client, kind, upload):
    return client.post(reverse(URL), {"kind": kind, "file": upload})


def test_enterprises_import_all_rows_when_every_row_is_valid(editor, client):
    client.force_login(editor)
    a, b = f.credit_code(901), f.credit_code(902)
    text = f"企业名称,统一社会信用代码,所在县市区,行业领域,风险等级\n甲化工有限公司,{a},娄星区,危险化学品,较大风险（橙）\n乙煤矿,{b},涟源市,煤矿和非煤矿山,\n"
    response = post(client, "enterprises", upload_csv(text))
    assert response.status_code == 302
    assert Enterprise.objects.count() == 2
    assert Enterprise.objects.get(credit_code=a).risk_grade == "orange"


def test_one_bad_row_saves_nothing_and_the_report_names_each_bad_row(editor, client):
    client.force_login(editor)
    good = f.credit_code(903)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    text = (
        "name,credit_code,county,industry\n"
        f"好公司,{good},娄星区,危险化学品\n"
        f"坏代码公司,{bad},娄星区,危险化学品\n"
        f"未知县公司,{f.credit_code(904)},长沙市,危险化学品\n"
        f"重复公司,{good},娄星区,危险化学品\n"
    )
    html = post(client, "enterprises", upload_csv(text)).content.decode()
    assert not Enterprise.objects.exists()
    assert "未导入任何数据" in html
    assert "<td>3</td>" in html and "校验位不正确" in html
    assert "<td>4</td>" in html and "长沙市" in html
    assert "<td>5</td>" in html and "重复" in html


def test_penalties_import_from_xlsx_and_refuse_a_duplicate_decision_number(editor, client):
    f.penalty(decision_no="（娄）应急罚〔2026〕1号")
    client.force_login(editor)
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "决定书文号",
            "当事人类型",
            "当事人名称或姓名",
            "违法事实",
            "处罚依据",
            "处罚种类",
            "罚没金额（元）",
            "处罚决定日期",
        ]
    )
    ws.append(
        [
            "（娄）应急罚〔2026〕2号",
            "自然人",
            "赵六",
            "无证销售烟花爆竹",
            "《烟花爆竹安全管理条例》第三十六条",
            "罚款",
            3000,
            "2026-03-02",
        ]
    )
    ws.append(["（娄）应急罚〔2026〕1号", "法人或其他组织", "某公司", "x", "y", "罚款", "abc", "2026-03-02"])
    buf = io.BytesIO()
    wb.save(buf)
    upload = SimpleUploadedFile("p.xlsx", buf.getvalue())
    html = post(client, "penalties", upload).content.decode()
    assert Penalty.objects.count() == 1
    assert "已存在" in html
    # Fix the file: only the good row.
    ws.delete_rows(3)
    buf = io.BytesIO()
    wb.save(buf)
    assert post(client, "penalties", SimpleUploadedFile("p.xlsx", buf.getvalue())).status_code == 302
    imported = Penalty.objects.get(decision_no="（娄）应急罚〔2026〕2号")
    assert imported.party_kind == "person" and imported.status == "draft" and imported.created_by == editor
    assert imported.last_edited_by == editor and editor.pk in imported.revision_authors  # never its reviewer


def test_inspections_import_needs_known_enterprises_and_two_inspectors(editor, client):
    e = f.enterprise()
    a, b = f.inspector(), f.inspector()
    client.force_login(editor)
    text = (
        "统一社会信用代码,检查日期,检查来源,检查人员执法证号,检查结果\n"
        f"{e.credit_code},2026-04-01,“四不两直”暗查暗访,{a.cert_no};{b.cert_no},未发现问题\n"
        f"{e.credit_code},2026/04/02,投诉举报,{a.cert_no},未发现问题\n"
    )
    html = post(client, "inspections", upload_csv(text)).content.decode()
    assert "至少 2 名" in html and not Inspection.objects.exists()
    text = text.splitlines()
    assert post(client, "inspections", upload_csv("\n".join(text[:2]) + "\n")).status_code == 302
    assert list(Inspection.objects.get().inspectors.order_by("cert_no")) == sorted([a, b], key=lambda i: i.cert_no)


def test_missing_headers_empty_and_wrong_type_files_get_a_message(editor, client):
    client.force_login(editor)
    assert "表头缺少" in post(client, "enterprises", upload_csv("foo,bar\n1,2\n")).content.decode()
    assert "文件是空的" in post(client, "enterprises", upload_csv("")).content.decode()
    html = post(client, "enterprises", SimpleUploadedFile("x.pdf", b"%PDF")).content.decode()
    assert "只接受" in html
    html = post(client, "enterprises", SimpleUploadedFile("x.xlsx", b"not a zip")).content.decode()
    assert "文件内容不是 XLSX 表格" in html


def test_roles_without_add_rights_cannot_import(auditor, reviewer, client):
    for user in (auditor, reviewer):
        client.force_login(user)
        response = post(client, "penalties", upload_csv("决定书文号\n1\n"))
        assert response.status_code == 403


def test_the_import_page_is_refused_to_staff_who_may_import_nothing_and_offers_an_editor_their_kinds(
    editor, auditor, client
):
    client.force_login(auditor)
    assert client.get(reverse(URL)).status_code == 403
    client.force_login(editor)
    page = client.get(reverse(URL)).content.decode()
    assert 'value="enterprises"' in page and 'value="penalties"' in page
