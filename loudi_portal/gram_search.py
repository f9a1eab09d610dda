"""Substring search ("contains") that stays fast at a million rows on PostgreSQL.

A register's keyword box matches a substring of a few columns (`icontains`): on
PostgreSQL that is a scan of every row, 3 s at a million penalties. pg_trgm does not
help Chinese: a two-character query such as 煤矿 has no trigram. So the table gets a
stored, generated column holding the set of its text's single characters and
character pairs (lower-cased, no whitespace), with a GIN index. Every substring of at
least one character has all its characters and pairs in that set, so

    grams @> loudi_grams(lower(query))  AND  <the icontains conditions as before>

returns exactly the rows the icontains alone returned (the array test only narrows
the rows first, from the index; the icontains still decides). SQLite, the embedded
default with small data, keeps the plain icontains.

The column is not a model field (Django never writes it; the database computes it on
every insert and update), like the notices' `search_vector` (disclosure/search.py).
Its migration creates it and every `migrate` re-checks it (`ensure()`).
"""

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

COLUMN = "search_grams"

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


def drop(conn, table: str) -> None:
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {_index_name(table)}")
        cursor.execute(f'ALTER TABLE "{table}" DROP COLUMN IF EXISTS {COLUMN}')


def narrowing(model, text: str) -> RawSQL | None:
    """The index condition for rows containing `text`, to AND with the icontains; None on SQLite."""
    if connection.vendor != "postgresql" or not text.strip():
        return None
    table = model._meta.db_table
    return RawSQL(f'"{table}"."{COLUMN}" @> loudi_grams(lower(%s))', [text], output_field=BooleanField())
