"""Bad input never breaks a public page: a property-based fuzz of every public URL
pattern and of every public form (random path segments, query strings, methods,
huge and malformed values).

Whatever comes in, the answer is never a 500, never shows a traceback and never
echoes a submitted value unescaped into HTML. The patterns come from the URL
resolver (everything outside /admin/), so a new page is fuzzed as soon as it exists.
Set FUZZ_EXAMPLES to run more examples per pattern (default 30).
"""

import os
import re
from contextlib import ExitStack
from unittest import mock
from urllib.parse import quote

import pytest
from django.http import QueryDict
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .sitewalk import PublicPattern, example_urls, html_pages, public_forms, public_patterns

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Markup that must never come back unescaped in an HTML page.
CANARY = '<qz9 x="\'">'
METHODS = ["GET", "GET", "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# Query parameters public pages use (filters, paging, exports, search, redirects).
KNOWN_PARAMS = [
    "q",
    "page",
    "format",
    "next",
    "sort",
    "o",
    "year",
    "month",
    "type",
    "category",
    "status",
    "id",
    "per_page",
]

plain_text = st.text(max_size=40)
huge_text = st.sampled_from(["安", "a", "9", "%", "<", "'"]).map(lambda c: c * 60_000)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1e309", "NaN", "inf", "9" * 40, "0x10", "1.5", " 1 ", "１２"]),
)
malformed = st.sampled_from(
    [
        "%",
        "%zz",
        "%E5%AE",
        "%00",
        "\x00",
        "\ufeff",
        "\u202e",
        "\r\nX-Injected: 1",
        "../../etc/passwd",
        "{{7*7}}",
        "${7*7}",
        "' OR 1=1 --",
        "[]",
        "{}",
        "null",
    ]
)
# Values pages expect (export formats, page numbers, dates) mixed in, so deeper code paths are reached.
plausible = st.sampled_from(["csv", "json", "xlsx", "pdf", "1", "2", "last", "2025", "2025-13-01", "2025-02-30"])
values = st.one_of(plain_text, numbers, malformed, huge_text, plausible, plain_text.map(lambda s: s + CANARY))
segments = st.one_of(
    st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s),
    numbers,
    malformed.filter(lambda s: "/" not in s),
    st.just(CANARY),
    st.just("x" * 5000),
)
random_params = st.lists(st.tuples(plain_text, values), max_size=3)
# Each known parameter present or not, independently, so every one is exercised often.
known_params = st.fixed_dictionaries({}, optional={name: values for name in KNOWN_PARAMS}).map(
    lambda d: list(d.items())
)
params = st.tuples(known_params, random_params).map(lambda kr: kr[0] + kr[1])


def _converter_value(converter: str):
    if converter == "int":
        return st.one_of(st.integers(min_value=0, max_value=10**30).map(str), numbers)
    if converter == "slug":
        return st.one_of(st.from_regex(r"\A[-a-zA-Z0-9_]{1,60}\Z"), segments)
    if converter == "uuid":
        return st.one_of(st.uuids().map(str), segments)
    if converter == "path":
        return st.lists(segments, min_size=1, max_size=4).map("/".join)
    return segments


def _paths(pattern: PublicPattern, examples: list[str]):
    """Paths for a pattern: its route with random converter values, or its examples mutated."""
    choices = []
    if pattern.is_route:
        parts = re.split(r"<(?:(\w+):)?\w+>", pattern.route)
        # re.split with one group yields [text, converter, text, converter, ..., text]
        texts, converters = parts[0::2], [c or "str" for c in parts[1::2]]
        route_paths = st.tuples(*[_converter_value(c) for c in converters]).map(
            lambda vals: (
                "/"
                + "".join(quote(t, safe="/") + quote(v, safe="/") for t, v in zip(texts, vals, strict=False))
                + quote(texts[-1], safe="/")
            )
        )
        choices.append(route_paths)
    for example in examples:
        path = example.split("?", 1)[0]
        choices.append(st.just(path))
        choices.append(
            st.tuples(st.just(path), segments).map(lambda pv: pv[0].rstrip("/") + "/" + quote(pv[1], safe="") + "/")
        )
    return st.one_of(choices)


def _query(pairs, raw_tail: str) -> str:
    encoded = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    return "&".join(part for part in (encoded, raw_tail) if part)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def assert_safe_answer(response, what: str):
    body = _body(response)
    assert response.status_code < 500, f"{what} answered {response.status_code}"
    assert b"Traceback" not in body, f"{what} shows a traceback"
    if response.get("Content-Type", "").startswith("text/html"):
        assert CANARY.encode() not in body, f"{what} echoes submitted markup unescaped"


@pytest.fixture
def fuzz_client(demo):
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("pattern", public_patterns(), ids=str)
def test_no_public_url_breaks_on_random_input(pattern, fuzz_client):
    examples = example_urls().get(pattern.name, [])

    @FUZZ_SETTINGS
    @given(
        path=_paths(pattern, examples),
        pairs=params,
        raw_tail=st.one_of(st.just(""), malformed, st.just("a=1&a=2&a[]=3&=&&="), st.just("x=" + "y" * 70_000)),
        method=st.sampled_from(METHODS),
        body=st.one_of(st.just(""), values),
    )
    def check(path, pairs, raw_tail, method, body):
        url = path + "?" + _query(pairs, raw_tail)
        response = fuzz_client.generic(method, url, data=body.encode("utf-8", "surrogatepass"))
        assert_safe_answer(response, f"{method} {url[:200]}")

    check()


# The classic bad values, tried on every example URL for every known parameter (a fixed sweep,
# so the common mistakes are caught on every run, whatever Hypothesis draws).
SWEEP_VALUES = ["", "abc", "-1", "9" * 40, "%zz\x00", CANARY]


# A view reads a parameter by its name. Walking the whole query string (into the page cache's
# key, into paging links) is not parsing it: the request with markup in every known parameter
# covers that path, the Hypothesis fuzz above the random combinations.
_READS_ONE = ("__getitem__", "get", "getlist", "__contains__")


def parameters_read(client, url: str) -> set[str]:
    """The known parameters that the view of `url` looks at, found by watching its QueryDict."""
    read: set[str] = set()
    building = []  # a QueryDict being parsed asks itself `key in self`: not a read

    def spy(name):
        original = getattr(QueryDict, name)

        def watched(self, *args, **kwargs):
            if args and not building:
                read.add(args[0])
            return original(self, *args, **kwargs)

        return watched

    original_init = QueryDict.__init__

    def init(self, *args, **kwargs):
        building.append(True)
        try:
            original_init(self, *args, **kwargs)
        finally:
            building.pop()

    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(QueryDict, "__init__", init))
        for name in _READS_ONE:
            stack.enter_context(mock.patch.object(QueryDict, name, spy(name)))
        path, _, query = url.partition("?")
        # `format` alone: an unknown format is refused (400) before anything else is read.
        client.get(f"{path}?{_query([(p, '1') for p in KNOWN_PARAMS if p != 'format'], query)}")
        client.get(f"{path}?{_query([('format', 'csv')], query)}")
    return read & set(KNOWN_PARAMS)


def test_every_example_url_survives_the_classic_bad_values(fuzz_client):
    """Every parameter a page reads, alone, with each classic bad value; and every known
    parameter at once carrying markup, which no page may echo unescaped."""
    swept = 0
    for urls in example_urls().values():
        for url in urls:
            path, _, query = url.partition("?")
            target = f"{path}?{_query([(name, CANARY) for name in KNOWN_PARAMS], query)}"
            assert_safe_answer(fuzz_client.get(target), f"GET {target[:200]}")
            for name in sorted(parameters_read(fuzz_client, url)):
                swept += 1
                for value in SWEEP_VALUES:
                    target = f"{path}?{_query([(name, value)], query)}"
                    assert_safe_answer(fuzz_client.get(target), f"GET {target[:200]}")
    assert swept >= 100, "the spy should see the registers read their filters and pages"


def test_the_parameter_spy_sees_what_a_register_reads(fuzz_client):
    read = parameters_read(fuzz_client, "/notices/")
    assert {"q", "page", "format"} <= read and "per_page" not in read


def _fuzz_form(form, client):
    @FUZZ_SETTINGS
    @given(data=st.data())
    def check(data):
        fields = {}
        for f in form.fields:
            if f.kind == "select" and f.options:
                strategy = st.one_of(st.sampled_from(f.options), values)
            else:
                strategy = values
            fields[f.name] = data.draw(st.lists(strategy, min_size=0, max_size=2), label=f.name)
        extra = data.draw(params, label="extra fields")
        if form.method == "post":
            payload = {name: vals for name, vals in fields.items() if vals}
            for key, value in extra:
                payload.setdefault(key, value)
            response = client.post(form.action, payload)
        else:
            pairs = [(name, v) for name, vals in fields.items() for v in vals] + extra
            response = client.get(form.action + "?" + _query(pairs, ""))
        assert_safe_answer(response, f"{form.method.upper()} form {form.action} on {form.page}")

    check()


def test_every_public_form_survives_random_input(fuzz_client):
    forms = public_forms(html_pages(fuzz_client))
    assert forms, "the walk should find at least the site search form"
    for form in forms:
        _fuzz_form(form, fuzz_client)


def test_the_fuzz_would_notice_an_unescaped_echo():
    """The reflection check itself works: a page that echoes markup raw is caught."""
    from django.http import HttpResponse

    with pytest.raises(AssertionError, match="unescaped"):
        assert_safe_answer(HttpResponse(f"<p>{CANARY}</p>"), "a careless page")
    with pytest.raises(AssertionError, match="500"):
        assert_safe_answer(HttpResponse("oops", status=500), "a broken page")
