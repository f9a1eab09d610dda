"""Double submits of the public forms save once and show the same reference (loudi_portal/submit_once.py).

Each form carries a one-time token; posting it twice (a double click, a
reload, two posts at the same instant on two app servers) saves one record
and answers both posts with its reference and query code.
"""

import re
import threading
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from inforequests.models import InfoRequest
from inforequests.tests.test_request_apply import form_data
from interact.forms import started_token
from interact.models import ErrorReport
from loudi_portal import submit_once
from loudi_portal.models import FormSubmission

TOKEN_RE = re.compile(r'name="submit_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def token_on(html: str) -> str:
    return TOKEN_RE.search(html).group(1)


def apply_token(client) -> str:
    return token_on(client.get("/apply/").content.decode())


def receipt(html: str) -> tuple[str, str]:
    reference = re.search(r"申请编号</dt><dd><strong>([^<]+)</strong>", html).group(1)
    code = re.search(r"查询码</dt><dd>(?:<strong>([^<]+)</strong>)?", html).group(1) or ""
    return reference, code


@pytest.mark.django_db
def test_the_same_apply_form_posted_twice_saves_one_request_and_shows_the_same_receipt(client):
    data = form_data(submit_token=apply_token(client))
    first = client.post("/apply/", data).content.decode()
    second = client.post("/apply/", data).content.decode()
    assert InfoRequest.objects.count() == 1
    assert receipt(first) == receipt(second) == (InfoRequest.objects.get().reference, receipt(first)[1])
    assert len(receipt(first)[1]) == 8
    assert "重复提交未再次保存" in second and "重复提交未再次保存" not in first


@pytest.mark.django_db
def test_the_repeated_receipt_shows_a_code_that_opens_the_request():
    client = Client()
    data = form_data(submit_token=apply_token(client))
    client.post("/apply/", data)
    reference, code = receipt(client.post("/apply/", data).content.decode())
    html = client.post("/apply/track/", {"reference": reference, "query_code": code}).content.decode()
    assert reference in html and "未找到" not in html


@pytest.mark.django_db
def test_two_forms_opened_separately_are_two_requests(client):
    client.post("/apply/", form_data(submit_token=apply_token(client)))
    client.post("/apply/", form_data(submit_token=apply_token(client)))
    assert InfoRequest.objects.count() == 2


@pytest.mark.django_db
def test_a_repeat_long_after_the_first_post_shows_the_reference_but_not_the_code(client):
    data = form_data(submit_token=apply_token(client))
    client.post("/apply/", data)
    FormSubmission.objects.update(created_at=timezone.now() - submit_once.REPEAT_SHOWS_CODE_FOR - timedelta(seconds=1))
    reference, code = receipt(client.post("/apply/", data).content.decode())
    assert reference == InfoRequest.objects.get().reference and code == ""
    assert InfoRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_forged_or_expired_token_is_refused_in_chinese_and_the_form_comes_back_with_a_fresh_one(client, monkeypatch):
    html = client.post("/apply/", form_data(submit_token="forged")).content.decode()
    assert "表单已失效" in html and not InfoRequest.objects.exists()
    fresh = token_on(html)
    assert fresh != "forged"
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 2 * 24 * 3600)
    old = submit_once.new_token()
    monkeypatch.setattr(time, "time", real)
    html = client.post("/apply/", form_data(submit_token=old)).content.decode()
    assert "表单已打开超过一天" in html and not InfoRequest.objects.exists()
    client.post("/apply/", form_data(submit_token=fresh))
    assert InfoRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_first_post_that_fails_while_saving_leaves_no_claim_and_the_repeat_saves(client, monkeypatch):
    from inforequests import views

    data = form_data(submit_token=apply_token(client))
    real = views.submit_request

    def failing(**kwargs):
        real(**kwargs)
        raise RuntimeError("the database went away mid-save")

    monkeypatch.setattr(views, "submit_request", failing)
    with pytest.raises(RuntimeError):
        client.post("/apply/", data)
    assert not InfoRequest.objects.exists() and not FormSubmission.objects.exists()
    monkeypatch.setattr(views, "submit_request", real)
    client.post("/apply/", data)
    assert InfoRequest.objects.count() == 1


@pytest.mark.django_db
def test_the_error_report_posted_twice_is_one_report_with_the_same_number_and_code(client, monkeypatch):
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 60)
    page = client.get("/interact/error/?url=/about/").content.decode()
    started = started_token()
    monkeypatch.setattr(time, "time", real)
    data = {
        "page_url": "/about/", "kind": "content", "description": "“应急管理”写成了“应急管里”。",
        "started": started, "submit_token": token_on(page),
    }  # fmt: skip
    first = client.post("/interact/error/", data).content.decode()
    second = client.post("/interact/error/", data).content.decode()
    assert ErrorReport.objects.count() == 1
    number = ErrorReport.objects.get().reference
    codes = [re.search(r"<dt>查询码</dt><dd>(\d{8})</dd>", html).group(1) for html in (first, second)]
    assert number in first and number in second and codes[0] == codes[1]
    assert "重复提交未再次保存" in second


def test_the_query_code_is_uniform_over_its_alphabet_and_differs_by_form():
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    codes = [submit_once.query_code(f"t{n}", scope="s", alphabet=alphabet, length=8) for n in range(2000)]
    assert all(len(c) == 8 and set(c) <= set(alphabet) for c in codes)
    assert len(set(codes)) == len(codes)
    counts = [sum(c.count(ch) for c in codes) for ch in alphabet]
    expected = 8 * 2000 / len(alphabet)
    assert min(counts) > expected * 0.8 and max(counts) < expected * 1.2
    assert submit_once.query_code("t1", scope="other", alphabet=alphabet, length=8) != codes[1]


def test_a_token_is_signed_and_not_guessable():
    a, b = submit_once.new_token(), submit_once.new_token()
    assert a != b and len(signing.loads(a, salt=submit_once.TOKEN_SALT)) >= 32


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs several real database connections (PostgreSQL)")
def test_two_posts_of_the_same_form_at_the_same_instant_save_one_request():
    data = form_data(submit_token=apply_token(Client()))
    posts = 4
    barrier = threading.Barrier(posts)
    pages, errors = [], []

    def post():
        try:
            client = Client()
            barrier.wait()
            response = client.post("/apply/", data)
            assert response.status_code == 200
            pages.append(response.content.decode())
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(posts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert InfoRequest.objects.count() == 1
    assert {receipt(page) for page in pages} == {(InfoRequest.objects.get().reference, receipt(pages[0])[1])}
    assert sum("重复提交未再次保存" in page for page in pages) == posts - 1


@pytest.mark.django_db
def test_the_message_form_posted_twice_is_one_message_with_the_same_number_code_and_deadline(client, monkeypatch):
    from interact.models import Message

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 60)
    page = client.get("/interact/write/").content.decode()
    started = started_token()
    monkeypatch.setattr(time, "time", real)
    data = {
        "kind": "consult", "subject": "危险化学品经营许可证延期", "body": "请问许可证到期前多久申请延期？",
        "name": "刘志强", "contact": "13800000000", "agrees_to_publish": "on", "started": started,
        "submit_token": token_on(page),
    }  # fmt: skip
    first = client.post("/interact/write/", data).content.decode()
    second = client.post("/interact/write/", data).content.decode()
    assert Message.objects.count() == 1, first
    message = Message.objects.get()
    pattern = r"<dt>查询码</dt><dd>(\d{8})</dd>\s*<dt>答复期限</dt><dd>([\d-]+)"
    assert re.search(pattern, first).groups() == re.search(pattern, second).groups()
    assert re.search(pattern, second).group(2) == message.due_on.isoformat()
    assert message.reference in second and "重复提交未再次保存" in second
