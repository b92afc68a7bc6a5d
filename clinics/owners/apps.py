from django.apps import AppConfig


class OwnersConfig(AppConfig):
    """Clinic owners: claims, invitations, self-service edits and their review, enquiries and
    reports of wrong information."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "clinics.owners"
    label = "owners"
    verbose_name = "Clinic owners"
