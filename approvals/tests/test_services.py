"""Every rule an application follows, from acceptance to the published result."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from approvals import services
from approvals.models import Application, ApprovalResult, Pause, Service
from loudi_portal import publishing
from loudi_portal.publishing import Status

from . import factories as f

pytestmark = pytest.mark.django_db


def test_acceptance_gives_a_sequential_reference_a_query_code_and_both_deadlines():
    svc = f.service()
    first = f.application(svc)
    second = f.application(svc)
    assert (first.reference, second.reference) == ("LDYJ-2019-00001", "LDYJ-2019-00002")
    assert len(first.query_code) == 8 and first.query_code.isdigit()
    # Only a salted hash is stored: equal codes would not even hash alike.
    stored = Application.objects.get(pk=first.pk)
    assert first.query_code not in stored.query_code_hash
    assert services.check_query_code(stored, first.query_code)
    assert not services.check_query_code(stored, second.query_code)
    assert first.stage == Application.Stage.ACCEPTED
    # 20 working days after 2019-09-27 across National Day; 10 for the promise.
    assert first.committed_due_on == date(2019, 10, 16)
    assert first.statutory_due_on == date(2019, 10, 30)
    assert not first.due_is_provisional


def test_acceptance_keeps_the_limits_in_force_on_that_day():
    svc = f.service()
    app = f.application(svc)
    svc.committed_limit_days = 5
    svc.save()
    app.refresh_from_db()
    assert app.committed_limit_days == 10


def test_acceptance_refuses_a_wrong_credit_code_and_saves_nothing():
    with pytest.raises(ValidationError, match="校验位"):
        f.application(credit_code="91431300MA4000001X")
    assert not Application.objects.exists()


def test_acceptance_before_receipt_is_refused():
    with pytest.raises(ValidationError):
        f.application(received_on=date(2019, 9, 28), accepted_on=date(2019, 9, 27))


def test_a_service_not_published_cannot_take_applications():
    with pytest.raises(ValidationError):
        f.application(f.service(status=Service.Status.DRAFT))


def test_a_deadline_in_a_year_without_calendar_is_marked_provisional():
    app = f.application(accepted_on=date(2027, 3, 1))
    assert app.due_is_provisional


def test_a_pause_stops_the_clock_and_resuming_moves_the_deadline_by_the_paused_working_days():
    app = f.application()
    services.pause(application=app, kind=Pause.Kind.SUPPLEMENT, starts_on=date(2019, 10, 8), reason="缺少评价报告")
    app.refresh_from_db()
    assert app.committed_due_on is None and app.statutory_due_on is None
    app = services.resume(application=app, last_paused_day=date(2019, 10, 10))
    assert app.committed_due_on == date(2019, 10, 21)  # three paused working days later
    assert app.pauses.get().ends_on == date(2019, 10, 10)


def test_a_second_pause_while_one_is_open_or_overlapping_is_refused():
    app = f.application()
    services.pause(application=app, kind=Pause.Kind.SUPPLEMENT, starts_on=date(2019, 10, 8))
    with pytest.raises(ValidationError):
        services.pause(application=app, kind=Pause.Kind.HEARING, starts_on=date(2019, 10, 9))
    services.resume(application=app, last_paused_day=date(2019, 10, 10))
    with pytest.raises(ValidationError):
        services.pause(application=app, kind=Pause.Kind.HEARING, starts_on=date(2019, 10, 9))
    services.pause(application=app, kind=Pause.Kind.EXPERT_REVIEW, starts_on=date(2019, 10, 14))
    assert app.pauses.count() == 2


def test_a_pause_cannot_start_on_the_acceptance_day_nor_end_before_it_starts():
    app = f.application()
    with pytest.raises(ValidationError):
        services.pause(application=app, kind=Pause.Kind.SUPPLEMENT, starts_on=date(2019, 9, 27))
    with pytest.raises(ValidationError):
        services.pause(application=app, kind="holiday", starts_on=date(2019, 10, 8))
    services.pause(application=app, kind=Pause.Kind.SUPPLEMENT, starts_on=date(2019, 10, 8))
    with pytest.raises(ValidationError):
        services.resume(application=app, last_paused_day=date(2019, 10, 7))
    with pytest.raises(ValidationError):
        services.resume(application=f.application(), last_paused_day=date(2019, 10, 7))


def _extend(app, **kw):
    args = {
        "days": 10,
        "reason": "需组织专家现场核查",
        "approved_by": "刘晓红",
        "approved_on": date(2019, 10, 14),
        "notified_on": date(2019, 10, 14),
    }
    args.update(kw)
    return services.extend(application=app, **args)


def test_one_extension_moves_both_deadlines_and_is_recorded():
    app = _extend(f.application())
    assert app.is_extended
    assert app.committed_due_on == date(2019, 10, 30)
    assert app.statutory_due_on == date(2019, 11, 13)
    assert app.history.first().history_change_reason == "延长办理时限"


def test_a_second_extension_is_refused():
    app = _extend(f.application(), days=5)
    with pytest.raises(ValidationError, match="只能延长一次"):
        _extend(app, days=5)


@pytest.mark.parametrize(
    "change",
    [
        {"days": 11},
        {"days": 0},
        {"reason": "  "},
        {"approved_by": ""},
        {"approved_on": date(2019, 11, 1)},  # after the statutory deadline
        {"notified_on": date(2019, 10, 11)},  # told before approval
    ],
)
def test_an_extension_needs_approval_reason_notice_and_at_most_ten_days(change):
    app = f.application()
    with pytest.raises(ValidationError):
        _extend(app, **change)
    app.refresh_from_db()
    assert app.extension_days == 0


def test_no_extension_while_paused():
    app = f.application()
    services.pause(application=app, kind=Pause.Kind.TESTING, starts_on=date(2019, 10, 8))
    with pytest.raises(ValidationError):
        _extend(app)


def test_a_grant_needs_licence_number_and_validity():
    app = f.application()
    with pytest.raises(ValidationError):
        services.decide(application=app, decision="granted", on=date(2019, 10, 10))
    with pytest.raises(ValidationError):
        services.decide(
            application=app,
            decision="granted",
            on=date(2019, 10, 10),
            licence_number="X-1",
            valid_from=date(2019, 10, 10),
            valid_until=date(2019, 10, 9),
        )
    app = f.granted(app, on=date(2019, 10, 10))
    assert app.decision == "granted" and app.stage == Application.Stage.DECIDED
    assert app.working_days_taken == 5
    assert app.on_time_committed and app.on_time_statutory


def test_a_refusal_needs_a_reason():
    app = f.application()
    with pytest.raises(ValidationError, match="理由"):
        services.decide(application=app, decision="refused", on=date(2019, 10, 10), reason=" ")
    app = services.decide(application=app, decision="refused", on=date(2019, 10, 10), reason="安全距离不符合要求")
    assert app.licence_number == ""


def test_an_unknown_decision_or_a_date_before_acceptance_is_refused():
    app = f.application()
    with pytest.raises(ValidationError):
        services.decide(application=app, decision="maybe", on=date(2019, 10, 10))
    with pytest.raises(ValidationError):
        services.decide(application=app, decision="refused", on=date(2019, 9, 26), reason="x")


def test_no_decision_while_paused_nor_inside_a_closed_pause():
    app = f.application()
    services.pause(application=app, kind=Pause.Kind.SUPPLEMENT, starts_on=date(2019, 10, 8))
    with pytest.raises(ValidationError):
        services.decide(application=app, decision="refused", on=date(2019, 10, 9), reason="x")
    services.resume(application=app, last_paused_day=date(2019, 10, 10))
    with pytest.raises(ValidationError):
        services.decide(application=app, decision="refused", on=date(2019, 10, 10), reason="x")
    app = services.decide(application=app, decision="refused", on=date(2019, 10, 11), reason="x")
    # Taken: 9/29, 9/30, 10/11 (the paused 10/8-10/10 not counted).
    assert app.working_days_taken == 3


def test_a_decided_application_cannot_be_decided_paused_or_extended_again():
    app = f.granted(f.application(), on=date(2019, 10, 10))
    with pytest.raises(ValidationError):
        services.decide(application=app, decision="refused", on=date(2019, 10, 11), reason="x")
    with pytest.raises(ValidationError):
        services.pause(application=app, kind=Pause.Kind.SUPPLEMENT, starts_on=date(2019, 10, 11))
    with pytest.raises(ValidationError):
        _extend(app)


def test_a_late_decision_is_counted_late_against_the_promise_but_not_the_law():
    app = f.granted(f.application(), on=date(2019, 10, 25))
    assert app.on_time_committed is False and app.on_time_statutory is True
    assert app.due_state() == "late"
    assert list(Application.objects.late(date(2019, 11, 1))) == [app]


def test_due_state_reads_soon_and_late_for_open_files():
    app = f.application()
    assert app.due_state(date(2019, 10, 1)) == "ok"
    assert app.due_state(date(2019, 10, 14)) == "soon"
    assert app.due_state(date(2019, 10, 17)) == "late"


def test_completion_needs_a_decision_and_a_later_date():
    app = f.application()
    with pytest.raises(ValidationError):
        services.complete(application=app, on=date(2019, 10, 10))
    app = f.granted(app, on=date(2019, 10, 10))
    with pytest.raises(ValidationError):
        services.complete(application=app, on=date(2019, 10, 9))
    app = services.complete(application=app, on=date(2019, 10, 11))
    assert app.stage == Application.Stage.COMPLETED
    with pytest.raises(ValidationError):
        services.complete(application=app, on=date(2019, 10, 12))


def test_a_decision_drafts_its_public_result_which_another_reviewer_publishes(editor, reviewer):
    app = f.application()
    with pytest.raises(ValidationError, match="尚未作出决定"):
        services.draft_result(application=app, by=reviewer)
    app = services.decide(
        application=app, decision="refused", on=date(2019, 10, 10), reason="安全条件不符合", by=reviewer
    )
    assert app.result_due_on == date(2019, 10, 18)  # 7 working days later, Saturday 10-12 worked
    result = ApprovalResult.objects.get(application=app)
    assert result.status == Status.DRAFT
    assert (result.enterprise_name, result.decision_reason) == (app.enterprise_name, "安全条件不符合")
    result = publishing.submit(record=result, by=editor)
    with pytest.raises(PermissionDenied, match="自己"):
        publishing.publish(record=result, by=reviewer, revision=result.revision)  # the decider drafted it


def test_a_decision_whose_result_is_published_cannot_be_changed(reviewer):
    app = f.granted(f.application(), on=date(2019, 10, 10), published_on=date(2019, 10, 11))
    with pytest.raises(ValidationError, match="更正"):
        services.decide(application=app, decision="refused", on=date(2019, 10, 12), reason="改判", by=reviewer)
    with pytest.raises(ValidationError, match="更正"):
        services.draft_result(application=app, by=reviewer)


def test_staff_without_the_right_cannot_move_an_application(outsider, editor):
    app = f.application()
    with pytest.raises(PermissionDenied):
        services.start_review(application=app, on=date(2019, 9, 30), by=outsider)
    app = services.start_review(application=app, on=date(2019, 9, 30), by=editor)
    assert app.stage == Application.Stage.REVIEW
    record = app.history.first()
    assert record.history_user == editor and record.history_change_reason == "进入审查"


def test_review_cannot_start_twice_or_before_acceptance():
    app = f.application()
    with pytest.raises(ValidationError):
        services.start_review(application=app, on=date(2019, 9, 26))
    services.start_review(application=app, on=date(2019, 9, 30))
    with pytest.raises(ValidationError):
        services.start_review(application=app, on=date(2019, 10, 8))


def test_the_model_refuses_inconsistent_back_office_edits():
    app = f.application()
    app.decision = "refused"
    app.decision_on = date(2019, 10, 10)
    app.extension_days = 3
    app.completed_on = date(2019, 10, 9)
    with pytest.raises(ValidationError) as exc:
        app.full_clean()
    assert {"decision_reason", "extension_reason", "completed_on"} <= set(exc.value.message_dict)


def test_the_committed_limit_may_not_exceed_the_statutory_one_and_codes_avoid_page_paths():
    svc = Service(code="track", statutory_limit_days=10, committed_limit_days=12)
    with pytest.raises(ValidationError) as exc:
        svc.clean()
    assert "code" in exc.value.message_dict
    svc.code = "ok-1"
    with pytest.raises(ValidationError) as exc:
        svc.clean()
    assert "committed_limit_days" in exc.value.message_dict


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    accepted=st.dates(min_value=date(2018, 1, 1), max_value=date(2027, 6, 30)),
    offset=st.integers(min_value=1, max_value=15),
    length=st.integers(min_value=0, max_value=25),
    extension=st.integers(min_value=0, max_value=10),
)
def test_stored_deadlines_count_exactly_the_limits_outside_pauses(accepted, offset, length, extension):
    from loudi_portal.workdays import working_days_between

    app = f.application(accepted_on=accepted)
    first = accepted + timedelta(days=offset)
    services.pause(application=app, kind=Pause.Kind.SUPPLEMENT, starts_on=first)
    app = services.resume(application=app, last_paused_day=first + timedelta(days=length))
    if extension:
        app = _extend(app, days=extension, approved_on=accepted, notified_on=accepted)
    pauses = [(first, first + timedelta(days=length))]
    assert working_days_between(accepted, app.committed_due_on, pauses=pauses) == 10 + extension
    assert working_days_between(accepted, app.statutory_due_on, pauses=pauses) == 20 + extension
    assert app.committed_due_on < app.statutory_due_on
    assert not (first <= app.committed_due_on <= first + timedelta(days=length))
