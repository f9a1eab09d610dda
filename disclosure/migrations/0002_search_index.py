"""The full-text index of notices, built the way each database does it best.

PostgreSQL: a GIN index (since 0005 on a stored search_vector column).
SQLite: an FTS5 external-content table over search_text with sync triggers.
A GinIndex in Model.Meta would break SQLite's migrate, hence RunPython.
"""

from django.db import migrations


def create(apps, schema_editor):
    from disclosure.search import ensure_search_index

    ensure_search_index(schema_editor.connection, apps.get_model("disclosure", "Notice"), schema_editor=schema_editor)


def drop(apps, schema_editor):
    from disclosure.search import drop_search_index

    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
