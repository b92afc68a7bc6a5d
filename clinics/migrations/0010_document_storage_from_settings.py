"""Credential documents use the "documents" storage that settings choose (disk or S3).

Only the migration state changes: where files are kept is not in the database, and a plain
AlterField would make SQLite copy the whole credential table for nothing.
"""

from django.db import migrations, models

import clinics.models.listings
import clinics.storage


class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0009_shared_cache_table'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='credential',
                    name='document',
                    field=models.FileField(blank=True, help_text='A scan of the licence or certificate (PDF, PNG or JPEG). Stored privately.', max_length=200, storage=clinics.storage.document_storage, upload_to=clinics.models.listings.credential_document_path),
                ),
            ],
        ),
    ]
