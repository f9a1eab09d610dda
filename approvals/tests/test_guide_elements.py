"""办事指南 elements of the 全国一体化政务服务平台 事项标准: codes, 办件类型, 到办事现场次数, 中介服务,
特殊环节, 表格下载 files and the 网上办理 link, on the guide page, in the export and in /data/."""

import csv
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from approvals import blank_forms
from approvals.models import HandlingType, Intermediary, SpecialStep
from approvals.service_codes import implementation_code
from approvals.tests import factories as f
from loudi_portal.files import validate_magic
from loudi_portal.identifiers import make_credit_code

pytestmark = pytest.mark.django_db

BUREAU = make_credit_code("11431300MB1234567")
BASIC = "000172011000"


def test_codes_are_validated_with_clear_messages():
    svc = f.service()
    svc.basic_code = "12345"
    with pytest.raises(ValidationError, match="基本编码应为 12 位数字"):
        svc.full_clean()
    svc.basic_code = BASIC
    svc.implementation_code = implementation_code(BUREAU[:-1] + ("0" if BUREAU[-1] != "0" else "1"), 3, BASIC)
    with pytest.raises(ValidationError, match="不是有效的统一社会信用代码"):
        svc.full_clean()
    svc.implementation_code = implementation_code(BUREAU, 3, "000172004000")
    with pytest.raises(ValidationError, match="末 12 位应与基本编码一致"):
        svc.full_clean()
    svc.implementation_code = implementation_code(BUREAU, 3, BASIC)
    svc.full_clean()


def test_an_immediate_item_cannot_promise_several_days():
    svc = f.service(committed_limit_days=5)
    svc.handling_type = HandlingType.IMMEDIATE
    with pytest.raises(ValidationError, match="即办件"):
        svc.full_clean()


@pytest.fixture
def guide():
    svc = f.service(
        code="yjxk-001",
        basic_code=BASIC,
        implementation_code=implementation_code(BUREAU, 3, BASIC),
        onsite_visits=1,
        online_url="https://zwfw-new.hunan.gov.cn/",
    )
    Intermediary.objects.create(service=svc, name="安全评价（储存设施）", is_required=True, provider="安全评价机构")
    SpecialStep.objects.create(service=svc, name="专家评审", limit_days=10, legal_basis="《行政许可法》第四十五条")
    SpecialStep.objects.create(
        service=svc, name="现场核查", limit_days=5, legal_basis="《行政许可法》第三十四条", counts_toward_limit=True
    )
    return svc


def test_the_guide_keeps_its_address_and_shows_every_element(client, guide):
    page = client.get("/approvals/yjxk-001/").content.decode()
    assert BASIC in page and guide.implementation_code in page
    assert "承诺件" in page and "到办事现场次数" in page and "1 次" in page
    assert "安全评价（储存设施）" in page and "是（受理的前置条件）" in page
    assert "专家评审" in page and "不计入" in page and "现场核查" in page and "《行政许可法》第四十五条" in page
    assert '<a href="https://zwfw-new.hunan.gov.cn/" rel="external">' in page


def test_the_export_carries_the_new_fields(client, guide):
    response = client.get("/approvals/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    row = next(r for r in rows if r["网址代码"] == "yjxk-001")
    assert row["基本编码"].strip() == BASIC and row["办件类型"] == "承诺件" and row["到办事现场次数"] == "1"
    assert row["中介服务"] == "安全评价（储存设施）（必须）"
    assert (
        "专家评审 10个工作日（不计入办结时限" in row["特殊环节"]
        and "现场核查 5个工作日（计入办结时限" in row["特殊环节"]
    )
    assert row["网上办理地址"] == "https://zwfw-new.hunan.gov.cn/"


def test_the_data_dictionary_names_the_standard_of_the_new_fields(client):
    html = client.get("/data/").content.decode()
    for key in ("basic_code", "implementation_code", "handling_type", "onsite_visits", "special_steps"):
        assert f"<code>{key}</code>" in html
    assert "全国一体化政务服务平台 事项标准（GB/T 39554.1-2020）（基本编码）" in html


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_blank_forms_are_real_files_an_upload_check_accepts(fmt):
    content = blank_forms.blank_form(fmt, "危险化学品经营许可证申请表", "危险化学品经营许可证核发")
    validate_magic(SimpleUploadedFile(f"form.{fmt}", content))
    if fmt == "docx":
        xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
        assert "危险化学品经营许可证申请表" in xml and "统一社会信用代码" in xml
    elif fmt == "xlsx":
        ws = load_workbook(io.BytesIO(content)).active
        assert ws["A1"].value == "危险化学品经营许可证申请表" and ws["A4"].value == "统一社会信用代码"
    else:
        assert content.startswith(b"%PDF") and len(content) > 1000
