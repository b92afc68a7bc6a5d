from django.apps import AppConfig


class OwnersConfig(AppConfig):
    """Clinic owners: claims, invitations, self-service edits and their review, enquiries and
    reports of wrong information."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "clinics.owners"
    label = "owners"
    verbose_name = "Clinic owners"

    def ready(self):
        # Imported here, once the models are loaded.
        from directory import demo

        from .demo import load_demo_owner_states

        demo.register(load_demo_owner_states)
