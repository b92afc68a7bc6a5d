"""What the FHIR API and the bulk export may show: the public directory, as querysets.

Each starts from the project's own definitions (Practitioner.objects.vetted(),
Clinic.objects.published(), Credential.objects.shown_as_verified()) and prefetches what
clinics/fhir/resources.py reads, so a page costs the same few queries at any size. Each row
carries `last_updated`, the newest change among the rows its resource is built from, for
_lastUpdated.
"""

from __future__ import annotations

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from clinics.models import (
    Clinic,
    Credential,
    CredentialCheck,
    Language,
    Location,
    Practitioner,
    PractitionerLocation,
    Specialty,
)

# Long texts that no resource shows: not read, which keeps the export's rows small.
UNSHOWN_PRACTITIONER = ("bio",)
UNSHOWN_CLINIC = ("description", "status_reason")


def public_credentials(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}credentials", to_attr="public_credentials",
                    queryset=Credential.objects.shown_as_verified().order_by("kind", "pk"))


# Lists (to_attr) rather than .all() on a related manager: the export builds hundreds of
# thousands of resources, and a manager per row was a fifth of its time.
def public_languages(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}languages", to_attr="public_languages",
                    queryset=Language.objects.order_by("name"))


def public_specialties(prefix: str = "") -> Prefetch:
    return Prefetch(f"{prefix}specialties", to_attr="public_specialties",
                    queryset=Specialty.objects.order_by("name"))


def public_locations(prefix: str = "") -> Prefetch:
    # Ordered by pk, not by the model's clinic name: that ordering joins the clinic again.
    return Prefetch(f"{prefix}locations", to_attr="public_locations",
                    queryset=Location.objects.order_by("pk"))


def practitioners() -> QuerySet[Practitioner]:
    """Vetted practitioners: exactly those the search shows."""
    return (Practitioner.objects.vetted().annotate(last_updated=F("updated_at"))
            .defer(*UNSHOWN_PRACTITIONER)
            .prefetch_related(public_languages(), public_credentials()).order_by("pk"))


def organizations() -> QuerySet[Clinic]:
    """Published clinics, as the clinic pages show them."""
    return (Clinic.objects.published().annotate(last_updated=F("updated_at"))
            .defer(*UNSHOWN_CLINIC)
            .prefetch_related(public_locations()).order_by("pk"))


def locations() -> QuerySet[Location]:
    """The locations of published clinics."""
    return (Location.objects.filter(clinic__in=Clinic.objects.published())
            .select_related("clinic")
            .defer(*(f"clinic__{name}" for name in UNSHOWN_CLINIC))
            .annotate(last_updated=Greatest("updated_at", "clinic__updated_at"))
            .order_by("pk"))


def practitioner_roles(*, include: frozenset[str] = frozenset()) -> QuerySet[PractitionerLocation]:
    """Where vetted practitioners work at published clinics.

    `include` names what _include will add to the page ("practitioner", "organization"),
    so that their resources are prefetched with the page, not a query each.
    """
    prefetch: list[Prefetch] = [public_specialties("practitioner__")]
    if "practitioner" in include:
        prefetch += [public_languages("practitioner__"), public_credentials("practitioner__")]
    if "organization" in include:
        prefetch.append(public_locations("location__clinic__"))
    return (PractitionerLocation.objects.at_published_clinic()
            .filter(practitioner__in=Practitioner.objects.vetted().values("pk"))
            .select_related("practitioner", "location__clinic")
            .defer(*(f"practitioner__{name}" for name in UNSHOWN_PRACTITIONER),
                   *(f"location__clinic__{name}" for name in UNSHOWN_CLINIC))
            .prefetch_related(*prefetch)
            .annotate(last_updated=Greatest("updated_at", "practitioner__updated_at",
                                            "location__updated_at",
                                            "location__clinic__updated_at"))
            .order_by("pk"))


def credential_checks() -> QuerySet[CredentialCheck]:
    """Every check of a credential shown as verified on a vetted practitioner's profile.

    The profile lists a credential's checks, newest first, and gives the newest one's next
    check due; so each check is public. Each row carries `kind` and `practitioner_id` (its
    credential's) and `superseded_at`, when the next newer check was recorded (None for the
    newest). A check's resource changes once, when a newer check takes over the next check
    due, so `last_updated` is then.
    """
    shown = (Credential.objects.shown_as_verified()
             .filter(practitioner__in=Practitioner.objects.vetted().values("pk")))
    # Newer in the profile's order (-checked_at, -pk); the nearest one supersedes this check.
    newer = (CredentialCheck.objects.filter(credential=OuterRef("credential"))
             .filter(Q(checked_at__gt=OuterRef("checked_at"))
                     | Q(checked_at=OuterRef("checked_at"), pk__gt=OuterRef("pk")))
             .order_by("checked_at", "pk").values("created_at")[:1])
    return (CredentialCheck.objects.filter(credential__in=shown.values("pk"))
            .annotate(kind=F("credential__kind"), practitioner_id=F("credential__practitioner_id"),
                      superseded_at=Subquery(newer))
            .annotate(last_updated=Greatest("created_at", Coalesce("superseded_at", "created_at")))
            .only("checked_at", "source", "outcome", "next_check_due", "created_at")
            .order_by("pk"))
