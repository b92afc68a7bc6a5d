"""Two-factor authentication: a TOTP app, with one-time recovery codes as the fallback.

django-otp does the cryptography, the per-device throttling and the session's "verified"
flag (OTPMiddleware sets request.user.is_verified()). This module decides who needs it:

- staff need a verified session for every admin page (directory.admin.DirectoryAdminSite);
- owners may turn it on from their account; once on, logging in asks for a code after the
  password, and opening credential documents needs a verified session for everyone.

A wrong code counts as a failed login for django-axes (the same per-account-and-address
and per-address limits as wrong passwords), and each device also doubles the wait after
each wrong code (OTP_TOTP_THROTTLE_FACTOR), whichever address the guesses come from.
"""

import time
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .backends import address_locked_out
from .http import client_ip

RECOVERY_CODE_COUNT = 10
PENDING_SESSION_KEY = "mfa_pending_login"  # a user whose password was right, awaiting a code

User = Any  # the project's user model; django-otp works with any


def has_device(user: User | AnonymousUser) -> bool:
    """Whether the account has turned two-factor authentication on."""
    return bool(user.is_authenticated) and user_has_device(user, confirmed=True)


def is_verified(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and getattr(user, "is_verified", lambda: False)())


# -- enrolment -------------------------------------------------------------------------------


def pending_totp_device(user: User) -> TOTPDevice:
    """The unconfirmed TOTP device that enrolment shows, made on first visit.

    The same secret is shown again on a reload until a code confirms it.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code, drawn here: no image service sees it."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=2, title="QR code for your authenticator app")


@transaction.atomic
def confirm_enrolment(*, request: HttpRequest, user: User, token: str) -> list[str] | None:
    """Confirm the pending TOTP device with a code from the app, make fresh recovery codes
    and mark this session verified. Returns the recovery codes (shown once), or None when
    the code is wrong (which counts towards the device's throttle)."""
    device = (TOTPDevice.objects.select_for_update()
              .filter(user=user, confirmed=False).order_by("pk").first())
    if device is None or not device.verify_token(normalise_code(token)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = replace_recovery_codes(user)
    otp_login(request, device)
    return codes


def replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def device_count(user: User) -> int:
    return sum(model.objects.filter(user=user).count() for model in (TOTPDevice, StaticDevice))


def remove_devices(user: User) -> None:
    """Turn two-factor authentication off: every device of the account, confirmed or not."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()


# -- verification ----------------------------------------------------------------------------


def normalise_code(token: str) -> str:
    # Apps show "123 456"; recovery codes are lower-case base32.
    return "".join(token.split()).lower()


def login_locked_out(request: HttpRequest, user: User) -> bool:
    """Whether axes refuses logins to this account from this address (or the address is
    refused altogether); if so the request is marked so AxesMiddleware shows the lockout."""
    credentials = {"username": user.get_username()}
    if address_locked_out(client_ip(request)) or not AxesProxyHandler.is_allowed(
            request, credentials):
        request.axes_locked_out = True  # type: ignore[attr-defined]  # read by AxesMiddleware
        request.axes_credentials = credentials  # type: ignore[attr-defined]
        return True
    return False


def verify_code(*, request: HttpRequest, user: User, token: str) -> Device | None:
    """The device of `user` that accepts `token`, or None.

    Six digits are checked against the TOTP app, anything else against the recovery codes
    (a recovery code is deleted as it is used). Only this user's confirmed devices are
    tried. A miss is recorded as a failed login for axes, so wrong codes and wrong
    passwords share one limit, and each device throttles itself as well.
    """
    token = normalise_code(token)
    is_totp = len(token) == 6 and token.isdigit()
    matched: Device | None = None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, TOTPDevice) != is_totp:
                continue
            if token and device.verify_token(token):
                matched = device
                break
    if matched is None:
        user_login_failed.send(sender=__name__, request=request,
                               credentials={"username": user.get_username()})
    return matched


def device_throttled(user: User) -> bool:
    """Whether a device of the account is waiting out its throttle after wrong codes."""
    return any(not device.verify_is_allowed()[0]
               for device in devices_for_user(user, confirmed=True))


# -- the login's second step -----------------------------------------------------------------


def start_pending_login(request: HttpRequest, user: User, backend: str) -> None:
    """Remember, in the anonymous session, whose password was right; no login yet."""
    request.session.cycle_key()
    request.session[PENDING_SESSION_KEY] = {
        "user": user.pk, "backend": backend, "at": int(time.time())}


def pending_login_user(request: HttpRequest) -> tuple[User, str] | None:
    """The user (and backend) awaiting a code in this session, if still in time."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("at", 0) > settings.MFA_PENDING_LOGIN_SECONDS:
        clear_pending_login(request)
        return None
    user = get_user_model().objects.filter(pk=pending.get("user") or 0, is_active=True).first()
    if user is None:
        clear_pending_login(request)
        return None
    return user, pending["backend"]


def clear_pending_login(request: HttpRequest) -> None:
    request.session.pop(PENDING_SESSION_KEY, None)
