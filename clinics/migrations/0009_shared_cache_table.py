"""The table of the "shared" cache when no REDIS_URL is set (directory/settings.py).

It is made here rather than by a separate `createcachetable` step, so that `migrate` is all
a deployment, a benchmark or a fresh checkout has to run. The vocabulary keeps its version
token in it, which every process reads (clinics/vocabulary.py).
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

# Must match CACHES["shared"]["LOCATION"] in directory/settings.py.
TABLE = "directory_shared_cache"


def create_table(apps, schema_editor):
    # Django's own command: the same columns and index as DatabaseCache expects. It does
    # nothing when the table is already there.
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ("clinics", "0008_owner_and_account_models_move"),
    ]

    operations = [
        migrations.RunPython(create_table, drop_table),
    ]
