"""Login throttling that an attacker cannot turn against a user.

django-axes locks a user name only for the address the failures came from
(AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]), so five wrong passwords typed
elsewhere never lock the real owner, or staff, out. Guessing many accounts from one address
(password spraying) is caught by a second, looser limit: LOGIN_ADDRESS_FAILURE_LIMIT failed
logins from one address within the cool-off time, counted from axes' failure log, lock that
address out of every account. Both find the address through client_ip(), which honours
DJANGO_TRUSTED_PROXY_COUNT, so behind a proxy they count clients, not the proxy.
"""

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessFailureLog
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from .http import client_ip


def address_locked_out(ip_address: str) -> bool:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessFailureLog.objects.filter(ip_address=ip_address, attempt_time__gte=since)
    return failures.count() >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


class ThrottledBackend(AxesStandaloneBackend):
    """Axes' check, preceded by the per-address limit; both answer with the lockout page."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is not None and address_locked_out(client_ip(request)):
            request.axes_locked_out = True  # type: ignore[attr-defined]  # read by AxesMiddleware
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        super().authenticate(request, username, password, **kwargs)
