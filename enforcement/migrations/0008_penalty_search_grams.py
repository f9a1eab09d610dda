"""PostgreSQL: the penalty register's keyword search reads a GIN-indexed column of character grams.

A stored, generated column `search_grams` (not a model field) and its GIN index,
so a keyword finds its rows among a million without scanning them
(loudi_portal/gram_search.py). SQLite: nothing to do.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from enforcement.models import PENALTY_SEARCH_TEXT
    from loudi_portal import gram_search

    gram_search.ensure(schema_editor.connection, "enforcement_penalty", PENALTY_SEARCH_TEXT)


def backwards(apps, schema_editor):
    from loudi_portal import gram_search

    gram_search.drop(schema_editor.connection, "enforcement_penalty")


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0007_covering_page_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
