"""What citizens see: the catalogue and guides, progress look-up, results, statistics, agencies."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from approvals import services
from approvals.models import Agency, Pause, Service, SupervisionRecord
from loudi_portal.publishing import Status
from loudi_portal.registry import datasets, home_sections, search_sources

from . import factories as f

pytestmark = pytest.mark.django_db


# --- Catalogue and guides ---------------------------------------------------------------


def test_the_catalogue_lists_published_services_and_filters_by_kind_and_delegation(client):
    delegated = f.service(name="烟花爆竹批发许可证核发")
    local = f.service(name="应急预案备案", kind=Service.Kind.OTHER, is_delegated=False)
    f.service(name="尚在起草的事项", status=Service.Status.DRAFT)
    page = client.get("/approvals/").content.decode()
    assert delegated.name in page and local.name in page and "尚在起草" not in page
    page = client.get("/approvals/", {"delegated": "true"}).content.decode()
    assert delegated.name in page and local.name not in page
    page = client.get("/approvals/", {"kind": "other"}).content.decode()
    assert local.name in page and delegated.name not in page


@pytest.mark.parametrize("params", [{"kind": "nonsense"}, {"delegated": "maybe"}, {"page": "abc"}, {"q": "x" * 500}])
def test_bad_catalogue_filters_never_fail(client, params):
    f.service()
    assert client.get("/approvals/", params).status_code == 200


def test_the_catalogue_costs_the_same_queries_for_3_or_15_services(client, django_assert_max_num_queries):
    # The first request after a write also counts and looks up the next scheduled
    # publication (kept per content version); the next one does not. Neither grows.
    for _ in range(3):
        f.service()
    with django_assert_max_num_queries(8) as first:
        client.get("/approvals/")
    with django_assert_max_num_queries(len(first.captured_queries) - 1) as warm:
        client.get("/approvals/")
    for _ in range(12):
        f.service()
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get("/approvals/").status_code == 200
    with django_assert_max_num_queries(len(warm.captured_queries)):
        assert client.get("/approvals/").status_code == 200


def test_the_guide_shows_materials_steps_limits_and_versions(client, django_assert_max_num_queries):
    svc = f.service(name="危险化学品经营许可证核发", statutory_limit_days=30, committed_limit_days=15)
    svc.version, svc.change_note = 2, "落实证照分离"
    svc.save()
    with django_assert_max_num_queries(8):
        response = client.get(f"/approvals/{svc.code}/")
    page = response.content.decode()
    assert "申请表" in page and "营业执照" in page and "无需提交" in page and "部门共享核验" in page
    assert "30 个工作日" in page and "15 个工作日（为法定时限的 50%）" in page
    assert "第 2 版" in page and "第 1 版" in page and "落实证照分离" in page
    assert "受理" in page


def test_a_draft_or_unknown_guide_is_not_found(client):
    draft = f.service(status=Service.Status.DRAFT)
    assert client.get(f"/approvals/{draft.code}/").status_code == 404
    assert client.get("/approvals/no-such-code/").status_code == 404


# --- Progress look-up ---------------------------------------------------------------------


def test_the_right_number_and_code_show_stage_dates_and_deadline_but_nothing_personal(client):
    app = f.application(contact_name="张建平", contact_phone="13873811111", enterprise_name="涟源市瑞丰矿业有限公司")
    services.pause(application=app, kind=Pause.Kind.SUPPLEMENT, starts_on=date(2019, 10, 8), reason="缺少某人身份证")
    services.resume(application=app, last_paused_day=date(2019, 10, 10))
    response = client.post("/approvals/track/", {"reference": app.reference.lower(), "query_code": app.query_code})
    page = response.content.decode()
    assert response.status_code == 200
    assert app.reference in page and "受理" in page and "2019-10-21" in page and "补正材料" in page
    assert "国庆节" in page  # the explanation of the deadline
    for private in ("张建平", "13873811111", "涟源市瑞丰矿业有限公司", "缺少某人身份证", app.credit_code):
        assert private not in page


def test_a_wrong_code_and_a_wrong_number_get_the_same_polite_answer(client):
    app = f.application()
    wrong_code = client.post("/approvals/track/", {"reference": app.reference, "query_code": "00000000"})
    wrong_number = client.post("/approvals/track/", {"reference": "LDYJ-1999-99999", "query_code": app.query_code})
    assert wrong_code.status_code == wrong_number.status_code == 404
    assert "没有找到对应的办理记录" in wrong_code.content.decode()
    strip = lambda r: r.content.decode().split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(wrong_code) == strip(wrong_number)


def test_look_ups_are_rate_limited_per_address(client, settings):
    settings.APPROVALS_TRACK_ATTEMPTS = 3
    app = f.application()
    for _ in range(3):
        client.post("/approvals/track/", {"reference": app.reference, "query_code": "1"})
    blocked = client.post("/approvals/track/", {"reference": app.reference, "query_code": app.query_code})
    assert blocked.status_code == 429 and "查询过于频繁" in blocked.content.decode()
    other = client.post(
        "/approvals/track/", {"reference": app.reference, "query_code": app.query_code}, REMOTE_ADDR="10.1.2.3"
    )
    assert other.status_code == 200


def test_the_look_up_form_handles_empty_and_overlong_input(client):
    assert client.get("/approvals/track/").status_code == 200
    assert client.post("/approvals/track/", {}).status_code == 200
    assert client.post("/approvals/track/", {"reference": "x" * 5000, "query_code": "y" * 5000}).status_code == 200
    assert client.put("/approvals/track/").status_code == 405


def test_a_paused_file_says_the_clock_is_stopped(client):
    app = f.application()
    services.pause(application=app, kind=Pause.Kind.EXPERT_REVIEW, starts_on=date(2019, 10, 8))
    page = client.post("/approvals/track/", {"reference": app.reference, "query_code": app.query_code}).content.decode()
    assert "暂停计时中" in page and "专家评审" in page


# --- Results (双公示) ------------------------------------------------------------------------


def _published(**kw):
    app = f.application(**kw)
    published = f.granted(app, on=date(2019, 10, 10), published_on=date(2019, 10, 11))
    published.query_code = app.query_code  # told to the applicant at acceptance, kept by the test
    return published


def test_only_published_results_are_listed_without_personal_data(client):
    shown = _published(contact_name="李春梅", contact_phone="13900000001")
    hidden = f.granted(f.application(enterprise_name="尚未公示的公司"), on=date(2019, 10, 10))
    future = f.granted(f.application(enterprise_name="明日公示的公司"), on=date(2019, 10, 10))
    f.publish_result(future, timezone.localdate() + timedelta(days=1))
    page = client.get("/approvals/results/").content.decode()
    assert shown.enterprise_name in page and shown.licence_number in page
    assert hidden.enterprise_name not in page and "明日公示的公司" not in page
    assert "李春梅" not in page and "13900000001" not in page and shown.query_code not in page


def test_results_export_exactly_the_filtered_rows_and_no_personal_data(client):
    a = _published(enterprise_name="冷水江市锑业有限公司", contact_name="罗志勇")
    _published(enterprise_name="双峰县化工有限公司")
    response = client.get("/approvals/results/", {"q": "锑业", "format": "json"})
    body = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
    assert body["count"] == 1
    row = body["results"][0]
    assert row["enterprise_name"] == a.enterprise_name and row["licence_number"] == a.licence_number
    text = json.dumps(body, ensure_ascii=False)
    assert "罗志勇" not in text and a.query_code not in text and "contact" not in text
    csv = client.get("/approvals/results/", {"format": "csv"})
    content = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert "冷水江市锑业有限公司" in content and "双峰县化工有限公司" in content and "罗志勇" not in content


def test_results_filter_by_service_decision_and_dates(client):
    a = _published()
    refused = services.decide(application=f.application(), decision="refused", on=date(2019, 10, 12), reason="不符合")
    f.publish_result(refused, date(2019, 10, 14))
    page = client.get("/approvals/results/", {"decision": "refused"}).content.decode()
    assert refused.enterprise_name in page and "不符合" in page and a.licence_number not in page
    page = client.get("/approvals/results/", {"service": a.service.code}).content.decode()
    assert a.licence_number in page
    page = client.get("/approvals/results/", {"decided_from": "2019-10-11"}).content.decode()
    assert a.licence_number not in page


@pytest.mark.parametrize(
    "params",
    [{"decided_from": "not-a-date"}, {"service": "nope"}, {"decision": "x"}, {"page": "-1"}, {"format": "pdf"}],
)
def test_bad_result_filters_never_fail(client, params):
    _published()
    assert client.get("/approvals/results/", params).status_code in (200, 400)


def test_a_withdrawn_result_stays_listed_with_its_reason(client):
    app = _published()
    result = app.result
    result.status, result.withdrawn_at, result.withdrawal_reason = Status.WITHDRAWN, timezone.now(), "许可证被依法撤销"
    result.save()
    page = client.get("/approvals/results/").content.decode()
    assert app.enterprise_name in page and "已撤回" in page and "许可证被依法撤销" in page


def test_the_results_page_costs_the_same_queries_for_2_or_25_results(client, django_assert_max_num_queries):
    svc = f.service()
    for _ in range(2):
        _published(svc=svc)
    with django_assert_max_num_queries(6):
        client.get("/approvals/results/")
    for _ in range(23):
        _published(svc=svc)
    with django_assert_max_num_queries(6):
        page = client.get("/approvals/results/").content.decode()
    assert "共 25 条" in page


# --- Statistics ------------------------------------------------------------------------------


def test_statistics_count_on_time_against_both_limits_and_average_working_days(client):
    svc = f.service(name="金属冶炼建设项目安全设施设计审查")
    f.granted(f.application(svc), on=date(2019, 10, 10))  # 5 working days: on time
    f.granted(f.application(svc), on=date(2019, 10, 25))  # 17: late for the promise, within the law
    f.application(svc)  # still open
    response = client.get("/approvals/stats/", {"year": "2019"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in page and "<svg" in page
    assert "全年受理 3 件，已决定 2 件；承诺时限内 1 件，法定时限内 2 件；平均用时 11.0 个工作日" in page


def test_statistics_filter_by_service_and_refuse_bad_years(client):
    a = f.service(name="甲事项")
    b = f.service(name="乙事项")
    f.granted(f.application(a), on=date(2019, 10, 10))
    f.application(b)
    page = client.get("/approvals/stats/", {"year": "2019", "service": a.code}).content.decode()
    assert "全年受理 1 件" in page
    for bad in ({"year": "abc"}, {"year": "99999"}, {"service": "nope"}):
        assert client.get("/approvals/stats/", bad).status_code == 200


def test_statistics_cost_constant_queries(client, django_assert_max_num_queries):
    svc = f.service()
    for month in (1, 3, 5):
        f.granted(f.application(svc, accepted_on=date(2019, month, 7)), on=date(2019, month, 20))
    with django_assert_max_num_queries(5):
        client.get("/approvals/stats/", {"year": "2019"})
    for month in (2, 4, 6, 8, 9, 11):
        f.granted(f.application(f.service(), accepted_on=date(2019, month, 7)), on=date(2019, month, 20))
    with django_assert_max_num_queries(5):
        client.get("/approvals/stats/", {"year": "2019"})


# --- Agencies ---------------------------------------------------------------------------------


def test_an_expired_qualification_is_shown_as_expired_automatically(client):
    today = timezone.localdate()
    valid = f.agency(name="湖南资江矿山设备检测有限公司", valid_until=today + timedelta(days=30))
    expired = f.agency(name="湖南恒安安全评价有限公司", valid_until=today - timedelta(days=1))
    assert expired.public_status() == "已过期" and valid.public_status() == "正常"
    page = client.get("/approvals/agencies/", {"status": "expired"}).content.decode()
    assert expired.name in page and valid.name not in page and "已过期" in page
    page = client.get("/approvals/agencies/", {"status": "valid"}).content.decode()
    assert valid.name in page and expired.name not in page


def test_an_agency_page_shows_only_published_supervision_records(client):
    agency = f.agency()
    SupervisionRecord.objects.create(
        agency=agency, checked_on=date(2026, 3, 1), kind="random", findings="抽查报告 5 份", outcome="未发现问题"
    )
    SupervisionRecord.objects.create(
        agency=agency,
        checked_on=date(2026, 4, 1),
        kind="complaint",
        findings="内部核查",
        outcome="待定",
        is_published=False,
    )
    page = client.get(f"/approvals/agencies/{agency.pk}/").content.decode()
    assert "抽查报告 5 份" in page and "内部核查" not in page


def test_an_unpublished_or_unknown_agency_is_not_found(client):
    hidden = f.agency(is_published=False)
    assert client.get(f"/approvals/agencies/{hidden.pk}/").status_code == 404
    assert client.get("/approvals/agencies/999999/").status_code == 404
    assert hidden.name not in client.get("/approvals/agencies/").content.decode()


def test_the_agency_directory_costs_constant_queries(client, django_assert_max_num_queries):
    for _ in range(3):
        f.agency()
    with django_assert_max_num_queries(5):
        client.get("/approvals/agencies/")
    for _ in range(15):
        f.agency(kind=Agency.Kind.TESTING)
    with django_assert_max_num_queries(5):
        assert client.get("/approvals/agencies/", {"kind": "testing"}).status_code == 200


# --- The shared pages ---------------------------------------------------------------------------


def test_the_home_page_search_and_datasets_include_approvals(client):
    app = _published(enterprise_name="娄底市鑫达化工贸易有限公司")
    section = next(s for s in home_sections() if s.key == "approvals")
    assert section.latest is not None
    assert "娄底市鑫达化工贸易有限公司" in client.get("/").content.decode()
    page = client.get("/search/", {"q": "鑫达"}).content.decode()
    assert "娄底市鑫达化工贸易有限公司" in page
    page = client.get("/search/", {"q": app.service.name[:6]}).content.decode()
    assert app.service.get_absolute_url() in page
    keys = {d.key for d in datasets()}
    assert {"approval-services", "approval-results", "safety-agencies"} <= keys
    assert {"approval_services", "approval_results"} <= {s.key for s in search_sources()}
