"""Chinese full-text search over published notices.

Chinese has no spaces between words, so text is segmented in Python by jieba
and stored as space-separated words in `Notice.search_text`. Each database
indexes that column its own way (created by migration 0002, re-checked after
every migrate):

- PostgreSQL: a GIN index on `to_tsvector('simple', search_text)`, queried with
  `plainto_tsquery('simple', …)` (all words must match) and ranked by `ts_rank`.
- SQLite: an FTS5 external-content table (`disclosure_notice_fts`, unicode61)
  kept in step by triggers, queried with quoted AND-ed words, ranked by `bm25()`.

A query is cut with jieba's precise mode, whose words are a subset of the
search-mode words stored for the text, so "应急预案 演练" finds a notice
containing both words anywhere. A one-character query has no word to look up
and falls back to a title substring match.
"""

import functools
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, FloatField, Value
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

QUERY_MAX_CHARS = 100
MAX_TERMS = 12
SNIPPET_CHARS = 120
FTS_TABLE = "disclosure_notice_fts"

# Bureau words jieba's dictionary does not know; without them they split apart.
USER_WORDS = [
    "应急管理局", "应急局", "政务公开", "政府信息公开", "依申请公开", "双随机", "一公开", "双公示",
    "安全生产", "烟花爆竹", "危险化学品", "非煤矿山", "冶金工贸", "应急预案", "事故调查", "行政许可",
    "行政处罚", "行政强制", "三公经费", "关闭奖补", "隐患排查", "风险分级", "四不两直", "一单四制",
    "娄星区", "双峰县", "新化县", "冷水江市", "涟源市", "万宝新区", "证照分离", "互联网+监管",
]  # fmt: skip

_WORD = re.compile(r"\w", re.UNICODE)


@functools.cache
def segmenter():
    """Load jieba's dictionary once per process (about 1.5 s), on first use."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in USER_WORDS:
        tokenizer.add_word(word)
    return tokenizer


def _keep(token: str) -> bool:
    return bool(token.strip()) and bool(_WORD.search(token))


def index_words(text: str) -> list[str]:
    """Words to store for a text: jieba's search mode (long words and their parts)."""
    return [t.lower() for t in segmenter().cut_for_search(text) if _keep(t)]


def query_words(query: str) -> list[str]:
    """Words a query must all match: jieba's precise mode, deduplicated, in order."""
    words = []
    for token in segmenter().cut(query[:QUERY_MAX_CHARS]):
        token = token.strip().lower()
        if _keep(token) and token not in words:
            words.append(token)
    return words[:MAX_TERMS]


def notice_search_text(notice) -> str:
    """The segmented text stored for a notice (one query for attachment names once saved)."""
    parts = [notice.title, notice.doc_number, notice.keywords, notice.body_text]
    if notice.pk:
        parts += list(notice.attachments.values_list("name", flat=True))
    return " ".join(index_words("\n".join(p for p in parts if p)))


def clean_query(raw: str) -> str:
    return " ".join((raw or "").split())[:QUERY_MAX_CHARS]


def search(queryset, query: str):
    """Filter `queryset` to notices matching `query`, annotated with `rank`, best first.

    The matching runs on the full-text index; the rank is computed only for
    the matching rows.
    """
    words = query_words(query)
    if len(words) == 0 or (len(words) == 1 and len(words[0]) == 1 and len(query.strip()) == 1):
        return (
            queryset.filter(title__icontains=query.strip())
            .annotate(rank=Value(0.0, output_field=FloatField()))
            .order_by("-published_at", "-id")
        )
    if connection.vendor == "postgresql":
        vector = SearchVector("search_text", config="simple")
        tsquery = SearchQuery(" ".join(words), config="simple", search_type="plain")
        return (
            queryset.annotate(search_vector=vector)
            .filter(search_vector=tsquery)
            .annotate(rank=SearchRank(F("search_vector"), tsquery))
            .order_by("-rank", "-published_at", "-id")
        )
    match = " ".join('"{}"'.format(w.replace('"', '""')) for w in words)
    table = queryset.model._meta.db_table
    return (
        queryset.filter(id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]))
        .annotate(
            rank=RawSQL(
                f"SELECT -bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid = {table}.id",
                [match],
                output_field=FloatField(),
            )
        )
        .order_by("-rank", "-published_at", "-id")
    )


def highlight(text: str, query: str, *, length: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around the first query word, the words in <mark>."""
    words = sorted({w for w in query_words(query) if w}, key=len, reverse=True)
    text = " ".join((text or "").split())
    if not words:
        return escape(text[:length])
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - length // 4)
    excerpt = text[start : start + length]
    out, pos = [], 0
    for m in pattern.finditer(excerpt):
        out.append(escape(excerpt[pos : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(escape(excerpt[pos:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308  every piece is escaped above


# --- Backend DDL (migration 0002 and every post_migrate) ---------------------

SQLITE_DDL = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search_text, content='disclosure_notice', content_rowid='id', tokenize='unicode61')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON disclosure_notice BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON disclosure_notice BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_text ON disclosure_notice BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
]
PG_INDEX = "disclosure_notice_search_gin"


def ensure_search_index(connection, model, schema_editor=None) -> None:
    """Create the backend's full-text index if missing (idempotent).

    SQLite rebuilds a table on most ALTERs, which drops its triggers; so this
    runs after every migrate and rebuilds the FTS table when triggers were missing.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='trigger' AND name LIKE %s", [f"{FTS_TABLE}_a_"]
            )
            missing = cursor.fetchone()[0] < 3
            for statement in SQLITE_DDL:
                cursor.execute(statement)
            if missing:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
            return
        if connection.vendor != "postgresql":
            return
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [PG_INDEX])
        if cursor.fetchone():
            return
    from django.contrib.postgres.indexes import GinIndex

    # Built from the same SearchVector the queries use, so the expression matches exactly.
    index = GinIndex(SearchVector("search_text", config="simple"), name=PG_INDEX)
    if schema_editor is not None:
        schema_editor.add_index(model, index)
    else:
        with connection.schema_editor() as editor:
            editor.add_index(model, index)


def drop_search_index(connection) -> None:
    conn = connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif conn.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


def ensure_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    if sender.label == "disclosure":
        conn = connections[using]
        if "disclosure_notice" in conn.introspection.table_names():
            ensure_search_index(conn, sender.get_model("Notice"))
