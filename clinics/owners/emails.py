"""Every email the owner features send: rendered from templates/account/emails/.

The one place that talks to the mail system for them; errors propagate to the caller, which
decides what a failure means (a contact request stays pending; a report is still saved).
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _send(*, to: list[str], template: str, context: dict) -> None:
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"account/emails/{template}_subject.txt", context).split())
    body = render_to_string(f"account/emails/{template}.txt", context)
    send_mail(subject, body, None, to)


def _uid(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def send_email_confirmation(*, user, token: str) -> None:
    link = absolute(reverse("account:confirm-email", kwargs={"uidb64": _uid(user), "token": token}))
    _send(to=[user.email], template="confirm_email", context={"user": user, "link": link})


def send_account_exists(*, user) -> None:
    reset = absolute(reverse("account:password-reset"))
    login = absolute(reverse("account:login"))
    _send(to=[user.email], template="account_exists",
          context={"user": user, "reset_link": reset, "login_link": login})


def password_reset_link(user) -> str:
    return absolute(reverse("account:password-reset-confirm", kwargs={
        "uidb64": _uid(user), "token": default_token_generator.make_token(user)}))


def send_claim_decided(*, claim) -> None:
    _send(to=[claim.user.email], template="claim_decided", context={
        "claim": claim, "dashboard_link": absolute(reverse("account:dashboard"))})


def send_invitation(*, invitation, token: str) -> None:
    link = absolute(reverse("account:accept-invitation", kwargs={"token": token}))
    _send(to=[invitation.email], template="invitation", context={
        "invitation": invitation, "link": link,
        "signup_link": absolute(reverse("account:signup"))})


def send_contact_request(*, contact_request, to: list[str]) -> None:
    link = absolute(reverse("account:inbox-detail", kwargs={
        "clinic_pk": contact_request.clinic_id, "pk": contact_request.pk}))
    _send(to=to, template="contact_request",
          context={"contact_request": contact_request, "link": link})


def send_report(*, report, to: list[str]) -> None:
    link = absolute(reverse("account:clinic", kwargs={"clinic_pk": report.clinic_id}))
    _send(to=to, template="report", context={"report": report, "link": link})
