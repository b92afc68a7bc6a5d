"""Site emails rendered from templates: the one place that hands them to the mail system.

Errors propagate to the caller, which decides what a failure means (a contact request stays
pending; a report is still saved).
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string


def absolute(path: str) -> str:
    """A site path as a full link for an email."""
    return f"{settings.SITE_URL}{path}"


def send_templated(*, to: list[str], template: str, context: Mapping[str, Any]) -> None:
    """Send `<template>_subject.txt` and `<template>.txt` from templates/account/emails/."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"account/emails/{template}_subject.txt", context).split())
    body = render_to_string(f"account/emails/{template}.txt", context)
    send_mail(subject, body, None, to)
