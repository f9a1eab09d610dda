"""/apply/ and /apply/track/: validation, abuse protection, and no personal data on public pages."""

from datetime import date

import pytest
from django.urls import reverse

from inforequests.models import InfoRequest
from loudi_portal.identifiers import id_number_check_char, id_number_error, make_credit_code

ID_NUMBER = "43130219800101003X"
CREDIT_CODE = make_credit_code("91431300MA4L00001")


def form_data(**overrides):
    data = {
        "applicant_kind": "person",
        "name": "赵明远",
        "identifier": ID_NUMBER,
        "contact_person": "",
        "phone": "13800000000",
        "email": "zhao@example.com",
        "address": "娄底市涟源市人民路 88 号",
        "postal_code": "417100",
        "description": "请提供 2019 年危险化学品经营企业安全风险分级结果。",
        "form": "electronic",
        "delivery": "email",
        "website": "",
    }
    data.update(overrides)
    return data


def test_id_number_check_digit_follows_gb_11643():
    assert id_number_check_char("43130219800101003") == "X"
    assert id_number_error(ID_NUMBER) is None
    assert id_number_error("431302198001010010") is not None
    assert id_number_error("431302198002300016") is not None  # no 30 February


def test_the_apply_page_shows_the_guide_and_a_labelled_form(client, db):
    response = client.get(reverse("inforequests:apply"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "政府信息公开指南" in html and "20 个工作日" in html
    assert 'for="id_identifier"' in html and 'for="id_description"' in html


def _code_on(page: str) -> str:
    """The query code printed on the receipt."""
    return page.split("查询码</dt><dd><strong>")[1].split("<")[0]


def test_a_valid_request_is_saved_and_the_applicant_sees_a_reference_and_query_code(client, db):
    response = client.post(reverse("inforequests:apply"), form_data())
    # The receipt is the POST's own response, never cached, never stored.
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    request = InfoRequest.objects.get()
    code = _code_on(page)
    assert request.reference in page and "查询码" in page and code not in request.query_code_hash
    assert not any(code in str(value) for value in dict(client.session).values())
    assert request.id_number == ID_NUMBER
    assert request.name not in page and ID_NUMBER not in page and "13800000000" not in page


def test_a_wrong_id_number_is_refused_with_a_clear_message_and_nothing_saved(client, db):
    response = client.post(reverse("inforequests:apply"), form_data(identifier="431302198001010010"))
    assert response.status_code == 400
    assert "校验位不正确" in response.content.decode()
    assert not InfoRequest.objects.exists()


def test_an_organisation_gives_a_valid_credit_code_and_a_contact(client, db):
    bad = client.post(
        reverse("inforequests:apply"), form_data(applicant_kind="commercial", identifier=CREDIT_CODE[:-1] + "0")
    )
    assert bad.status_code == 400
    good = client.post(
        reverse("inforequests:apply"),
        form_data(applicant_kind="commercial", identifier=CREDIT_CODE, contact_person="刘工"),
    )
    assert good.status_code == 200
    assert InfoRequest.objects.get().credit_code == CREDIT_CODE


def test_the_honeypot_field_stops_a_bot(client, db):
    response = client.post(reverse("inforequests:apply"), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not InfoRequest.objects.exists()


def test_an_overlong_description_is_refused(client, db):
    response = client.post(reverse("inforequests:apply"), form_data(description="字" * 2001))
    assert response.status_code == 400
    assert not InfoRequest.objects.exists()


def test_one_address_may_send_five_requests_an_hour(client, db):
    for _ in range(5):
        assert client.post(reverse("inforequests:apply"), form_data()).status_code == 200
    limited = client.post(reverse("inforequests:apply"), form_data())
    assert limited.status_code == 429
    assert InfoRequest.objects.count() == 5
    other = client.post(reverse("inforequests:apply"), form_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_tracking_shows_status_and_deadline_only(client, db, roles):
    from django.contrib.auth.models import Group, User

    from inforequests.permissions import HANDLER_GROUP, ensure_handler_group
    from inforequests.services import record_event

    page = client.post(reverse("inforequests:apply"), form_data()).content.decode()
    sent = {"reference": InfoRequest.objects.get().reference, "code": _code_on(page)}
    ensure_handler_group()
    handler = User.objects.create_user("h", is_staff=True)
    handler.groups.add(Group.objects.get(name=HANDLER_GROUP))
    handler = User.objects.get(pk=handler.pk)
    request = InfoRequest.objects.get()
    record_event(request=request, by=handler, kind="received", on=date(2019, 3, 4), channel="online")
    response = client.post(reverse("inforequests:apply-track"), {"reference": sent["reference"], "code": sent["code"]})
    html = response.content.decode()
    assert "办理中" in html and "2019-04-01" in html
    for private in ("赵明远", ID_NUMBER, "13800000000", "人民路", "危险化学品经营企业"):
        assert private not in html


def test_tracking_with_a_wrong_code_reveals_nothing(client, db):
    client.post(reverse("inforequests:apply"), form_data())
    reference = InfoRequest.objects.get().reference
    response = client.post(reverse("inforequests:apply-track"), {"reference": reference, "code": "WRONG234"})
    assert "不正确" in response.content.decode()
    assert "办理中" not in response.content.decode()


@pytest.mark.parametrize("name", ["anonymous", "editor", "reviewer", "admin_user", "outsider"])
def test_request_pages_in_the_back_office_are_closed_to_everyone_but_handlers_and_auditors(client, persona, name):
    from inforequests.tests.factories import make_request

    request = make_request()
    persona(name)
    for url in (
        reverse("admin:inforequests_inforequest_changelist"),
        reverse("admin:inforequests_inforequest_change", args=[request.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404)
        assert request.name not in response.content.decode()


def test_an_auditor_reads_a_request_but_cannot_change_it(client, auditor):
    from inforequests.tests.factories import make_request

    request = make_request()
    client.force_login(auditor)
    response = client.get(reverse("admin:inforequests_inforequest_change", args=[request.pk]))
    assert response.status_code == 200 and request.name in response.content.decode()
    assert client.post(reverse("admin:inforequests_inforequest_change", args=[request.pk]), {}).status_code == 403


def test_typing_mistakes_do_not_use_up_the_hourly_allowance(client, db):
    for _ in range(6):
        assert client.post(reverse("inforequests:apply"), form_data(identifier="123")).status_code == 400
    assert client.post(reverse("inforequests:apply"), form_data()).status_code == 200


def test_an_oversized_post_is_refused_before_it_is_read(client, db):
    response = client.post(reverse("inforequests:apply"), form_data(description="字" * 20000))
    assert response.status_code == 413
    assert not InfoRequest.objects.exists()


def test_the_confirmation_page_shows_the_code_only_once(client, db):
    response = client.post(reverse("inforequests:apply"), form_data())
    assert "查询码" in response.content.decode()
    # The old receipt address shows nothing: it sends back to the form.
    assert client.get(reverse("inforequests:apply-sent")).status_code == 302
