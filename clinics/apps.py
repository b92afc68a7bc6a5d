from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinics"

    def ready(self):
        # Imported here, once the models are loaded: they connect model signals and register
        # the periodic jobs.
        from . import tasks, vocabulary
        from .search import index

        vocabulary.connect_signals()
        index.connect_signals()
        tasks.register_jobs()
