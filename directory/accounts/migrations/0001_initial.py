"""AccountEmail moves here from the clinics app; its table keeps its name."""

import django.utils.timezone
from django.db import migrations, models

APP = "accounts"
MODELS = ['accountemail']


def move_content_types(apps, old: str, new: str) -> None:
    # Permissions (the Moderator group's included) and admin log entries point at content
    # types, so moving them keeps both.
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def forwards(apps, schema_editor):
    move_content_types(apps, "clinics", APP)


def backwards(apps, schema_editor):
    move_content_types(apps, APP, "clinics")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('clinics', '0008_owner_and_account_models_move'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are; only Django's record of which app owns them moves.
            state_operations=[
                migrations.CreateModel(
                    name='AccountEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('ip_hash', models.CharField(max_length=64)),
                        ('address_hash', models.CharField(max_length=64)),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                    ],
                    options={
                        'db_table': 'clinics_accountemail',
                        'indexes': [models.Index(fields=['ip_hash', 'created_at'], name='clinics_acc_ip_hash_f956f8_idx'), models.Index(fields=['address_hash', 'created_at'], name='clinics_acc_address_0e01ea_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
