from django.contrib.admin.apps import AdminConfig


class DirectoryAdminConfig(AdminConfig):
    default_site = "directory.admin.DirectoryAdminSite"
