import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """Locations and workplaces get an updated timestamp, for the FHIR API's _lastUpdated.

    Existing rows are stamped with the time of the migration: for a client syncing
    incrementally they count as changed once, which is true enough (it has never seen them
    with a timestamp).
    """

    dependencies = [
        ("clinics", "0013_retired_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="location",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicallocation",
            name="updated_at",
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now,
                                       editable=False),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="practitionerlocation",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
