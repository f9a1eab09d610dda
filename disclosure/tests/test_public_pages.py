"""The public catalogue, category pages, the notice page, 410, print, QR, feeds and sitemap."""

import re

import pytest
from django.utils import timezone

from disclosure.models import Category, Notice, NoticeViewCount
from loudi_portal import publishing

from .conftest import CREDIT_CODE

pytestmark = pytest.mark.django_db


def test_catalogue_lists_published_notices_newest_first_with_total(publish, make_draft, client):
    publish("较早的通知", at=timezone.now() - timezone.timedelta(days=3))
    publish("最新的通知")
    make_draft("尚未发布的草稿")
    html = client.get("/notices/").content.decode()
    assert "共 2 条" in html
    assert html.index("最新的通知") < html.index("较早的通知")
    assert "尚未发布的草稿" not in html


def test_each_category_has_its_own_page_including_subcategories(publish, normative):
    publish("普通公告")
    publish("规范性文件甲", category=normative, validity=Notice.Validity.VALID)
    from django.test import Client

    client = Client()
    html = client.get("/notices/category/policies/").content.decode()  # the parent of normative-documents
    assert "规范性文件甲" in html and "普通公告" not in html
    assert "共 1 条" in html
    assert client.get("/notices/category/announcements/").status_code == 200


def test_unknown_category_page_is_404(client):
    assert client.get("/notices/category/no-such-category/").status_code == 404


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=999999", "page=-1", "year=x", "year=99999", "year=NaN", "year=Infinity", "year=1e400", "year=2019.5", "category=nope", "doc_number=" + "x" * 500,
     "q=<script>alert(1)</script>", "q=" + "安" * 2000, "format=pdf"],
)  # fmt: skip
def test_bad_catalogue_input_never_gives_a_500(publish, client, query):
    publish()
    response = client.get("/notices/?" + query)
    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_filters_by_year_and_document_number(publish, client):
    publish(
        "二〇一九年的文件", at=timezone.make_aware(timezone.datetime(2019, 5, 1, 9)), doc_number="娄应急发〔2019〕8号"
    )
    publish("今年的文件")
    html = client.get("/notices/?year=2019").content.decode()
    assert "二〇一九年的文件" in html and "今年的文件" not in html
    html = client.get("/notices/?doc_number=2019").content.decode()
    assert "二〇一九年的文件" in html and "今年的文件" not in html


def test_catalogue_exports_exactly_the_filtered_rows(publish, client):
    publish("要导出的文件", doc_number="娄应急发〔2020〕1号")
    publish("另一个文件")
    response = client.get("/notices/?doc_number=2020&format=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "要导出的文件" in body and "另一个文件" not in body
    assert CREDIT_CODE in body


def test_detail_page_shows_what_a_disclosure_page_carries(publish, client):
    notice = publish("关于做好防汛工作的通知", doc_number="娄应急发〔2020〕5号", author="张三", editor_name="李四")
    html = client.get(notice.get_absolute_url()).content.decode()
    for text in ["发布时间", "浏览量", "信息来源", "娄底市应急管理局", "张三", "李四", notice.index_number,
                 "娄应急发〔2020〕5号", "扫码浏览", "打印", 'class="font-switch"']:  # fmt: skip
        assert text in html, text
    assert f'src="/notices/{notice.pk}/qr.svg"' in html


def test_detail_of_draft_or_unknown_notice_is_404(make_draft, client):
    draft = make_draft()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/notices/999999/").status_code == 404


def test_withdrawn_notice_answers_410_with_title_date_and_reason(published, reviewer, client):
    publishing.withdraw(record=published, by=reviewer, reason="该文件已废止，由新文件替代。")
    response = client.get(published.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert published.title in html
    assert "该文件已废止，由新文件替代。" in html
    assert timezone.localdate().strftime("%Y-%m-%d") in html
    assert client.get(f"/notices/{published.pk}/print/").status_code == 410
    assert client.get(f"/notices/{published.pk}/qr.svg").status_code == 404
    assert published.title not in client.get("/notices/").content.decode()


def test_body_keeps_headings_lists_tables_links_and_drops_scripts(publish, client):
    body = (
        "<h2>一、目的</h2><ul><li>第一条</li></ul><table><tr><td>格</td></tr></table>"
        '<a href="https://example.gov.cn/" onclick="steal()">链接</a><script>alert(1)</script>'
        '<p style="color:red" onmouseover="x()">段落</p><a href="javascript:alert(1)">坏链接</a><style>p{}</style>'
    )
    notice = publish(body=body)
    html = client.get(notice.get_absolute_url()).content.decode()
    assert "<h2>一、目的</h2>" in html and "<li>第一条</li>" in html and "<td>格</td>" in html
    assert 'href="https://example.gov.cn/"' in html
    for bad in ["<script>alert", "onclick", "onmouseover", "javascript:", "color:red", "<style>"]:
        assert bad not in html
    assert "<script" not in Notice.objects.get(pk=notice.pk).body


def test_previous_and_next_link_within_the_category(publish, normative, client):
    first = publish("第一篇", at=timezone.now() - timezone.timedelta(days=3))
    middle = publish("第二篇", at=timezone.now() - timezone.timedelta(days=2))
    publish(
        "别的栏目", category=normative, validity=Notice.Validity.VALID, at=timezone.now() - timezone.timedelta(days=1)
    )
    last = publish("第三篇")
    html = client.get(middle.get_absolute_url()).content.decode()
    assert re.search(rf'上一篇：<a href="{first.get_absolute_url()}"', html)
    assert re.search(rf'下一篇：<a href="{last.get_absolute_url()}"', html)
    assert "别的栏目" not in html


def test_previous_and_next_of_notices_published_at_the_same_moment_follow_their_numbers(publish, client):
    at = timezone.now() - timezone.timedelta(days=1)
    older = publish("更早一篇", at=at - timezone.timedelta(hours=1))
    a, b, c = (publish(title, at=at) for title in ("同时甲", "同时乙", "同时丙"))
    Notice.objects.filter(pk__in=[a.pk, b.pk, c.pk]).update(published_at=at)
    html = client.get(b.get_absolute_url()).content.decode()
    assert re.search(rf'上一篇：<a href="{a.get_absolute_url()}"', html)
    assert re.search(rf'下一篇：<a href="{c.get_absolute_url()}"', html)
    html = client.get(a.get_absolute_url()).content.decode()
    assert re.search(rf'上一篇：<a href="{older.get_absolute_url()}"', html)


def test_related_notices_are_linked_when_public(publish, client):
    a = publish("相关文件甲")
    b = publish("正文文件")
    b.related.add(a)
    assert "相关文件甲" in client.get(b.get_absolute_url()).content.decode()


def test_qr_code_is_an_svg_of_the_absolute_url(published, client, settings):
    response = client.get(f"/notices/{published.pk}/qr.svg")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert b"<script" not in response.content
    import io

    import segno

    # The same symbol segno draws for the page's own absolute URL, and not for another notice's.
    def svg_of(url):
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, title="扫码浏览", xmldecl=False)
        return buffer.getvalue()

    assert response.content == svg_of(settings.SITE_URL + published.get_absolute_url())
    assert response.content != svg_of(settings.SITE_URL + "/notices/999/")


def test_print_view_has_the_notice_without_navigation(published, client):
    html = client.get(f"/notices/{published.pk}/print/").content.decode()
    assert published.title in html and 'class="main-nav"' not in html


def test_every_view_is_counted(published, client):
    for _ in range(3):
        client.get(published.get_absolute_url())
    assert NoticeViewCount.objects.get(notice=published).count == 3
    client.get(f"/notices/{published.pk}/print/")
    assert NoticeViewCount.objects.get(notice=published).count == 3


def test_view_count_survives_a_missing_counter_row(published, client):
    NoticeViewCount.objects.filter(notice=published).delete()
    client.get(published.get_absolute_url())
    client.get(published.get_absolute_url())
    assert NoticeViewCount.objects.get(notice=published).count == 2


def test_counting_a_view_leaves_the_notice_and_its_history_alone(published, client):
    versions = published.history.count()
    updated = Notice.objects.get(pk=published.pk).updated_at
    client.get(published.get_absolute_url())
    assert published.history.count() == versions
    assert Notice.objects.get(pk=published.pk).updated_at == updated


def test_atom_feeds_list_published_notices(publish, client):
    publish("订阅里的公告")
    response = client.get("/notices/feed/")
    assert response.status_code == 200
    assert "application/atom+xml" in response["Content-Type"]
    assert "订阅里的公告" in response.content.decode()
    category_feed = client.get("/notices/category/announcements/feed/")
    assert category_feed.status_code == 200 and "订阅里的公告" in category_feed.content.decode()
    assert "订阅里的公告" not in client.get("/notices/category/warnings/feed/").content.decode()
    assert client.get("/notices/category/nope/feed/").status_code == 404


def _sitemap_locations(client) -> str:
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", index)
    assert pages, index
    return "".join(client.get(page.replace("&amp;", "&")).content.decode() for page in pages)


def test_sitemap_lists_every_published_notice_and_no_draft(publish, make_draft, client):
    notice = publish("进入站点地图")
    draft = make_draft("草稿不进地图")
    xml = _sitemap_locations(client)
    assert f"/notices/{notice.pk}/</loc>" in xml
    assert f"/notices/{draft.pk}/</loc>" not in xml
    assert "/notices/category/announcements/</loc>" in xml


def test_sitemap_index_pages_through_every_notice(publish, client, monkeypatch):
    from disclosure.sitemaps import NoticeSitemap

    monkeypatch.setattr(NoticeSitemap, "limit", 2)
    notices = [publish(f"地图分页{i}") for i in range(5)]
    xml = _sitemap_locations(client)
    for notice in notices:
        assert f"/notices/{notice.pk}/</loc>" in xml


def test_home_page_shows_the_latest_notices(published, client):
    html = client.get("/").content.decode()
    assert published.title in html
    assert 'href="/notices/"' in html


def _many(publish, n):
    for i in range(n):
        notice = publish(f"批量通知{i}")
        notice.related.add(*Notice.objects.all()[:3])


@pytest.mark.parametrize("path", ["/notices/", "/notices/category/announcements/", "/notices/?year=2026&q=通知"])
def test_list_pages_run_a_constant_number_of_queries(publish, client, django_assert_max_num_queries, path):
    # The first request after a write also counts the list (共 N 条, then kept per content
    # version) and looks up the next scheduled publication; the next request does neither.
    # Both must cost the same for 3 notices as for 28.
    _many(publish, 3)
    # 8 at most: the page's notices, their incoming relations (有效性 follows a 废止),
    # categories, the profile, the count and the schedule look-up.
    with django_assert_max_num_queries(8) as small_first:
        client.get(path)
    with django_assert_max_num_queries(len(small_first.captured_queries) - 1) as small_next:
        client.get(path)
    _many(publish, 25)
    with django_assert_max_num_queries(len(small_first.captured_queries)):
        client.get(path)
    with django_assert_max_num_queries(len(small_next.captured_queries)):
        client.get(path)


def test_detail_page_runs_a_constant_number_of_queries(publish, client, django_assert_max_num_queries):
    _many(publish, 3)
    notice = Notice.objects.published().first()
    client.get(notice.get_absolute_url())
    # 11 since the page shows the notice's typed relations (解读, 修改, 替代, 废止) on both ends.
    with django_assert_max_num_queries(11) as small:
        client.get(notice.get_absolute_url())
    _many(publish, 20)
    notice.related.add(*Notice.objects.all())
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(notice.get_absolute_url())


def test_catalogue_tree_can_be_extended_by_staff(client):
    parent = Category.objects.get(slug="emergency")
    Category.objects.create(name="防汛抗旱", slug="flood-control", parent=parent, position=5)
    html = client.get("/notices/").content.decode()
    assert "防汛抗旱" in html
    assert client.get("/notices/category/flood-control/").status_code == 200


def test_notices_join_the_registry_as_home_section_search_source_and_dataset(publish, make_draft):
    from loudi_portal import registry

    notice = publish("登记到数据集的通知")
    make_draft("草稿不公开")
    section = {s.key: s for s in registry.home_sections()}["notices"]
    assert section.more_url_name == "disclosure:notice-list"
    assert [i.title for i in section.latest(6)] == ["登记到数据集的通知"]
    source = {s.key: s for s in registry.search_sources()}["notices"]
    total, items = source.search("数据集", 20)
    assert total == 1 and items[0].url == notice.get_absolute_url()
    dataset = {d.key: d for d in registry.datasets()}["notices"]
    assert [n.title for n in dataset.public()] == ["登记到数据集的通知"]
    assert dataset.everything().count() == 2


def test_a_category_cannot_be_moved_under_its_own_subcategory():
    from django.core.exceptions import ValidationError

    parent = Category.objects.get(slug="policies")
    parent.parent = Category.objects.get(slug="normative-documents")
    with pytest.raises(ValidationError):
        parent.full_clean()
