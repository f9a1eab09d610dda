"""The back office: due-soon and late views, editing through the rules, roles, demo data."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.utils import timezone

from approvals import demo
from approvals.models import Agency, Application, Service

from . import factories as f

pytestmark = pytest.mark.django_db

LIST = "/admin/approvals/application/"


def _open_application(due_in_days: int) -> Application:
    app = f.application(accepted_on=timezone.localdate() - timedelta(days=20))
    app.committed_due_on = timezone.localdate() + timedelta(days=due_in_days)
    app.save()
    return app


def test_the_application_list_warns_about_late_and_soon_files_and_filters_them(client, reviewer):
    late = _open_application(-2)
    soon = _open_application(2)
    calm = _open_application(30)
    client.force_login(reviewer)
    page = client.get(LIST).content.decode()
    assert "1 件申请已超过承诺时限" in page and "1 件申请将在 3 日内到期" in page
    page = client.get(LIST, {"due": "late"}).content.decode()
    assert late.reference in page and soon.reference not in page and calm.reference not in page
    page = client.get(LIST, {"due": "soon"}).content.decode()
    assert soon.reference in page and late.reference not in page


def test_staff_add_an_application_in_the_back_office_and_get_a_reference_and_deadlines(client, editor):
    svc = f.service()
    client.force_login(editor)
    response = client.post(
        LIST + "add/",
        {
            "service": svc.pk,
            "enterprise_name": "新化县梅山精细化工有限公司",
            "credit_code": f.credit_code(),
            "contact_name": "曾海燕",
            "contact_phone": "13973800000",
            "received_on": "2019-09-27",
            "accepted_on": "2019-09-27",
            "extension_days": "0",
            "decision": "",
            "pauses-TOTAL_FORMS": "1",
            "pauses-INITIAL_FORMS": "0",
            "pauses-0-kind": "supplement",
            "pauses-0-starts_on": "2019-10-08",
            "pauses-0-ends_on": "2019-10-10",
        },
    )
    # The acceptance slip, in the POST's own response: the one time the code is shown.
    assert response.status_code == 200, response.content.decode()[-2000:]
    assert "no-store" in response["Cache-Control"]
    app = Application.objects.get()
    slip = response.content.decode()
    code = slip.split("查询码</dt><dd><strong>")[1][:8]
    assert app.reference == "LDYJ-2019-00001" and app.reference in slip and code.isdigit()
    assert code not in app.query_code_hash
    assert app.committed_due_on == date(2019, 10, 21)
    assert app.history.count() >= 1
    # Afterwards nobody sees it again, and it works for the applicant.
    assert code not in client.get(f"{LIST}{app.pk}/change/").content.decode()
    client.logout()
    assert client.post("/approvals/track/", {"reference": app.reference, "query_code": code}).status_code == 200


def test_a_back_office_edit_that_breaks_a_rule_is_refused_and_nothing_is_saved(client, editor):
    app = f.application()
    client.force_login(editor)
    response = client.post(
        f"{LIST}{app.pk}/change/",
        {
            "enterprise_name": app.enterprise_name,
            "contact_name": "x",
            "contact_phone": "1",
            "extension_days": "0",
            "decision": "refused",
            "decision_on": "2019-10-10",
            "decision_reason": "",
            "pauses-TOTAL_FORMS": "0",
            "pauses-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "不予许可须说明理由" in response.content.decode()
    app.refresh_from_db()
    assert app.decision == ""


def test_auditors_read_applications_but_cannot_change_them(client, auditor):
    app = f.application()
    client.force_login(auditor)
    assert client.get(f"{LIST}{app.pk}/change/").status_code == 200
    response = client.post(f"{LIST}{app.pk}/change/", {"enterprise_name": "改名"})
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.enterprise_name != "改名"


def test_a_published_decision_is_read_only_on_the_application_page(client, reviewer):
    app = f.granted(f.application(), on=date(2019, 10, 10), published_on=date(2019, 10, 11))
    client.force_login(reviewer)
    page = client.get(f"{LIST}{app.pk}/change/").content.decode()
    assert 'name="decision_number"' not in page and "已发布" in page


def test_the_demo_has_the_seven_delegated_services_a_year_of_nearly_all_on_time_files_and_agencies():
    demo.load(stdout=StringIO())
    counts = (Service.objects.count(), Application.objects.count(), Agency.objects.count())
    demo.load(stdout=StringIO())
    assert (Service.objects.count(), Application.objects.count(), Agency.objects.count()) == counts
    delegated = Service.objects.published().filter(is_delegated=True)
    assert delegated.count() == 7
    assert all(s.materials.count() >= 4 and s.steps.count() == 4 for s in delegated)
    assert all(s.committed_limit_days * 2 <= s.statutory_limit_days for s in delegated)
    decided = Application.objects.exclude(decision="")
    assert decided.count() >= 80
    on_time = [a for a in decided if a.on_time_committed]
    assert len(on_time) / decided.count() > 0.9
    assert all(a.on_time_statutory for a in decided)
    assert Application.objects.filter(pauses__isnull=False).distinct().count() >= 5
    assert Application.objects.filter(extension_days__gt=0).exists()
    assert any(a.is_expired() for a in Agency.objects.all())


def test_decisions_past_their_publication_deadline_are_listed_for_staff(client, reviewer):
    from approvals import services

    overdue = f.granted(f.application(), on=date(2019, 10, 10))
    published = f.granted(f.application(), on=date(2019, 10, 10), published_on=date(2019, 10, 11))
    # 7 working days after Thursday 2019-10-10 is Friday 10-18 (Saturday 10-12 was worked).
    assert services.last_decision_day_overdue(date(2019, 10, 19)) == date(2019, 10, 10)
    assert services.last_decision_day_overdue(date(2019, 10, 18)) == date(2019, 10, 9)
    client.force_login(reviewer)
    page = client.get(LIST, {"due": "unpublished"}).content.decode()
    assert overdue.reference in page and published.reference not in page


def test_overlapping_or_early_pauses_are_refused_in_the_back_office(client, editor):
    app = f.application()
    client.force_login(editor)
    base = {
        "enterprise_name": app.enterprise_name,
        "contact_name": "x",
        "contact_phone": "1",
        "extension_days": "0",
        "decision": "",
        "pauses-INITIAL_FORMS": "0",
        "pauses-TOTAL_FORMS": "2",
        "pauses-0-kind": "supplement",
        "pauses-0-starts_on": "2019-10-08",
        "pauses-0-ends_on": "2019-10-15",
        "pauses-1-kind": "hearing",
        "pauses-1-starts_on": "2019-10-10",
        "pauses-1-ends_on": "2019-10-11",
    }
    response = client.post(f"{LIST}{app.pk}/change/", base)
    assert response.status_code == 200 and "暂停期间不得重叠" in response.content.decode()
    early = {**base, "pauses-TOTAL_FORMS": "1", "pauses-0-starts_on": "2019-09-27"}
    response = client.post(f"{LIST}{app.pk}/change/", early)
    assert "暂停只能从受理次日起" in response.content.decode()
    assert not app.pauses.exists()


def test_deadlines_are_recomputed_after_the_calendar_changes():
    from django.core.management import call_command

    from loudi_portal.models import WorkCalendarEntry

    app = f.application(accepted_on=date(2027, 9, 24))  # 2027 has no calendar yet
    # Provisional: weekends and the fixed dates of 国庆节 (October 1-3) skipped.
    assert app.committed_due_on == date(2027, 10, 11) and app.due_is_provisional
    for day in range(1, 8):  # the State Council's notice: October 1-7 off
        WorkCalendarEntry.objects.create(date=date(2027, 10, day), kind="holiday", name="国庆节", source="通知")
    out = StringIO()
    call_command("refresh_approval_deadlines", stdout=out)
    app.refresh_from_db()
    assert app.committed_due_on == date(2027, 10, 15)
    assert "Deadlines changed: 1" in out.getvalue()
