"""「我为政府网站找错」: every page links the form, the sender gets a number and code, staff record the outcome."""

import re
import time
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from interact import public, services
from interact.forms import started_token
from interact.models import ErrorReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def old_token(monkeypatch):
    """A form opened a minute ago (the time check passes)."""
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 60)
    token = started_token()
    monkeypatch.setattr(time, "time", real)
    return token


def post(client, token, **fields):
    data = {"page_url": "/about/", "kind": "content", "description": "第二段“应急管理”写成了“应急管里”。"}
    return client.post("/interact/error/", {**data, "started": token, **fields})


def test_every_page_links_the_error_form_with_its_own_address(client):
    html = client.get("/about/").content.decode()
    assert 'href="/interact/error/?url=/about/"' in html


def test_the_form_arrives_filled_in_with_the_page(client):
    html = client.get("/interact/error/", {"url": "/notices/23/"}).content.decode()
    assert 'value="/notices/23/"' in html


def test_a_report_gets_a_reference_and_a_query_code_shown_once(client, old_token):
    response = post(client, old_token)
    html = response.content.decode()
    assert response.status_code == 200
    report = ErrorReport.objects.get()
    assert report.reference in html and re.fullmatch(r"ZC-\d{4}-00001", report.reference)
    code = re.search(r"<dt>查询码</dt><dd>(\d{8})</dd>", html).group(1)
    assert code not in report.query_code_hash
    assert report.page_url == "/about/"


def test_a_form_sent_within_seconds_of_opening_is_refused(client):
    response = post(client, started_token())
    assert response.status_code == 400
    assert "提交太快了" in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_a_filled_honeypot_is_refused(client, old_token):
    response = post(client, old_token, website="http://spam.example/")
    assert response.status_code == 400
    assert not ErrorReport.objects.exists()


def test_a_page_of_another_site_is_refused_in_chinese(client, old_token):
    response = post(client, old_token, page_url="https://evil.example/")
    assert "请填写本站页面的地址" in response.content.decode()
    assert not ErrorReport.objects.exists()


def test_too_many_reports_from_one_address_get_a_polite_429(client, old_token, settings):
    for _i in range(10):
        post(client, old_token)
    response = post(client, old_token)
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert ErrorReport.objects.count() == 10


def test_the_sender_sees_the_outcome_staff_recorded_and_nobody_else_does(client):
    report, code = services.receive_report(page_url="/about/", kind="link", description="附件打不开", contact="138")
    staff = User.objects.create_user("editor", is_staff=True)
    services.record_outcome(report=report, status=ErrorReport.Status.FIXED, outcome="已重新上传附件。", by=staff)
    html = client.post("/interact/error/track/", {"reference": report.reference, "code": code}).content.decode()
    assert "已改正" in html and "已重新上传附件。" in html
    assert "138" not in html  # the contact is never shown
    wrong = client.post("/interact/error/track/", {"reference": report.reference, "code": "00000000"})
    assert wrong.status_code == 404
    assert "已重新上传附件" not in wrong.content.decode()


def test_an_open_report_is_on_the_obligations_board_due_in_five_working_days():
    report, _code = services.receive_report(page_url="/about/", kind="content", description="错字")
    ErrorReport.objects.filter(pk=report.pk).update(received_at="2026-09-30T02:00:00Z")  # 国庆 follows
    (line,) = public.report_obligations(date(2026, 10, 1))
    assert line.due_on > date(2026, 10, 7)  # the holiday week does not count
    assert line.done_on is None
