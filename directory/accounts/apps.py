from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-up, email confirmation, log-in, password reset and the limits that guard them."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "directory.accounts"
    label = "accounts"
    verbose_name = "Accounts"
