"""The back office: the ledger is add-only for everyone, schemes freeze, corrections ask for a reason."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from subsidies.models import SubsidyPayment, SubsidyScheme
from subsidies.services import record_payment

from .factories import make_closure, make_scheme

pytestmark = pytest.mark.django_db

ADD = reverse("admin:subsidies_subsidypayment_add")


@pytest.fixture
def mine():
    return make_closure(make_scheme(quotas={"lianyuan": 1}))


def entry(mine, **overrides):
    data = {
        "item": "subsidy",
        "closure": mine.pk,
        "county": "",
        "year": "",
        "amount": "1500000",
        "paid_on": "2019-09-01",
        "funding_level": "province",
        "voucher_no": "ADM-1",
        "note": "省级资金",
        "justification": "",
        "reverses": "",
        "reversal_reason": "",
    }
    return {**data, **overrides}


def test_editor_records_a_payment_through_the_admin(client, editor, mine):
    client.force_login(editor)
    response = client.post(ADD, entry(mine))
    assert response.status_code == 302
    payment = SubsidyPayment.objects.get()
    assert (payment.amount, payment.county, payment.year, payment.recorded_by) == (
        Decimal("1500000"),
        "lianyuan",
        2019,
        editor,
    )


def test_over_entitlement_in_the_admin_is_a_form_error_and_nothing_is_saved(client, editor, mine):
    client.force_login(editor)
    response = client.post(ADD, entry(mine, amount="2500000", justification="想多给"))
    assert response.status_code == 200
    assert "超过应拨金额" in response.content.decode()
    assert not SubsidyPayment.objects.exists()


def test_reviewer_can_overpay_in_the_admin_with_a_justification(client, reviewer, mine):
    client.force_login(reviewer)
    response = client.post(ADD, entry(mine, amount="2500000", justification="省级追加专项资金"))
    assert response.status_code == 302
    assert SubsidyPayment.objects.get().justified_by == reviewer


def test_reversal_through_the_admin_needs_a_reason(client, editor, mine):
    original = record_payment(
        item="subsidy", closure=mine, amount="100", paid_on=date(2019, 9, 1), funding_level="city",
        voucher_no="V-1", by=None,
    )  # fmt: skip
    client.force_login(editor)
    response = client.post(ADD, entry(mine, reverses=original.pk, voucher_no="V-1-R", amount=""))
    assert response.status_code == 200 and "原因" in response.content.decode()
    response = client.post(ADD, entry(mine, reverses=original.pk, voucher_no="V-1-R", reversal_reason="重复入账"))
    assert response.status_code == 302
    assert SubsidyPayment.objects.get(voucher_no="V-1-R").amount == Decimal("-100")


@pytest.mark.parametrize("who", ["editor", "reviewer", "admin_user"])
def test_nobody_can_change_or_delete_a_payment_in_the_admin(client, request, mine, who):
    payment = record_payment(
        item="subsidy", closure=mine, amount="100", paid_on=date(2019, 9, 1), funding_level="city",
        voucher_no="V-1", by=None,
    )  # fmt: skip
    client.force_login(request.getfixturevalue(who))
    change = reverse("admin:subsidies_subsidypayment_change", args=[payment.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(change, entry(mine, amount="5")).status_code == 403
    delete = reverse("admin:subsidies_subsidypayment_delete", args=[payment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert SubsidyPayment.objects.get().amount == Decimal("100")


def test_auditor_sees_the_ledger_but_cannot_add(client, auditor, mine):
    client.force_login(auditor)
    assert client.get(reverse("admin:subsidies_subsidypayment_changelist")).status_code == 200
    assert client.get(ADD).status_code == 403


def test_scheme_with_payments_is_read_only_and_offers_a_correction(client, editor, mine):
    record_payment(
        item="subsidy", closure=mine, amount="100", paid_on=date(2019, 9, 1), funding_level="city",
        voucher_no="V-1", by=None,
    )  # fmt: skip
    client.force_login(editor)
    html = client.get(reverse("admin:subsidies_subsidyscheme_change", args=[mine.scheme_id])).content.decode()
    assert 'name="outburst_subsidy"' not in html
    assert "发布更正版本" in html


def test_correction_form_requires_a_reason_and_creates_the_next_version(client, editor, mine):
    client.force_login(editor)
    url = reverse("admin:subsidies_subsidyscheme_correct", args=[mine.scheme_id])
    form = client.get(url)
    assert form.status_code == 200
    data = {
        "reason": "",
        "title": "更正后的方案",
        "basis_number": "娄政办发〔2019〕1号",
        "basis_url": "",
        "outburst_subsidy": "9000000",
        "non_outburst_subsidy": "2100000",
        "over_quota_reward": "5000000",
        "over_quota_working_funds": "500000",
        "quota_lianyuan": "0",
    }
    assert client.post(url, data).status_code == 200
    assert SubsidyScheme.objects.count() == 1
    response = client.post(url, {**data, "reason": "标准调整"})
    assert response.status_code == 302
    new = SubsidyScheme.objects.current().get()
    assert (new.version, new.non_outburst_subsidy, new.correction_reason) == (2, Decimal("2100000"), "标准调整")
    assert dict(new.quotas.values_list("county", "quota")) == {"lianyuan": 0}


def test_closure_credit_code_is_checked(client, editor, mine):
    client.force_login(editor)
    url = reverse("admin:subsidies_mineclosure_add")
    data = {
        "scheme": mine.scheme_id,
        "mine_name": mine.mine_name,
        "enterprise_name": mine.enterprise_name,
        "enterprise_credit_code": "91431382MA4L000010",
        "county": mine.county,
        "mine_type": mine.mine_type,
        "capacity": "9",
        "decision_no": mine.decision_no.replace("号", "0号"),
        "closed_on": "2019-06-01",
        "accepted_on": "",
        "note": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "校验位" in response.content.decode()
    response = client.post(url, {**data, "enterprise_credit_code": "", "closed_on": "2020-01-05"})
    assert response.status_code == 200 and "2019" in response.content.decode()


def test_a_second_scheme_for_the_same_year_is_refused_with_a_message(client, editor, mine):
    client.force_login(editor)
    data = {
        "year": "2019",
        "title": "重复的方案",
        "basis_number": "X",
        "basis_url": "",
        "outburst_subsidy": "1",
        "non_outburst_subsidy": "1",
        "over_quota_reward": "1",
        "over_quota_working_funds": "1",
        "quotas-TOTAL_FORMS": "0",
        "quotas-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:subsidies_subsidyscheme_add"), data)
    assert response.status_code == 200 and "发布更正版本" in response.content.decode()
    assert SubsidyScheme.objects.count() == 1
    response = client.post(reverse("admin:subsidies_subsidyscheme_add"), {**data, "year": "2020"})
    assert response.status_code == 302 and SubsidyScheme.objects.count() == 2


def test_a_closure_decision_number_must_follow_gb_t_9704_and_the_page_suggests_the_fix(client, editor, mine):
    """关闭决定文号 is a 文号 like any other: 〔〕 brackets, four-digit year, no 第 or leading zeros."""
    from subsidies.models import MineClosure

    client.force_login(editor)
    data = {
        "scheme": mine.scheme_id,
        "mine_name": "示例新关闭煤矿",
        "enterprise_name": mine.enterprise_name,
        "enterprise_credit_code": "",
        "county": mine.county,
        "mine_type": mine.mine_type,
        "capacity": "9",
        "decision_no": "娄关[2019]第07号",
        "closed_on": "2019-06-01",
        "accepted_on": "",
        "note": "",
    }
    response = client.post(reverse("admin:subsidies_mineclosure_add"), data)
    body = response.content.decode()
    assert response.status_code == 200 and "GB/T 9704-2012" in body and "是否应为：娄关〔2019〕7号" in body
    assert not MineClosure.objects.filter(mine_name="示例新关闭煤矿").exists()
