"""Substring search ("contains") that stays fast at a million rows on PostgreSQL.

A register's keyword box matches a substring of a few columns (`icontains`): on
PostgreSQL that is a scan of every row, 3 s at a million penalties. pg_trgm does not
help Chinese: a two-character query such as 煤矿 has no trigram. So the table gets a
stored, generated column holding the set of its text's single characters and
character pairs (lower-cased, no whitespace), with a GIN index. Every substring of at
least one character has all its characters and pairs in that set, so

    grams @> <the query's character pairs>  AND  <the icontains conditions as before>

returns exactly the rows the icontains alone returned (the array test only narrows
the rows first, from the index; the icontains still decides). SQLite, the embedded
default with small data, keeps the plain icontains.

The column is not a model field (Django never writes it; the database computes it on
every insert and update), like the notices' `search_vector` (disclosure/search.py).
Its migration creates it and every `migrate` re-checks it (`ensure()`).
"""

import time

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

COLUMN = "search_grams"
# A gram in more than this share of the rows is "common" (see narrowing()).
COMMON = 0.05
STATS_SECONDS = 3600
_stats: dict[str, tuple[float, dict[str, float], float]] = {}

# The characters and character pairs of a text, without whitespace; IMMUTABLE so a
# generated column may use it. Marked costly so the planner evaluates it last.
FUNCTION_DDL = r"""
CREATE OR REPLACE FUNCTION loudi_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
    SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
    UNION ALL
    SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i
  ) AS s WHERE g !~ '\s'
$$
"""


def grams(text: str) -> set[str]:
    """What `loudi_grams(lower(text))` stores, in Python (for tests and reasoning)."""
    text = text.lower()
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    return {g for g in set(text) | pairs if not any(c.isspace() for c in g)}


def query_grams(text: str) -> list[str]:
    """The grams a row must hold to contain `text`: its character pairs, or its characters if it has none.

    Pairs only: every row holding a pair holds its characters, and the planner, which
    multiplies the frequencies of the grams, misjudges a common word (安全生产) as rare
    when the single characters are counted too and scans the index instead of the list's order.
    """
    text = text.lower()
    pairs = [text[i : i + 2] for i in range(len(text) - 1)]
    chosen = [g for g in pairs if not any(c.isspace() for c in g)] or [c for c in text if not c.isspace()]
    return sorted(set(chosen))


def _index_name(table: str) -> str:
    return f"{table}_{COLUMN}_gin"


def ensure(conn, table: str, expression: str) -> None:
    """Create the grams column of `table` (PostgreSQL; idempotent): `expression` is its text, in SQL."""
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        # Look first: even a no-op ALTER TABLE takes a lock and fails inside a busy transaction.
        cursor.execute(
            "SELECT (SELECT count(*) FROM information_schema.columns WHERE table_name = %s AND column_name = %s),"
            " (SELECT count(*) FROM pg_indexes WHERE indexname = %s)",
            [table, COLUMN, _index_name(table)],
        )
        if cursor.fetchone() == (1, 1):
            return
        cursor.execute(FUNCTION_DDL)
        cursor.execute(
            f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS {COLUMN} text[] '
            f"GENERATED ALWAYS AS (loudi_grams(lower({expression}))) STORED"
        )
        cursor.execute(f'CREATE INDEX IF NOT EXISTS {_index_name(table)} ON "{table}" USING gin ({COLUMN})')


def _frequencies(table: str) -> tuple[dict[str, float], float]:
    """{gram: share of rows} for the column's most common grams, and the share below which the rest lie."""
    now = time.monotonic()
    cached = _stats.get(table)
    if cached is None or now - cached[0] > STATS_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats"
                " WHERE tablename = %s AND attname = %s",
                [table, COLUMN],
            )
            row = cursor.fetchone()
        elements, freqs = row if row and row[0] else ([], [])
        # The frequencies end with three summary numbers: the least and most frequent, and nulls.
        frequencies = dict(zip(elements, freqs[: len(elements)], strict=True))
        cached = (now, frequencies, freqs[len(elements)] if frequencies else 0.0)
        _stats[table] = cached
    return cached[1], cached[2]


def drop(conn, table: str) -> None:
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {_index_name(table)}")
        cursor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS {COLUMN}')


def narrowing(model, text: str) -> RawSQL | None:
    """The index condition for rows containing `text`, to AND with the icontains; None when it would not help.

    None on SQLite, and None for a common word: when every one of its pairs is in more than
    COMMON of the rows, the register's own order finds a page of matches at once, while
    the index would collect hundreds of thousands of candidates first (the planner cannot
    tell: it guesses a "contains" to be rare). The frequencies are PostgreSQL's own
    statistics of the column (pg_stats), read once an hour per process.
    """
    if connection.vendor != "postgresql" or not text.strip():
        return None
    frequencies, floor = _frequencies(model._meta.db_table)
    if frequencies and min(frequencies.get(g, floor) for g in query_grams(text)) > COMMON:
        return None
    # Unqualified: inside a subquery (a capped count) Django renames the table.
    return RawSQL(f"{COLUMN} @> %s::text[]", [query_grams(text)], output_field=BooleanField())
