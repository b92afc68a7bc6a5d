"""Let the Moderator group work the new trust queues: review exclusion-list matches, and
read the record of confirmation requests sent to clinics (the stale-listings queue is the
clinics list, which moderators already change)."""

from django.db import migrations

CODENAMES = ["view_exclusion", "change_exclusion", "view_confirmationrequest"]


def add_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations run; create them now so the group
    # can hold them on a fresh database (as 0005 and 0012 do).
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderator")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="clinics", codename__in=CODENAMES))


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderator").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="clinics", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("clinics", "0018_confirmation_requests"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
