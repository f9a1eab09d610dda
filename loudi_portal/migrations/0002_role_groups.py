from django.db import migrations

ROLE_GROUPS = ["录入员", "审核员", "审计员", "管理员"]


def create_groups(apps, schema_editor):
    # The groups exist from the first migrate on; their permissions are set by
    # loudi_portal.roles.sync_role_groups after every migrate, once all permissions exist.
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("loudi_portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
