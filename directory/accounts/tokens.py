"""Signed, expiring links for confirming an email address."""

from django.contrib.auth.models import User
from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset link, but its own kind, and spent once the account is active.

    The hash covers is_active and last_login, so the link stops working the moment it has
    been used, and never reactivates an account that staff switched off after it was used.
    """

    key_salt = "clinics.owners.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


email_confirmation = EmailConfirmationTokenGenerator()
