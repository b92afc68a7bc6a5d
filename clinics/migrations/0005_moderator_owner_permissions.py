"""Let the Moderator group (clinics 0002) work the owner queues.

Moderators decide claims, handle reports of wrong information and review owner edits. They
get no permission on contact requests: those hold patients' messages, which only the clinic
(and superusers, when something has gone wrong) should read. Nor on invitations, which
owners manage themselves.
"""

from django.db import migrations

MODERATOR_PERMISSIONS = {
    "clinicclaim": ["view", "change"],
    "listingreport": ["view", "change"],
    "owneredit": ["view", "change"],
    # The edit queue shows and restores these versions.
    "historicalclinic": ["view"],
    "historicallocation": ["view"],
    "historicalpractitioner": ["view"],
    "historicalcredential": ["view"],
}


def codenames():
    return [
        f"{action}_{model}" for model, actions in MODERATOR_PERMISSIONS.items() for action in actions
    ]


def add_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations run; create them now so the group
    # can hold them on a fresh database.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderator")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="clinics", codename__in=codenames())
    )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderator").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="clinics", codename__in=codenames())
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0004_owners"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_permissions, remove_permissions),
    ]
