"""/search/: Chinese words, ranking, escaped highlighted snippets, the catalogue's filters, bad input."""

import pytest
from django.db import connection
from django.utils import timezone

from disclosure import search, services
from disclosure.models import Notice, NoticeAttachment
from loudi_portal import publishing, registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(publish, normative):
    return {
        "plan": publish("娄底市生产安全事故应急预案", body="<p>规定应急响应程序和演练要求。</p>"),
        "drill": publish("防汛应急演练情况通报", body="<p>在涟源市组织转移避险演练。</p>"),
        "mine": publish(
            "煤矿关闭奖补政策问答",
            body="<p>关闭突出矿井每处补助900万元。</p>",
            at=timezone.make_aware(timezone.datetime(2019, 5, 10, 9)),
        ),
        "rule": publish(
            "事中事后监管细则", category=normative, validity=Notice.Validity.VALID, doc_number="娄应急发〔2019〕8号"
        ),
    }


def titles(response):
    return {item.title for item in response.context["primary"]["items"]}


def test_query_of_chinese_words_finds_notices_with_those_words_anywhere(corpus, client):
    # "应急 演练" is not a substring of any notice, but both words are in two of them.
    response = client.get("/search/", {"q": "应急 演练"})
    assert titles(response) == {"娄底市生产安全事故应急预案", "防汛应急演练情况通报"}


def test_query_without_spaces_is_segmented_into_words(corpus, client):
    # "关闭补助" appears nowhere as such; jieba cuts it into 关闭 + 补助.
    assert titles(client.get("/search/", {"q": "关闭补助"})) == {"煤矿关闭奖补政策问答"}


def test_all_words_must_match(corpus, client):
    assert titles(client.get("/search/", {"q": "煤矿 演练"})) == set()


def test_search_covers_document_number_and_attachment_names(corpus, client):
    assert "事中事后监管细则" in titles(client.get("/search/", {"q": "娄应急发"}))
    notice = corpus["drill"]
    NoticeAttachment.objects.create(notice=notice, name="避险转移人员统计表", file="notices/x.pdf", kind="PDF", size=10)
    services.refresh_search_text(notice)
    assert titles(client.get("/search/", {"q": "统计表"})) == {"防汛应急演练情况通报"}


def test_unpublished_and_withdrawn_notices_are_not_found(corpus, make_draft, reviewer, client):
    make_draft("应急演练草稿", body="<p>演练</p>")
    publishing.withdraw(record=corpus["drill"], by=reviewer, reason="重复发布")
    assert titles(client.get("/search/", {"q": "演练"})) == {"娄底市生产安全事故应急预案"}


def test_results_are_ranked_with_better_matches_first(publish, client):
    publish("一般通知", body="<p>预警</p>" + "<p>其他内容。</p>" * 30)
    publish("暴雨预警 预警信息 预警提示", body="<p>预警预警预警</p>")
    items = client.get("/search/", {"q": "预警"}).context["primary"]["items"]
    assert items[0].title == "暴雨预警 预警信息 预警提示"


def test_snippet_highlights_words_and_escapes_everything_else(publish, client):
    publish("风险提示", body="<p>&lt;script&gt;alert(1)&lt;/script&gt; 请注意高温作业风险。</p>")
    html = client.get("/search/", {"q": "高温"}).content.decode()
    assert "<mark>高温</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_highlight_escapes_the_query_itself():
    snippet = search.highlight("正文 <b>粗体</b> 内容", "<b>")
    assert "<b>" not in snippet


def test_search_applies_the_catalogue_filters(corpus, client):
    assert titles(client.get("/search/", {"q": "煤矿", "year": "2019"})) == {"煤矿关闭奖补政策问答"}
    assert titles(client.get("/search/", {"q": "煤矿", "year": "2020"})) == set()
    assert titles(client.get("/search/", {"q": "细则", "category": "policies"})) == {"事中事后监管细则"}


@pytest.mark.parametrize(
    "params",
    [{"q": "<script>alert(1)</script>"}, {"q": "安" * 2000}, {"q": "应急", "page": "abc"}, {"q": "应急", "page": "999999"},
     {"q": "应急", "year": "x"}, {"q": "应急", "category": "nope"}, {"q": '"*) OR (NEAR'}, {"q": "AND OR NOT"},
     {"q": "a"}, {"q": "'; DROP TABLE disclosure_notice; --"}],
)  # fmt: skip
def test_bad_search_input_never_gives_a_500_or_reflects_markup(corpus, client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert Notice.objects.count() == 4


def test_single_character_query_falls_back_to_titles(corpus, client):
    assert titles(client.get("/search/", {"q": "煤"})) == {"煤矿关闭奖补政策问答"}


def test_search_runs_a_constant_number_of_queries(publish, client, django_assert_max_num_queries):
    for i in range(3):
        publish(f"应急演练通报{i}")
    client.get("/search/", {"q": "应急 演练"})
    publish("应急演练方案")  # so both measured requests come just after a change (the count not cached)
    # The site search also asks every other register that joined it: at most two queries each.
    with django_assert_max_num_queries(2 + 2 * len(registry.search_sources())) as small:
        client.get("/search/", {"q": "应急 演练"})
    for i in range(25):
        publish(f"应急演练总结{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/search/", {"q": "应急 演练"})
    assert response.context["total"] == 29


def test_search_uses_the_full_text_index(corpus):
    # Without the visibility filter only the full-text index can help: its expression must match the query's.
    queryset = search.search(Notice.objects.all(), "应急 演练")
    if connection.vendor == "sqlite":
        assert "VIRTUAL TABLE INDEX" in queryset.explain()
    else:
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
        assert search.PG_INDEX in queryset.explain()


def test_query_words_are_cut_once_jieba_is_loaded():
    assert search.query_words("应急管理局政务公开") == ["应急管理局", "政务公开"]
    assert search.segmenter() is search.segmenter()


def test_reindex_command_rebuilds_search_text(corpus, client):
    import io

    from django.core.management import call_command

    Notice.objects.filter(pk=corpus["plan"].pk).update(search_text="")
    assert titles(client.get("/search/", {"q": "预案"})) == set()
    call_command("reindex_notices", stdout=io.StringIO())
    assert titles(client.get("/search/", {"q": "预案"})) == {"娄底市生产安全事故应急预案"}


def test_a_common_word_ranks_only_the_newest_matches_and_says_there_are_more(publish, client, monkeypatch):
    monkeypatch.setattr("disclosure.views.SEARCH_COUNT_CAP", 3)
    day = timezone.timedelta(days=1)
    oldest = publish("尾矿库安全检查通报（一）", at=timezone.now() - 5 * day)
    for n in "二三四":
        publish(f"尾矿库安全检查通报（{n}）", at=timezone.now() - "零一二三四".index(n) * day)
    # The best match of all is too old for the window: only the newest three are ranked.
    newest = publish("尾矿库 尾矿库 尾矿库 安全检查的通报")
    response = client.get("/search/", {"q": "尾矿库"})
    html = response.content.decode()
    found = [item.title for item in response.context["primary"]["items"]]
    assert len(found) == 3 and oldest.title not in found
    assert found[0] == newest.title  # ranked within the window
    assert "找到超过" in html and "政府信息公开（超过 3 条）" in html
    assert "列出其中最新的 3 条" in html


def test_below_the_window_the_results_are_those_of_the_full_ranking(corpus, client):
    found = [item.title for item in client.get("/search/", {"q": "应急"}).context["primary"]["items"]]
    everything = search.search(Notice.objects.published(), "应急")
    assert found == [notice.title for notice in everything]
    assert "找到超过" not in client.get("/search/", {"q": "应急"}).content.decode()
