"""What visitors send a clinic: patient enquiries and reports of wrong information.

Each is saved with its email queued in the same transaction; the worker sends it, so a mail
failure never loses the visitor's words or makes them wait.
"""

import logging
from datetime import timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from directory import tasks

from .. import emails
from ..models import ContactRequest, ListingReport
from .claims import members_emails

SENDER_LIMIT_PER_HOUR = 5  # contact requests or reports from one IP address
log = logging.getLogger(__name__)


def sender_rate_limited(*, model: type[ContactRequest] | type[ListingReport],
                        ip_hash: str) -> bool:
    """True once one sender saved SENDER_LIMIT_PER_HOUR rows of `model` in the last hour.

    `model` is ContactRequest or ListingReport; both keep the sender's IP hash.
    """
    since = timezone.now() - timedelta(hours=1)
    return model.objects.filter(
        ip_hash=ip_hash, created_at__gte=since
    ).count() >= SENDER_LIMIT_PER_HOUR


def submit_contact_request(*, contact_request: ContactRequest) -> ContactRequest:
    """Save the enquiry and queue its email to the clinic, and a receipt to the patient
    when they gave an email address, in one transaction.

    The request never waits on the mail server: the task sends it, and retries with backoff
    while the email fails (directory/tasks.py). The enquiry is kept whatever the email does,
    and stays "email pending" until the clinic has been told.
    """
    with transaction.atomic():
        contact_request.status = ContactRequest.Status.NEW
        contact_request.email_status = ContactRequest.EmailStatus.PENDING
        contact_request.full_clean()
        contact_request.save()
        tasks.enqueue(email_contact_request, contact_request_id=contact_request.pk)
        if contact_request.email:  # a receipt, queued like any other email
            emails.send_contact_receipt(contact_request=contact_request)
    return contact_request


@task()
def email_contact_request(*, contact_request_id: int, attempt: int = 1) -> None:
    """The task: tell the clinic about one enquiry; retried while the email fails."""
    contact_request = ContactRequest.objects.select_related("clinic").filter(
        pk=contact_request_id).first()
    if contact_request is None:  # deleted meanwhile: nothing to send
        return
    try:
        deliver_contact_request(contact_request=contact_request)
    except Exception as error:  # any failure of the mail system keeps the request pending
        tasks.retry_later(email_contact_request, attempt=attempt, error=error,
                          contact_request_id=contact_request_id)


def deliver_contact_request(*, contact_request: ContactRequest) -> bool:
    """Email the clinic's members about one pending enquiry, raising if the email fails;
    False if it was already sent.

    Each attempt is claimed with a conditional update, so two runs never send it twice.
    """
    pending = ContactRequest.objects.filter(
        pk=contact_request.pk, email_status=ContactRequest.EmailStatus.PENDING,
        email_attempts=contact_request.email_attempts,
    )
    if not pending.update(email_attempts=F("email_attempts") + 1):
        return False
    contact_request.email_attempts += 1
    try:
        recipients = members_emails(contact_request.clinic)
        if not recipients:
            raise RuntimeError("The clinic has no members with an email address.")
        emails.send_contact_request_now(contact_request=contact_request, to=recipients)
    except Exception as error:
        log.warning(
            "Contact request %s not emailed (attempt %s): %r",
            contact_request.pk, contact_request.email_attempts, error,
        )
        contact_request.email_last_error = f"{type(error).__name__}: {error}"[:1000]
        ContactRequest.objects.filter(pk=contact_request.pk).update(
            email_last_error=contact_request.email_last_error
        )
        raise
    contact_request.email_status = ContactRequest.EmailStatus.SENT
    contact_request.emailed_at = timezone.now()
    contact_request.email_last_error = ""
    ContactRequest.objects.filter(pk=contact_request.pk).update(
        email_status=contact_request.email_status, emailed_at=contact_request.emailed_at,
        email_last_error="",
    )
    return True


def set_contact_request_status(*, contact_request: ContactRequest, status: str,
                               by: User) -> ContactRequest:
    """The clinic marks an enquiry new, read or replied."""
    if status not in ContactRequest.Status.values:
        raise ValidationError({"status": "Choose new, read or replied."})
    contact_request.status = status
    contact_request.save(update_fields=["status"])
    return contact_request


# Reports of wrong information


def submit_report(*, report: ListingReport) -> ListingReport:
    """Save a visitor's report for staff and queue an email to the clinic's members."""
    with transaction.atomic():
        report.full_clean()
        report.save()
        recipients = members_emails(report.clinic)
        if recipients:
            emails.send_report(report=report, to=recipients)
    return report


@transaction.atomic
def close_report(*, report: ListingReport, by: User, status: str,
                 reason: str) -> ListingReport:
    """Staff decide a report: the listing was wrong and is now fixed (RESOLVED), or it was
    correct (DISMISSED). The reason is kept for staff; a reporter who left an email is told
    the outcome, by a queued email that is retried until it goes."""
    if status not in (ListingReport.Status.RESOLVED, ListingReport.Status.DISMISSED):
        raise ValidationError({"status": "Choose “confirmed wrong and fixed” or “was correct”."})
    if not (reason or "").strip():
        raise ValidationError({"staff_note": "Say why: what you checked and what you found."})
    # Locked and re-read, so two staff deciding at once never both email the reporter.
    # (of=("self",): PostgreSQL cannot lock the nullable side of the practitioner join.)
    report = ListingReport.objects.select_for_update(of=("self",)).select_related(
        "clinic", "practitioner").get(pk=report.pk)
    if report.status != ListingReport.Status.OPEN:
        raise ValidationError("This report was already decided.")
    report.status = status
    report.staff_note = reason.strip()
    report.handled_by, report.handled_at = by, timezone.now()
    if report.reporter_email:
        emails.send_report_outcome(report=report)
        report.reporter_told_at = report.handled_at
    report.full_clean()
    report.save()
    log.info("Report %s decided %s by %s", report.pk, status, by)
    return report
