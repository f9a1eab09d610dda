"""The history chain's single head row."""

from django.db import migrations


def create_chain_head(apps, schema_editor):
    # The chain's single head row exists from the start, so appenders only ever lock it.
    apps.get_model("loudi_portal", "HistoryChainHead").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("loudi_portal", "0003_seed_work_calendar")]

    operations = [migrations.RunPython(create_chain_head, migrations.RunPython.noop)]
