"""The demo catalogue is full enough to make every page real, and loading it twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from disclosure.models import Category, CategoryTree, Notice

pytestmark = pytest.mark.django_db


def test_demo_fills_every_category_and_is_idempotent(client):
    call_command("load_demo", stdout=io.StringIO())
    first = (Notice.objects.count(), Notice.history.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Notice.objects.count(), Notice.history.count()) == first
    tree = CategoryTree.load()
    for category in Category.objects.all():
        ids = tree.descendant_ids(category)
        assert Notice.objects.published().in_categories(ids).count() >= 3, category.name
    # A 废止 comes from the repealing document's link (有效性 follows it); a rule past its term is 失效.
    from disclosure.models import NoticeRelation

    assert NoticeRelation.objects.filter(kind=NoticeRelation.Kind.REPEALS, target__status="published").exists()
    assert Notice.objects.published().filter(validity=Notice.Validity.EXPIRED).exists()


def test_demo_holds_the_2019_disclosure_work_report(client):
    call_command("load_demo", stdout=io.StringIO())
    report = Notice.objects.published().get(title__contains="2019年政府信息公开工作年度报告")
    assert report.category.slug == "annual-reports"
    html = client.get(report.get_absolute_url()).content.decode()
    for fact in ["57", "2180万元", "62.5%", "一、总体情况", "六、其他需要报告的事项"]:
        assert fact in html
    assert "/2020-" in report.index_number
    search = client.get("/search/", {"q": "年度报告"})
    assert report.title in {item.title for item in search.context["primary"]["items"]}


def test_demo_has_an_attachment_and_a_withdrawn_notice(client):
    call_command("load_demo", stdout=io.StringIO())
    report = Notice.objects.get(title__contains="2019年政府信息公开工作年度报告")
    attachment = report.attachments.get()
    from disclosure.forms import content_matches

    with attachment.file.open("rb") as fh:
        assert content_matches(fh, "pdf")
    withdrawn = Notice.objects.get(status=Notice.Status.WITHDRAWN)
    response = client.get(withdrawn.get_absolute_url())
    assert response.status_code == 410 and "撤回" in response.content.decode()
