"""Claims, invitations, enquiries, reports and owner edits move here from the clinics app.

Their tables keep their names (clinics_*), so no row moves.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import clinics.validators

APP = "owners"
MODELS = ['clinicclaim', 'contactrequest', 'invitation', 'listingreport', 'owneredit']


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
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are; only Django's record of which app owns them moves.
            state_operations=[
                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254)),
                        ('role', models.CharField(choices=[('owner', 'Owner'), ('manager', 'Manager'), ('practitioner', 'Practitioner')], default='manager', max_length=12)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('accepted_at', models.DateTimeField(blank=True, null=True)),
                        ('accepted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='clinics.clinic')),
                        ('invited_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'clinics_invitation',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='OwnerEdit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('object_repr', models.CharField(max_length=200, verbose_name='record')),
                        ('history_id', models.PositiveBigIntegerField()),
                        ('action', models.CharField(choices=[('created', 'Added'), ('changed', 'Changed')], max_length=8)),
                        ('changes', models.JSONField(blank=True, default=list)),
                        ('m2m_before', models.JSONField(blank=True, default=dict)),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True)),
                        ('reviewed_at', models.DateTimeField(blank=True, null=True)),
                        ('outcome', models.CharField(blank=True, choices=[('kept', 'Kept'), ('reverted', 'Reverted')], max_length=8)),
                        ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='owner_edits', to='clinics.clinic')),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                        ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'owner edit',
                        'db_table': 'clinics_owneredit',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ClinicClaim',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('owner', 'Owner'), ('manager', 'Manager'), ('practitioner', 'Practitioner')], default='owner', max_length=12, verbose_name='your role')),
                        ('work_email', models.EmailField(help_text='An address at the clinic, so we can see you work there.', max_length=254)),
                        ('callback_phone', models.CharField(help_text="Staff may call to confirm; the clinic's listed number is best.", max_length=30, validators=[clinics.validators.validate_phone], verbose_name='phone number for a call-back')),
                        ('note', models.TextField(blank=True, max_length=2000)),
                        ('status', models.CharField(choices=[('pending', 'Waiting for staff'), ('approved', 'Approved'), ('rejected', 'Rejected')], db_index=True, default='pending', max_length=10)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('rejection_reason', models.TextField(blank=True, help_text='Shown to the person who claimed.')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='claims', to='clinics.clinic')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='clinic_claims', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'clinics_clinicclaim',
                        'ordering': ['-created_at'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('user', 'clinic'), name='one_pending_claim_per_user_and_clinic')],
                    },
                ),
                migrations.CreateModel(
                    name='ContactRequest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='your name')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                        ('phone', models.CharField(blank=True, max_length=30, validators=[clinics.validators.validate_phone], verbose_name='phone number')),
                        ('preferred_contact', models.CharField(choices=[('email', 'Email'), ('phone', 'Phone')], default='email', max_length=5, verbose_name='how should they reply?')),
                        ('message', models.TextField(max_length=2000)),
                        ('consent', models.BooleanField(default=False)),
                        ('status', models.CharField(choices=[('new', 'New'), ('read', 'Read'), ('replied', 'Replied')], default='new', max_length=8)),
                        ('email_status', models.CharField(choices=[('pending', 'Email pending'), ('sent', 'Email sent')], db_index=True, default='pending', max_length=8)),
                        ('email_attempts', models.PositiveIntegerField(default=0)),
                        ('email_last_error', models.TextField(blank=True)),
                        ('emailed_at', models.DateTimeField(blank=True, null=True)),
                        ('ip_hash', models.CharField(blank=True, max_length=64)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contact_requests', to='clinics.clinic')),
                        ('practitioner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contact_requests', to='clinics.practitioner')),
                    ],
                    options={
                        'db_table': 'clinics_contactrequest',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['ip_hash', 'created_at'], name='contact_ip_recent')],
                    },
                ),
                migrations.CreateModel(
                    name='ListingReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.CharField(choices=[('wrong_phone', 'The phone number is wrong'), ('wrong_address', 'The address is wrong'), ('closed', 'The clinic has closed'), ('not_licensed', 'The practitioner is not licensed'), ('other', 'Something else')], max_length=16, verbose_name='what is wrong?')),
                        ('details', models.TextField(blank=True, max_length=2000)),
                        ('reporter_email', models.EmailField(blank=True, help_text='Only if you would like us to tell you what we found.', max_length=254, verbose_name='your email (optional)')),
                        ('status', models.CharField(choices=[('open', 'Open'), ('resolved', 'Resolved'), ('dismissed', 'Dismissed')], db_index=True, default='open', max_length=10)),
                        ('handled_at', models.DateTimeField(blank=True, null=True)),
                        ('staff_note', models.TextField(blank=True)),
                        ('ip_hash', models.CharField(blank=True, max_length=64)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('clinic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='clinics.clinic')),
                        ('handled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('practitioner', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reports', to='clinics.practitioner')),
                    ],
                    options={
                        'verbose_name': 'report of wrong information',
                        'verbose_name_plural': 'reports of wrong information',
                        'db_table': 'clinics_listingreport',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['ip_hash', 'created_at'], name='report_ip_recent')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
