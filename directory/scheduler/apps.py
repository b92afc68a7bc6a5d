from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "directory.scheduler"
    label = "scheduler"
    verbose_name = "Scheduled jobs"
