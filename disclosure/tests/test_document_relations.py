"""Documents and their relations: 文号 form, 解读, 修改/替代/废止 shown on both ends, 有效性 that follows a
repeal, accident reports that are never withdrawn, and the board's 解读 and 整改评估 duties."""

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Notice, NoticeRelation
from disclosure.services.obligations import assessment_obligations, interpretation_obligations
from loudi_portal import publishing
from loudi_portal.identifiers import make_credit_code
from loudi_portal.models import BureauProfile

from .conftest import _seeded


@pytest.fixture
def accident_reports(db):
    return _seeded("accident-reports", "事故调查报告", "emergency", is_accident_report=True)


@pytest.fixture
def interpretations(db):
    return _seeded("policy-interpretation", "政策解读", "policies")


@pytest.fixture
def publish_with(editor, reviewer, bureau, make_draft):
    """Publish a notice that carries relations to `links` [(kind, target)] (set on the draft)."""

    def run(title, *, links=(), **fields):
        draft = make_draft(title, **fields)
        for kind, target in links:
            NoticeRelation.objects.create(source=draft, kind=kind, target=target)
        draft = publishing.submit(record=draft, by=editor)
        return publishing.publish(record=draft, by=reviewer, revision=draft.revision)

    return run


def test_a_loosely_typed_doc_number_is_refused_with_its_corrected_form(category):
    notice = Notice(title="通知", category=category, body="<p>x</p>", doc_number="娄应急发[2020]第03号")
    with pytest.raises(ValidationError) as exc:
        notice.full_clean()
    assert "是否应为：娄应急发〔2020〕3号" in str(exc.value)
    notice.doc_number = "娄应急发〔2020〕3号"
    notice.full_clean()


def test_the_bureaus_credit_code_must_pass_its_check_character(db):
    good = make_credit_code("11431300MB1234567")
    wrong = good[:17] + ("1" if good[17] != "1" else "2")
    profile = BureauProfile(pk=1, name="娄底市应急管理局", credit_code=wrong)
    with pytest.raises(ValidationError) as exc:
        profile.full_clean()
    assert "校验位不正确" in str(exc.value)
    profile.credit_code = good.lower()
    profile.full_clean()
    assert profile.credit_code == good


def test_a_repealed_document_shows_it_and_links_to_what_repealed_it(publish_with, normative, client):
    old = publish_with("举报奖励办法（试行）", category=normative, doc_number="娄应急发〔2019〕6号", validity="valid")
    new = publish_with(
        "举报奖励办法",
        category=normative,
        doc_number="娄应急发〔2024〕3号",
        validity="valid",
        links=[(NoticeRelation.Kind.REPEALS, old)],
    )
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "<strong>已废止</strong>" in old_page
    assert f'<a href="{new.get_absolute_url()}">举报奖励办法</a>（娄应急发〔2024〕3号）' in old_page
    assert "已被废止：" in old_page
    new_page = client.get(new.get_absolute_url()).content.decode()
    assert f'废止了：<a href="{old.get_absolute_url()}">举报奖励办法（试行）</a>' in new_page
    assert "<strong>有效</strong>" in new_page
    body = b"".join(client.get(reverse("disclosure:notice-list") + "?format=json").streaming_content)
    validity = {row["title"]: row["validity"] for row in json.loads(body)["results"]}
    assert validity == {"举报奖励办法（试行）": "已废止", "举报奖励办法": "有效"}


def test_an_unpublished_repeal_changes_nothing(publish_with, normative, make_draft, client):
    old = publish_with("办法（试行）", category=normative, validity="valid")
    draft = make_draft("新办法", category=normative, validity="valid")
    NoticeRelation.objects.create(source=draft, kind=NoticeRelation.Kind.REPEALS, target=old)
    page = client.get(old.get_absolute_url()).content.decode()
    assert "<strong>有效</strong>" in page and "新办法" not in page


def test_a_policy_without_its_interpretation_is_on_the_board_until_one_is_published(
    publish_with, normative, interpretations
):
    policy = publish_with("安全生产举报奖励办法", category=normative, validity="valid")
    (item,) = interpretation_obligations(timezone.localdate())
    assert item.title == "《安全生产举报奖励办法》的政策解读" and item.done_on is None
    assert item.state(timezone.localdate()) == "due_soon"  # published today: due 3 working days later
    publish_with("举报奖励办法解读", category=interpretations, links=[(NoticeRelation.Kind.INTERPRETS, policy)])
    (item,) = interpretation_obligations(timezone.localdate())
    assert item.done_on is not None
    page_links = Notice.objects.get(pk=policy.pk).document_links()["incoming"]
    assert [(str(label), n.title) for label, n in page_links] == [("政策解读", "举报奖励办法解读")]


def test_an_accident_report_needs_its_approval_date_and_is_never_withdrawn(
    publish_with, accident_reports, make_draft, editor, reviewer
):
    draft = make_draft("“3·12”事故调查报告", category=accident_reports)
    with pytest.raises(ValidationError) as exc:
        publishing.submit(record=draft, by=editor)
    assert "批复日期" in str(exc.value)
    report = publish_with("“7·8”事故调查报告", category=accident_reports, approved_on=date(2026, 9, 18))
    assert not report.can_be_withdrawn
    with pytest.raises(PermissionDenied, match="不能撤回"):
        publishing.withdraw(record=report, by=reviewer, reason="发布有误")
    report.refresh_from_db()
    assert report.status == Notice.Status.PUBLISHED


def test_the_rectification_assessment_is_due_one_year_after_the_approval(publish_with, accident_reports):
    report = publish_with("“3·12”事故调查报告", category=accident_reports, approved_on=date(2026, 2, 28))
    (item,) = assessment_obligations(timezone.localdate())
    assert (item.due_on, item.done_on) == (date(2027, 2, 28), None)
    publish_with(
        "“3·12”事故整改评估结果", category=accident_reports, links=[(NoticeRelation.Kind.ASSESSES, report)]
    )  # an assessment needs no 批复 of its own
    (item,) = assessment_obligations(timezone.localdate())
    assert item.done_on is not None and item.state(timezone.localdate()) == "done"


def test_a_report_approved_before_the_duty_existed_owes_no_assessment(publish_with, accident_reports):
    """The 2021 revision of the 安全生产法 (in force 2021-09-01) brought the one-year assessment."""
    publish_with("2020年事故调查报告", category=accident_reports, approved_on=date(2021, 8, 31))
    publish_with("2021年事故调查报告", category=accident_reports, approved_on=date(2021, 9, 1))
    (item,) = assessment_obligations(timezone.localdate())
    assert item.title == "《2021年事故调查报告》的整改评估" and item.due_on == date(2022, 9, 1)


def test_only_an_accident_report_can_be_assessed(publish_with, category):
    other = publish_with("普通通知", category=category)
    relation = NoticeRelation(source=other, kind=NoticeRelation.Kind.ASSESSES, target=other)
    with pytest.raises(ValidationError):
        relation.full_clean()
