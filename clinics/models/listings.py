"""Clinics, their locations, practitioners and the credentials that vet them.

"Vetted" is defined once, here: a practitioner is vetted while they hold a licence in
Credential.objects.counting_as_licence() (a verified state licence expiring today or later),
work at a location of a Clinic.objects.published() clinic, and have no match on the federal
exclusion list awaiting review or confirmed (Exclusion.objects.barring(), models/sanctions.py).
Practitioner.objects.vetted() applies it; the search index (clinics/search/index.py) stores
rows for the same licences, published clinics and unbarred practitioners, and applies the
expiry date when a search runs.
"""

import uuid
from datetime import datetime, time, timedelta
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import geo
from ..storage import document_storage
from ..validators import State, validate_npi, validate_state, validate_zip_code
from .terms import Condition, Language, Modality, Payer, Specialty

# Freshness (clinics/freshness.py): a listing whose details were last confirmed this many
# days ago or more is marked on its card and profile and ranks below confirmed ones in its
# distance band; its owners are asked to confirm a little before; past the last it is in
# the staff "stale listings" queue.
STALE_AFTER_DAYS = 90
REMIND_AFTER_DAYS = 80
QUEUE_AFTER_DAYS = 180


class ClinicQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Clinic.Status.PUBLISHED)

    def with_details_confirmed_at(self):
        """Each row gets .details_confirmed_at: its last confirmation, else its creation."""
        return self.annotate(confirmed_or_created_at=Coalesce("last_confirmed_at", "created_at"))

    def unconfirmed_for(self, days: int):
        """Published clinics whose details were last confirmed `days` or more days ago (in
        the site's calendar: confirmed on or before today - days)."""
        cutoff = timezone.localdate() - timedelta(days=days)
        return self.published().with_details_confirmed_at().filter(
            confirmed_or_created_at__lt=start_of_day_after(cutoff))

    def pending_review(self):
        return self.filter(status=Clinic.Status.PENDING)


class Clinic(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING = "pending", "Pending review"
        PUBLISHED = "published", "Published"
        SUSPENDED = "suspended", "Suspended"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    description = models.TextField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)

    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(
        blank=True, help_text="Why the clinic was suspended or sent back; shown to its owners."
    )

    step_free_entrance = models.BooleanField(default=False)
    accessible_restroom = models.BooleanField(default=False)
    parking = models.BooleanField("on-site or nearby parking", default=False)

    payers = models.ManyToManyField(Payer, blank=True, related_name="clinics")
    sliding_scale = models.BooleanField("sliding-scale fees", default=False)
    first_visit_price = models.DecimalField(
        "first visit price (USD)", max_digits=7, decimal_places=2, null=True, blank=True
    )

    last_confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the clinic last confirmed its listing is accurate."
    )
    # As-of dates of the claims that change (clinics/freshness.py): set when the claim
    # changes and when the owner confirms the whole listing.
    insurance_as_of = models.DateField("insurance accepted as of", null=True, blank=True)
    prices_as_of = models.DateField("prices as of", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ClinicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("clinics:clinic-detail", kwargs={"slug": self.slug})

    @property
    def details_confirmed_at(self):
        """When the owners last said every detail is current; a listing never confirmed
        counts from when it was created."""
        return self.last_confirmed_at or self.created_at

    @property
    def details_confirmed_on(self):
        return timezone.localdate(self.details_confirmed_at)

    @property
    def is_stale(self) -> bool:
        return is_stale(self.details_confirmed_on)

    @property
    def stale_on(self):
        """The day the details count as unconfirmed unless confirmed before."""
        return self.details_confirmed_on + timedelta(days=STALE_AFTER_DAYS)


def stale_on_or_before(today=None):
    """The last confirmation day that counts as unconfirmed today (the site's time zone)."""
    return (today or timezone.localdate()) - timedelta(days=STALE_AFTER_DAYS)


def is_stale(confirmed_on, today=None) -> bool:
    """Whether details last confirmed on `confirmed_on` count as unconfirmed today."""
    return confirmed_on <= stale_on_or_before(today)


def start_of_day_after(day):
    """The first moment of the day after `day` in the site's time zone, for comparing a
    datetime column with a calendar date."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


class Location(models.Model):
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="locations")
    label = models.CharField(max_length=80, blank=True, help_text="e.g. Downtown, East side")
    street = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2, choices=State.choices, validators=[validate_state])
    zip_code = models.CharField("ZIP code", max_length=10, validators=[validate_zip_code])
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    geocode_source = models.CharField(max_length=40, blank=True)
    geocoded_at = models.DateTimeField(null=True, blank=True)
    # Derived from lat/lng by set_point() for radius search; see clinics/geo.py.
    lat_band = models.IntegerField(null=True, blank=True, editable=False)
    x = models.FloatField(null=True, blank=True, editable=False)
    y = models.FloatField(null=True, blank=True, editable=False)
    z = models.FloatField(null=True, blank=True, editable=False)
    # For incremental sync of the open-data APIs (FHIR _lastUpdated).
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["lat_band", "x", "y", "z"])

    class Meta:
        ordering = ["clinic__name", "city", "pk"]
        indexes = [models.Index(fields=["lat_band", "lng"], name="location_band_lng")]

    def __str__(self):
        return f"{self.clinic.name}: {self.street}, {self.city}, {self.state}"

    def set_point(self, lat: float, lng: float) -> None:
        """Place the location, keeping the search-index columns in step with lat/lng."""
        self.lat, self.lng = lat, lng
        self.lat_band = geo.lat_band(lat)
        self.x, self.y, self.z = geo.unit_vector(lat, lng)

    @property
    def one_line(self) -> str:
        return f"{self.street}, {self.city}, {self.state} {self.zip_code}"


def has_current_licence(practitioner: str = "pk") -> Exists:
    """A verified, unexpired licence exists for the practitioner at OuterRef(`practitioner`)."""
    return Exists(
        Credential.objects.counting_as_licence().filter(practitioner=OuterRef(practitioner))
    )


def has_barring_exclusion(practitioner: str = "pk") -> Exists:
    """An exclusion-list match awaiting review or confirmed exists for the practitioner."""
    # The reverse relation names Exclusion without importing models/sanctions.py, which
    # imports this module.
    exclusion: Any = Practitioner.exclusions.rel.related_model
    return Exists(exclusion.objects.barring().filter(practitioner=OuterRef(practitioner)))


class PractitionerQuerySet(models.QuerySet):
    def vetted(self):
        """Has a verified, unexpired licence, works at a published clinic, and is not held
        back by an exclusion-list match."""
        return self.filter(
            has_current_licence("pk"),
            Exists(PractitionerLocation.objects.at_published_clinic().filter(
                practitioner=OuterRef("pk"))),
        ).exclude(has_barring_exclusion("pk"))

    def barred(self):
        """Held back by an exclusion-list match awaiting review or confirmed."""
        return self.filter(has_barring_exclusion("pk"))

    def at_published_clinic(self):
        """Has a public profile: works at a published clinic, vetted or not."""
        return self.filter(
            Exists(PractitionerLocation.objects.at_published_clinic().filter(
                practitioner=OuterRef("pk")))
        )

    def with_licence_state(self):
        """Each row gets .is_vetted, .is_barred and .licence_expired_on (the latest past expiry of a
        licence not refused), which presenters.licence_state() turns into words."""
        lapsed = (Credential.objects.filter(practitioner=OuterRef("pk")).lapsed_licences()
                  .order_by("-expires_on").values("expires_on")[:1])
        return self.annotate(
            is_vetted=Exists(Practitioner.objects.vetted().filter(pk=OuterRef("pk"))),
            is_barred=has_barring_exclusion("pk"),
            licence_expired_on=Subquery(lapsed),
        )


class Practitioner(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Woman")
        MALE = "male", _("Man")
        NONBINARY = "nonbinary", _("Non-binary")

    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=180, unique=True)
    post_nominals = models.CharField(max_length=80, blank=True, help_text="e.g. L.Ac., DACM")
    bio = models.TextField(blank=True)
    pronouns = models.CharField(max_length=30, blank=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="practitioners")
    years_in_practice = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(70)]
    )
    npi = models.CharField(
        "NPI", max_length=10, blank=True, validators=[validate_npi],
        help_text="National Provider Identifier: 10 digits, optional.",
    )

    modalities = models.ManyToManyField(Modality, blank=True, related_name="practitioners")
    specialties = models.ManyToManyField(Specialty, blank=True, related_name="practitioners")
    conditions: "models.ManyToManyField[Condition, PractitionerCondition]" = (
        models.ManyToManyField(Condition, through="PractitionerCondition", blank=True,
                               related_name="practitioners"))
    locations: "models.ManyToManyField[Location, PractitionerLocation]" = models.ManyToManyField(
        Location, through="PractitionerLocation", related_name="practitioners", blank=True
    )

    accepting_new_patients = models.BooleanField(default=False)
    accepting_as_of = models.DateField("accepting new patients as of", null=True, blank=True)
    free_initial_consultation = models.BooleanField(default=False)
    telehealth = models.BooleanField("telehealth follow-ups", default=False)
    telehealth_as_of = models.DateField("telehealth as of", null=True, blank=True)
    session_minutes = models.PositiveSmallIntegerField(
        "typical session length (minutes)", null=True, blank=True,
        validators=[MaxValueValidator(240)],
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[])
    objects = PractitionerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name}, {self.post_nominals}" if self.post_nominals else self.name

    def get_absolute_url(self):
        return reverse("clinics:practitioner-detail", kwargs={"slug": self.slug})


class PractitionerLocationQuerySet(models.QuerySet):
    def at_published_clinic(self):
        return self.filter(location__clinic__status=Clinic.Status.PUBLISHED)


class PractitionerLocation(models.Model):
    """Where a practitioner works: one row per practitioner and location."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="workplaces"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="workplaces")
    # When the workplace was added: the FHIR PractitionerRole's _lastUpdated counts it.
    updated_at = models.DateTimeField(auto_now=True)

    objects = PractitionerLocationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "location"], name="unique_practitioner_location"
            )
        ]
        verbose_name = "workplace"

    def __str__(self):
        return f"{self.practitioner.name} at {self.location}"


class PractitionerCondition(models.Model):
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE)
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE)
    note = models.CharField(max_length=200, blank=True, help_text="e.g. years of experience with it")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "condition"], name="unique_practitioner_condition"
            )
        ]
        verbose_name = "condition treated"
        verbose_name_plural = "conditions treated"

    def __str__(self):
        return f"{self.practitioner} treats {self.condition}"


DOCUMENT_SUFFIXES = {".pdf", ".png", ".jpg"}


def credential_document_path(instance, filename: str) -> str:
    """A random name under credentials/; only a known suffix survives from `filename`.

    Forms name the upload after its sniffed type, so the sender's file name (which may be
    "../../etc/passwd.pdf") never reaches the disk.
    """
    suffix = PurePosixPath(filename).suffix.lower()
    return f"credentials/{uuid.uuid4().hex}{suffix if suffix in DOCUMENT_SUFFIXES else ''}"


class CredentialQuerySet(models.QuerySet):
    def licences(self):
        """Verified state licences: the only credentials that vet (until they expire)."""
        return self.filter(kind__in=Credential.LICENCE_KINDS, status=Credential.Status.VERIFIED)

    def counting_as_licence(self):
        """Verified licences whose expiry is today or later: what makes a practitioner vetted."""
        return self.licences().filter(expires_on__gte=timezone.localdate())

    def submitted(self):
        return self.filter(status=Credential.Status.SUBMITTED)

    def lapsed_licences(self):
        """Licences past their expiry date, whatever staff last said of them (bar refusal)."""
        return self.filter(kind__in=Credential.LICENCE_KINDS,
                           expires_on__lt=timezone.localdate()).exclude(
            status=Credential.Status.REJECTED)

    def due_for_check(self):
        """Verified credentials whose next check is today or overdue."""
        return self.filter(status=Credential.Status.VERIFIED,
                           next_check_due__lte=timezone.localdate())

    def expiring_soon(self, days: int = 60):
        """Verified licences that expire within `days` days from today (not yet expired)."""
        today = timezone.localdate()
        return self.licences().filter(
            expires_on__gte=today, expires_on__lte=today + timedelta(days=days))

    def shown_as_verified(self):
        """Verified and not expired, of any kind: what a public profile marks "Verified"."""
        return self.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=timezone.localdate()),
            status=Credential.Status.VERIFIED,
        )


class Credential(models.Model):
    class Kind(models.TextChoices):
        LAC = "lac", _("Licensed Acupuncturist (L.Ac.) licence")
        MEDICAL = "medical", _("Medical licence (MD/DO)")
        PT = "pt", _("Physical therapist licence")
        NCCAOM_AC = "nccaom_ac", _("NCCAOM Diplomate of Acupuncture (Dipl. Ac.)")
        NCCAOM_OM = "nccaom_om", _("NCCAOM Diplomate of Oriental Medicine (Dipl. O.M.)")
        DACM = "dacm", _("Doctor of Acupuncture and Chinese Medicine (DACM)")
        ABMA = "abma", _("Physician acupuncture board certificate (ABMA)")
        DRY_NEEDLING = "dry_needling", _("Dry-needling course certificate")
        OTHER = "other", _("Other")

    # State licences are what entitle someone to treat; certificates and degrees add to them
    # but never vet a practitioner on their own.
    LICENCE_KINDS = (Kind.LAC, Kind.MEDICAL, Kind.PT)
    # Licences under which needling is in scope in every state; a PT licence depends on the
    # state's DryNeedlingRule (clinics/scope.py).
    NEEDLING_LICENCE_KINDS = (Kind.LAC, Kind.MEDICAL)

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        VERIFIED = "verified", "Verified"
        REJECTED = "rejected", "Rejected"
        EXPIRED = "expired", "Expired"

    class Method(models.TextChoices):
        BOARD_WEBSITE = "board_website", "Issuing board's online lookup"
        BOARD_CONTACT = "board_contact", "Phone or letter from the issuing board"
        REGISTRY = "registry", "National registry (e.g. NCCAOM, NPPES)"
        DOCUMENT = "document", "Original document inspected"

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.CASCADE, related_name="credentials"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    jurisdiction = models.CharField(
        max_length=2, choices=State.choices, blank=True,
        help_text="The state where a licence applies; blank for national certificates.",
    )
    number = models.CharField(max_length=60, blank=True)
    issuer = models.CharField(max_length=200, blank=True, help_text="e.g. Texas Medical Board")
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)

    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    source = models.CharField(
        max_length=300, blank=True, help_text="The board's name or the lookup URL checked."
    )
    note = models.TextField(blank=True)
    next_check_due = models.DateField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    document = models.FileField(
        upload_to=credential_document_path, storage=document_storage, blank=True,
        max_length=200,
        help_text="A scan of the licence or certificate (PDF, PNG or JPEG). Stored privately.",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()
    objects = CredentialQuerySet.as_manager()

    class Meta:
        ordering = ["practitioner__name", "kind"]
        indexes = [models.Index(fields=["practitioner", "status", "expires_on"])]

    def __str__(self):
        where = f" ({self.jurisdiction})" if self.jurisdiction else ""
        return f"{self.get_kind_display()}{where} for {self.practitioner.name}"

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()


class ClinicMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MANAGER = "manager", "Manager"
        PRACTITIONER = "practitioner", "Practitioner"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_memberships"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.OWNER)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "clinic"], name="unique_clinic_membership")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) at {self.clinic}"
