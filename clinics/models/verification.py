"""The history behind "vetted": each check of a credential, the expiry reminders sent to
clinics, and what each daily trust sweep did.

A CredentialCheck is the FHIR VerificationResult idea: who checked which credential, when,
how, against which primary source, what the source said and when to look again. Checks are
only ever added. The credential keeps a copy of its latest check (status, verified_at,
method, source, expires_on, next_check_due) because the search index and the one "vetted"
definition read those columns (clinics/models/listings.py).
"""

from django.conf import settings
from django.db import models

from .listings import Credential


class CredentialCheck(models.Model):
    class Outcome(models.TextChoices):
        CURRENT = "current", "Confirmed current"
        LAPSED = "lapsed", "Lapsed or expired"
        REJECTED = "rejected", "Not accepted"

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="checks")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField()
    # Blank only for decisions without a source lookup (a credential refused on its papers).
    method = models.CharField(max_length=20, choices=Credential.Method.choices, blank=True)
    source = models.CharField(
        max_length=300, blank=True, help_text="The board's name or the lookup URL checked."
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    expires_on = models.DateField(null=True, blank=True,
                                  help_text="The expiry date the source reported.")
    next_check_due = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["credential", "-checked_at"])]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.credential} ({self.checked_at:%Y-%m-%d})"


class ExpiryReminder(models.Model):
    """One reminder email about one expiry date of one credential; never sent twice."""

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE,
                                   related_name="expiry_reminders")
    expires_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_on = models.DateField()
    recipients = models.TextField(blank=True, help_text="Addresses written to, one a line.")

    class Meta:
        ordering = ["-sent_on", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["credential", "expires_on", "days_before"], name="one_reminder_per_step")]

    def __str__(self):
        return f"{self.days_before}-day reminder for {self.credential}"


class ConfirmationRequest(models.Model):
    """One email asking a clinic's members to confirm its details, for one confirmation
    date (the one it had gone unconfirmed since); never sent twice (clinics/freshness.py)."""

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE,
                               related_name="confirmation_requests")
    confirmed_on = models.DateField(help_text="The confirmation date the request was about.")
    sent_on = models.DateField()
    recipients = models.TextField(blank=True, help_text="Addresses written to, one a line.")

    class Meta:
        ordering = ["-sent_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["clinic", "confirmed_on"],
                                               name="one_confirmation_request_per_date")]

    def __str__(self):
        return f"Confirmation request to {self.clinic} ({self.sent_on})"


class TrustSweep(models.Model):
    """What one run of the daily trust sweep (clinics/expiry.py) did."""

    ran_on = models.DateField(help_text="The site's date the sweep ran for.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    reminders_sent = models.PositiveIntegerField(default=0)
    lapsed_marked = models.PositiveIntegerField(default=0)
    log = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"Trust sweep of {self.ran_on}"
