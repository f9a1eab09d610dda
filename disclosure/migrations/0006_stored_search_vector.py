"""PostgreSQL: rank search results on a stored tsvector instead of re-parsing each row.

Replaces 0002's GIN index on the expression to_tsvector('simple', search_text)
by a generated, stored column `search_vector` with its own GIN index; ts_rank
then reads the stored vector. SQLite keeps its FTS5 table (nothing to do).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from disclosure.search import ensure_search_index

    ensure_search_index(schema_editor.connection)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from disclosure.search import PG_COLUMN, PG_INDEX

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        cursor.execute(f"ALTER TABLE disclosure_notice DROP COLUMN IF EXISTS {PG_COLUMN}")
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS disclosure_notice_search_gin ON disclosure_notice "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0005_attachment_random_names")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
