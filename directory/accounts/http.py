"""Who is asking: the client IP address and the login name, one rule for the whole site.

django-axes (login throttling) and the contact and report rate limits both read these, so a
proxy in front of the site is configured once (DJANGO_TRUSTED_PROXY_COUNT).
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address the trusted proxies saw, counted from the right."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_ip_hash(request: HttpRequest) -> str:
    """A keyed hash of the client IP: rows can be counted per sender without storing it."""
    return salted_hmac("clinics.owners.ip", client_ip(request)).hexdigest()


def login_username(request: HttpRequest,
                   credentials: Mapping[str, Any] | None = None) -> str | None:
    """The name a login attempt is counted under: "Owner@X.org" and "owner@x.org" are one.

    `credentials` are the keyword arguments django-axes saw passed to authenticate()."""
    data = credentials or request.POST
    username = data.get("username")
    return normalise_login(username) if username else username


def normalise_login(username: str) -> str:
    # Owners log in with their email address, stored in lower case; staff user names are
    # left as they are.
    username = username.strip()
    return username.lower() if "@" in username else username
