"""The owners' side of the directory: claims, invitations, enquiries, reports, edit review.

These tables were created by the `clinics` app and moved here without being renamed
(owners 0001 and clinics 0008), so each model names its table.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from clinics.models import Clinic, ClinicMembership, Practitioner
from clinics.validators import validate_phone


class ClinicClaimQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ClinicClaim.Status.PENDING)


class ClinicClaim(models.Model):
    """Someone asks to manage an existing listing; staff check and decide."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for staff"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_claims"
    )
    role = models.CharField(
        "your role", max_length=12, choices=ClinicMembership.Role.choices,
        default=ClinicMembership.Role.OWNER,
    )
    work_email = models.EmailField(
        help_text="An address at the clinic, so we can see you work there."
    )
    callback_phone = models.CharField(
        "phone number for a call-back", max_length=30, validators=[validate_phone],
        help_text="Staff may call to confirm; the clinic's listed number is best.",
    )
    note = models.TextField(blank=True, max_length=2000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True, help_text="Shown to the person who claimed.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClinicClaimQuerySet.as_manager()

    class Meta:
        db_table = "clinics_clinicclaim"  # created by the clinics app, moved here
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "clinic"], condition=models.Q(status="pending"),
                name="one_pending_claim_per_user_and_clinic",
            )
        ]

    def __str__(self):
        return f"{self.user} claims {self.clinic}"


class Invitation(models.Model):
    """An owner asks a colleague, by email, to help manage the clinic."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(
        max_length=12, choices=ClinicMembership.Role.choices,
        default=ClinicMembership.Role.MANAGER,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "clinics_invitation"  # created by the clinics app, moved here
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email} to {self.clinic}"


class ContactRequestQuerySet(models.QuerySet):
    def email_pending(self):
        return self.filter(email_status=ContactRequest.EmailStatus.PENDING)

    def unread(self):
        return self.filter(status=ContactRequest.Status.NEW)


class ContactRequest(models.Model):
    """A patient's enquiry to a clinic. Saved before any email is tried, so none is lost."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        READ = "read", "Read"
        REPLIED = "replied", "Replied"

    class EmailStatus(models.TextChoices):
        PENDING = "pending", "Email pending"
        SENT = "sent", "Email sent"

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="contact_requests")
    practitioner = models.ForeignKey(
        Practitioner, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="contact_requests",
    )
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(
        _("phone number"), max_length=30, blank=True, validators=[validate_phone]
    )
    preferred_contact = models.CharField(
        _("how should they reply?"), max_length=5, choices=ContactMethod.choices,
        default=ContactMethod.EMAIL,
    )
    message = models.TextField(max_length=2000)
    consent = models.BooleanField(default=False)

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NEW)
    email_status = models.CharField(
        max_length=8, choices=EmailStatus.choices, default=EmailStatus.PENDING, db_index=True
    )
    email_attempts = models.PositiveIntegerField(default=0)
    email_last_error = models.TextField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # A keyed hash of the sender's IP address: enough to rate-limit, useless to identify.
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        db_table = "clinics_contactrequest"  # created by the clinics app, moved here
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["ip_hash", "created_at"], name="contact_ip_recent")]

    def __str__(self):
        return f"Contact request #{self.pk} for {self.clinic}"

    def clean(self):
        errors = {}
        if not self.email and not self.phone:
            errors["email"] = _("Give an email address or a phone number so they can reply.")
        elif self.preferred_contact == self.ContactMethod.EMAIL and not self.email:
            errors["email"] = _("You asked for a reply by email: give an email address.")
        elif self.preferred_contact == self.ContactMethod.PHONE and not self.phone:
            errors["phone"] = _("You asked for a reply by phone: give a phone number.")
        if not self.consent:
            errors["consent"] = _("We can only pass on your message with your consent.")
        if errors:
            raise ValidationError(errors)


class ListingReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ListingReport.Status.OPEN)

    def confirmed_since(self, day):
        """Reports staff confirmed (the listing was wrong and is fixed) on or after `day`,
        a date in the site's time zone."""
        return self.filter(status=ListingReport.Status.RESOLVED, handled_at__date__gte=day)


class ListingReport(models.Model):
    """A visitor says a listing is wrong; staff check it and the owners are told."""

    class Reason(models.TextChoices):
        WRONG_PHONE = "wrong_phone", _("The phone number is wrong")
        WRONG_ADDRESS = "wrong_address", _("The address is wrong")
        CLOSED = "closed", _("The clinic has closed")
        NOT_LICENSED = "not_licensed", _("The practitioner is not licensed")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        # The stored values predate the wording; the labels say what staff decided.
        RESOLVED = "resolved", "Confirmed wrong and fixed"
        DISMISSED = "dismissed", "Was correct"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="reports")
    practitioner = models.ForeignKey(
        Practitioner, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    reason = models.CharField(_("what is wrong?"), max_length=16, choices=Reason.choices)
    details = models.TextField(blank=True, max_length=2000)
    reporter_email = models.EmailField(
        _("your email (optional)"), blank=True,
        help_text=_("Only if you would like us to tell you what we found."),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    staff_note = models.TextField(
        "reason", blank=True, help_text="Why staff decided as they did; for staff only.")
    reporter_told_at = models.DateTimeField(
        null=True, blank=True, help_text="When the outcome email to the reporter was queued.")
    # The language of the page the report was sent from: the outcome email is written in it.
    language = models.CharField(max_length=5, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE, editable=False)
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ListingReportQuerySet.as_manager()

    class Meta:
        db_table = "clinics_listingreport"  # created by the clinics app, moved here
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["ip_hash", "created_at"], name="report_ip_recent")]
        verbose_name = "report of wrong information"
        verbose_name_plural = "reports of wrong information"

    def __str__(self):
        about = self.practitioner.name if self.practitioner else self.clinic.name
        return f"{self.get_reason_display()}: {about}"

    def clean(self):
        if self.reason == self.Reason.OTHER and not self.details.strip():
            raise ValidationError({"details": _("Tell us what is wrong.")})


class OwnerEditQuerySet(models.QuerySet):
    def awaiting_review(self):
        return self.filter(reviewed_at__isnull=True)

    def holding_text(self):
        """Edits whose owner-written text tripped an editorial check and waits for staff."""
        return self.filter(text_status=OwnerEdit.TextStatus.HELD)


class OwnerEdit(models.Model):
    """One owner change to a listing, for staff to look over after it went live.

    Points at the historical row simple_history wrote; keeps the field-by-field change (and
    the many-to-many values before it) so the review list needs no extra queries and a
    revert can restore what history does not track.
    """

    class Action(models.TextChoices):
        CREATED = "created", "Added"
        CHANGED = "changed", "Changed"

    class Outcome(models.TextChoices):
        KEPT = "kept", "Kept"
        REVERTED = "reverted", "Reverted"

    class TextStatus(models.TextChoices):
        HELD = "held", "Held for staff review"
        ACCEPTED = "accepted", "Accepted by staff and published"
        REJECTED = "rejected", "Rejected by staff"
        REPLACED = "replaced", "Replaced by a later edit"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="owner_edits")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField("record", max_length=200)
    history_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=8, choices=Action.choices)
    changes = models.JSONField(default=list, blank=True)
    m2m_before = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True)
    # Owner-written text that tripped an editorial check is kept here, not on the listing,
    # until staff accept it (with a reason) or reject it.
    held_text = models.JSONField(
        default=dict, blank=True, help_text="Field name to the text the owner wrote.")
    warnings = models.JSONField(default=list, blank=True)
    text_status = models.CharField(
        "held text", max_length=8, choices=TextStatus.choices, blank=True, db_index=True)
    decision_reason = models.TextField(
        blank=True, help_text="Why staff accepted or rejected the held text; shown to the owner.")

    objects = OwnerEditQuerySet.as_manager()

    class Meta:
        db_table = "clinics_owneredit"  # created by the clinics app, moved here
        ordering = ["-created_at", "-pk"]
        verbose_name = "owner edit"

    def __str__(self):
        return f"{self.get_action_display()} {self.object_repr}"
