from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinics"

    def ready(self):
        from . import vocabulary

        vocabulary.connect_signals()
