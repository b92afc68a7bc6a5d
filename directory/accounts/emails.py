"""The account emails: confirm an address, tell an existing account someone signed up, or
tell an account that staff removed its second factor."""

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from directory.mail import absolute, send_templated


def send_email_confirmation(*, user: User, token: str) -> None:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = absolute(reverse("accounts:confirm-email", kwargs={"uidb64": uid, "token": token}))
    send_templated(to=[user.email], template="confirm_email", context={"user": user, "link": link})


def send_account_exists(*, user: User) -> None:
    reset = absolute(reverse("accounts:password-reset"))
    login = absolute(reverse("accounts:login"))
    send_templated(to=[user.email], template="account_exists",
                   context={"user": user, "reset_link": reset, "login_link": login})


def send_second_factor_removed(*, user: User) -> None:
    login = absolute(reverse("accounts:login"))
    send_templated(to=[user.email], template="second_factor_removed",
                   context={"user": user, "login_link": login})
