"""Let the Moderator group (created by clinics 0002) review and correct editorial pages."""

from django.db import migrations

MODERATOR_PERMISSIONS = {
    # Reviewing and correcting pages, not creating or deleting them.
    "article": ["view", "change"],
    "faqitem": ["view", "change"],
    "reference": ["view", "change"],
    "author": ["view", "change"],
    # The publication log is shown on the article page; it is written only by the service.
    "articlepublication": ["view"],
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
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderator")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames())
    )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderator").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames())
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("clinics", "0002_seed_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_permissions, remove_permissions),
    ]
