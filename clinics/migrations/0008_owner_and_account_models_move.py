"""The owner models move to clinics.owners and AccountEmail to directory.accounts.

Only the migration state changes here; the tables stay (see owners 0001, accounts 0001).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('clinics', '0007_account_email'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are; only Django's record of which app owns them moves.
            state_operations=[
                migrations.DeleteModel(
                    name='AccountEmail',
                ),
                migrations.RemoveField(
                    model_name='contactrequest',
                    name='clinic',
                ),
                migrations.RemoveField(
                    model_name='contactrequest',
                    name='practitioner',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='accepted_by',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='clinic',
                ),
                migrations.RemoveField(
                    model_name='invitation',
                    name='invited_by',
                ),
                migrations.RemoveField(
                    model_name='listingreport',
                    name='clinic',
                ),
                migrations.RemoveField(
                    model_name='listingreport',
                    name='handled_by',
                ),
                migrations.RemoveField(
                    model_name='listingreport',
                    name='practitioner',
                ),
                migrations.RemoveField(
                    model_name='owneredit',
                    name='clinic',
                ),
                migrations.RemoveField(
                    model_name='owneredit',
                    name='content_type',
                ),
                migrations.RemoveField(
                    model_name='owneredit',
                    name='reviewed_by',
                ),
                migrations.RemoveField(
                    model_name='owneredit',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='ClinicClaim',
                ),
                migrations.DeleteModel(
                    name='ContactRequest',
                ),
                migrations.DeleteModel(
                    name='Invitation',
                ),
                migrations.DeleteModel(
                    name='ListingReport',
                ),
                migrations.DeleteModel(
                    name='OwnerEdit',
                ),
            ],
            database_operations=[],
        ),
    ]
