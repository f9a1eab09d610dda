"""Site search over the demo: no empty groups, a helpful empty state, each group capped with a
"查看全部 N 条" link to its register filtered by the query (which lists them all)."""

import re

import pytest


def _groups(html: str) -> list[tuple[str, int]]:
    return [(label, int(n)) for label, n in re.findall(r'<h2 id="results-[^"]+">([^<（]+)（(\d+)）</h2>', html)]


@pytest.mark.parametrize("query", ["煤矿", "烟花", "安全"])
def test_a_query_shows_only_groups_with_results_and_links_each_capped_one_to_its_register(client, demo, query):
    html = client.get("/search/", {"q": query}).content.decode()
    groups = _groups(html)
    assert groups and all(n > 0 for _label, n in groups)
    assert "没有找到相关信息" not in html
    links = re.findall(r'<a href="([^"]+)">查看全部 (\d+) 条([^<]*)</a>', html)
    assert links, "a group with more results than shown links to its register"
    for url, n, _label in links:
        register = client.get(url.replace("&amp;", "&"))
        assert register.status_code == 200
        text = register.content.decode()
        assert re.search(rf"共\s*(<[^>]+>)?\s*{n}\s*(<[^>]+>)?\s*(条|处|项)", text), (url, n)


def test_a_query_without_results_offers_hints_the_catalogue_and_the_tips(client, demo):
    html = client.get("/search/", {"q": "zzqx不存在的词"}).content.decode()
    assert _groups(html) == []
    assert "没有找到与“zzqx不存在的词”相关的信息" in html
    assert "错别字" in html and 'href="/notices/"' in html and 'href="/apply/"' in html
