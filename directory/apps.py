from django.contrib.admin.apps import AdminConfig


class DirectoryAdminConfig(AdminConfig):
    default_site = "directory.admin.DirectoryAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscovers every app's admin.py, django-tasks-db's included
        # Imported once the models are loaded: it replaces that library's task admin.
        from django.contrib.admin import site

        from . import task_admin

        task_admin.register(site)
