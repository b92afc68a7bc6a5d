from axes.apps import AppConfig as AxesConfig
from django.contrib.admin.apps import AdminConfig
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from django_tasks_db.apps import TasksAppConfig


class DirectoryAdminConfig(AdminConfig):
    default_site = "directory.admin.DirectoryAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscovers every app's admin.py, django-tasks-db's included
        # Imported once the models are loaded: it replaces that library's task admin.
        from django.contrib.admin import site

        from . import task_admin

        task_admin.register(site)


# Libraries' apps under the names staff read on the admin index; each keeps its label, so
# its tables and migrations are unchanged. Without these the index showed "Axes",
# "Otp_Static", "Otp_Totp" and "Tasks Database Backend".


class LoginLockoutsConfig(AxesConfig):
    verbose_name = "Failed logins and lockouts"


class AuthenticatorAppsConfig(TOTPConfig):
    verbose_name = "Two-factor: authenticator apps"


class RecoveryCodesConfig(StaticConfig):
    verbose_name = "Two-factor: recovery codes"


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Background tasks (emails and other queued work)"
