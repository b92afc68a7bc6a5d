"""The emails the owner features send, rendered from templates/account/emails/."""

from django.urls import reverse
from django.utils import timezone, translation

from directory.mail import absolute, send_templated, send_templated_now

from .models import ClinicClaim, ContactRequest, Invitation, ListingReport


def send_claim_decided(*, claim: ClinicClaim) -> None:
    send_templated(to=[claim.user.email], template="claim_decided", context={
        "claim": claim, "dashboard_link": absolute(reverse("owners:dashboard"))})


def send_invitation(*, invitation: Invitation, token: str) -> None:
    link = absolute(reverse("owners:accept-invitation", kwargs={"token": token}))
    send_templated(to=[invitation.email], template="invitation", context={
        "invitation": invitation, "link": link,
        "signup_link": absolute(reverse("accounts:signup"))})


def send_contact_request_now(*, contact_request: ContactRequest, to: list[str]) -> None:
    """Sent by the enquiry's own task, which records whether it went (services.messages)."""
    link = absolute(reverse("owners:inbox-detail", kwargs={
        "clinic_pk": contact_request.clinic_id, "pk": contact_request.pk}))
    send_templated_now(to=to, template="contact_request",
          context={"contact_request": contact_request, "link": link})


def send_contact_receipt(*, contact_request: ContactRequest) -> None:
    """Tell the patient their enquiry went through. Only our own words and the clinic's
    name: nothing they wrote (no message, not even their name), so the receipt says nothing
    about their health and the form cannot be used to send someone else chosen text.
    Written in the language of the page they wrote from, with the link to that page's
    version of the clinic."""
    clinic = contact_request.clinic
    send_templated(to=[contact_request.email], template="contact_receipt", context={
        "clinic": clinic, "clinic_link": absolute(clinic.get_absolute_url()),
        "sent_on": timezone.localdate(contact_request.created_at),
        "reply_by": contact_request.preferred_contact}, language=translation.get_language())


def send_report(*, report: ListingReport, to: list[str]) -> None:
    link = absolute(reverse("owners:clinic", kwargs={"clinic_pk": report.clinic_id}))
    send_templated(to=to, template="report", context={"report": report, "link": link})


def send_report_outcome(*, report: ListingReport) -> None:
    """Tell the person who reported a listing what staff found (the outcome, not the
    staff's reason, which may name people or sources), in the language of the page they
    reported from, with the link to that page's version of the listing."""
    with translation.override(report.language):
        link = absolute(report.practitioner.get_absolute_url() if report.practitioner
                        else report.clinic.get_absolute_url())
    send_templated(to=[report.reporter_email], template="report_outcome", context={
        "report": report, "was_wrong": report.status == ListingReport.Status.RESOLVED,
        "link": link}, language=report.language)
