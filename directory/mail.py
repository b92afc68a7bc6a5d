"""Site emails rendered from templates, and the one task that sends them.

A request never talks to the mail server. send_templated() renders the message at once
(the links and tokens it carries are made with the request's data) and queues send_email,
which the worker runs; a send that fails is retried with backoff (directory/tasks.py). So a
saved enquiry, invitation or account never waits on, or fails with, the mail server.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from . import tasks


def absolute(path: str) -> str:
    """A site path as a full link for an email."""
    return f"{settings.SITE_URL}{path}"


def render(template: str, context: Mapping[str, Any],
           language: str | None = None) -> tuple[str, str]:
    """(subject, body) of `<template>_subject.txt` and `<template>.txt` in
    templates/account/emails/, written in `language`: by default the site's (English), as
    for owners and staff, whatever page the request that sends it was on."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string(f"account/emails/{template}_subject.txt", context).split())
        return subject, render_to_string(f"account/emails/{template}.txt", context)


def send_templated(*, to: list[str], template: str, context: Mapping[str, Any],
                   language: str | None = None) -> None:
    """Render one email now, in `language` (see render), and queue its sending with the
    current transaction."""
    subject, body = render(template, context, language)
    tasks.enqueue(send_email, to=list(to), subject=subject, body=body)


def send_templated_now(*, to: list[str], template: str, context: Mapping[str, Any]) -> None:
    """Render and send at once, raising the mail system's errors: for tasks that keep their
    own record of delivery (an enquiry's email status), never for a request."""
    subject, body = render(template, context)
    send_mail(subject, body, None, to)


@task()
def send_email(*, to: list[str], subject: str, body: str, attempt: int = 1) -> None:
    try:
        send_mail(subject, body, None, to)
    except Exception as error:  # the mail system's failures are many; all of them retry
        tasks.retry_later(send_email, attempt=attempt, error=error, to=to, subject=subject,
                          body=body)
