"""双公示 fields of a licensing result: 许可类别, 许可证书名称, 许可机关, 当前状态, 数据来源单位."""

import json
from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from approvals.models import ApprovalResult, LicenceState
from loudi_portal.identifiers import make_credit_code
from loudi_portal.models import BureauProfile
from loudi_portal.publishing import Status

from . import factories as f

pytestmark = pytest.mark.django_db
BUREAU_CODE = make_credit_code("11431300MB1234567")


@pytest.fixture
def bureau():
    profile = BureauProfile.objects.create(pk=1, name="娄底市应急管理局", credit_code=BUREAU_CODE)
    cache.clear()
    return profile


def _result(on=date(2019, 10, 10)) -> ApprovalResult:
    app = f.granted(f.application(f.service(result_name="危险化学品经营许可证")), on=on, published_on=on)
    return ApprovalResult.objects.get(application=app)


def test_a_result_names_its_certificate_authority_and_data_source(bureau):
    result = _result()
    assert result.certificate_name == "危险化学品经营许可证"
    assert (result.authority, result.authority_code) == ("娄底市应急管理局", BUREAU_CODE)
    assert (result.data_source, result.data_source_code) == ("娄底市应急管理局", BUREAU_CODE)
    assert result.get_licence_category_display() == "普通"


def test_the_current_status_follows_the_validity_period_and_the_licence_state(bureau):
    result = _result()
    assert result.current_status(date(2020, 1, 1)) == "有效"
    assert result.current_status(result.licence_valid_until) == "有效"
    assert result.current_status(date(2023, 1, 1)) == "已过期"
    result.licence_state = LicenceState.REVOKED
    assert result.current_status(date(2020, 1, 1)) == "已吊销"
    result.status = Status.WITHDRAWN
    assert result.current_status(date(2020, 1, 1)) == "已撤回"


def test_a_refused_decision_cannot_carry_a_licence_state(bureau):
    result = _result()
    result.decision, result.decision_reason, result.licence_state = "refused", "条件不符", LicenceState.CANCELLED
    with pytest.raises(ValidationError) as exc:
        result.full_clean()
    assert "不予许可的决定没有许可证" in str(exc.value)


def test_a_decision_number_follows_gb_t_9704_and_the_message_suggests_the_form(bureau):
    result = _result()
    assert result.decision_number == "娄应急许〔2019〕1号"
    result.decision_number = "娄应急许[2019]001号"
    with pytest.raises(ValidationError) as exc:
        result.full_clean()
    assert "decision_number" in exc.value.message_dict
    assert "是否应为：娄应急许〔2019〕1号" in exc.value.message_dict["decision_number"][0]
    application = result.application
    application.decision_number = "娄应急许〔19〕第1号"
    with pytest.raises(ValidationError) as exc:
        application.full_clean()
    assert "decision_number" in exc.value.message_dict


def test_a_decision_with_a_malformed_number_is_refused_and_nothing_is_saved(bureau):
    from approvals import services

    app = f.application(f.service())
    with pytest.raises(ValidationError, match="决定书文号有误"):
        services.decide(
            application=app,
            decision="refused",
            on=app.accepted_on,
            decision_number="娄应急不许（2019）001号",
            reason="条件不符",
        )
    app.refresh_from_db()
    assert (app.decision, app.decision_number) == ("", "")


def test_the_register_and_its_export_show_the_standards_fields(bureau, client):
    result = _result(on=date.today())
    html = client.get(reverse("approvals:result-list")).content.decode()
    assert "许可类别：普通" in html
    assert "危险化学品经营许可证" in html
    assert "<strong>有效</strong>" in html
    assert BUREAU_CODE in html
    body = b"".join(client.get(reverse("approvals:result-list") + "?format=json").streaming_content)
    row = json.loads(body)["results"][0]
    assert row["reference"] == result.reference
    assert (row["licence_category"], row["certificate_name"], row["current_status"]) == (
        "普通",
        "危险化学品经营许可证",
        "有效",
    )
    assert (row["authority_code"], row["data_source"]) == (BUREAU_CODE, "娄底市应急管理局")
