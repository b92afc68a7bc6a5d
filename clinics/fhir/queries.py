"""What the FHIR API and the bulk export may show: the public directory, as querysets.

Each starts from the project's own definitions (Practitioner.objects.vetted(),
Clinic.objects.published(), Credential.objects.shown_as_verified()) and prefetches what
clinics/fhir/resources.py reads, so a page costs the same few queries at any size. Each row
carries `last_updated`, the newest change among the rows its resource is built from, for
_lastUpdated.
"""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Greatest

from clinics.models import Clinic, Credential, Location, Practitioner, PractitionerLocation


def public_credentials() -> Prefetch:
    return Prefetch("credentials", to_attr="public_credentials",
                    queryset=Credential.objects.shown_as_verified().order_by("kind", "pk"))


def practitioners() -> QuerySet[Practitioner]:
    """Vetted practitioners: exactly those the search shows."""
    return (Practitioner.objects.vetted().annotate(last_updated=F("updated_at"))
            .prefetch_related("languages", public_credentials()).order_by("pk"))


def organizations() -> QuerySet[Clinic]:
    """Published clinics, as the clinic pages show them."""
    return (Clinic.objects.published().annotate(last_updated=F("updated_at"))
            .prefetch_related("locations").order_by("pk"))


def locations() -> QuerySet[Location]:
    """The locations of published clinics."""
    return (Location.objects.filter(clinic__in=Clinic.objects.published())
            .select_related("clinic")
            .annotate(last_updated=Greatest("updated_at", "clinic__updated_at"))
            .order_by("pk"))


def practitioner_roles(*, include: frozenset[str] = frozenset()) -> QuerySet[PractitionerLocation]:
    """Where vetted practitioners work at published clinics.

    `include` names what _include will add to the page ("practitioner", "organization"),
    so that their resources are prefetched with the page, not a query each.
    """
    prefetch: list[str | Prefetch] = ["practitioner__specialties"]
    if "practitioner" in include:
        prefetch += ["practitioner__languages",
                     Prefetch("practitioner__credentials", to_attr="public_credentials",
                              queryset=Credential.objects.shown_as_verified()
                              .order_by("kind", "pk"))]
    if "organization" in include:
        prefetch.append("location__clinic__locations")
    return (PractitionerLocation.objects.at_published_clinic()
            .filter(practitioner__in=Practitioner.objects.vetted().values("pk"))
            .select_related("practitioner", "location__clinic")
            .prefetch_related(*prefetch)
            .annotate(last_updated=Greatest("updated_at", "practitioner__updated_at",
                                            "location__updated_at",
                                            "location__clinic__updated_at"))
            .order_by("pk"))


def verified_credentials() -> QuerySet[Credential]:
    """Credentials shown as verified on the profiles of vetted practitioners."""
    return (Credential.objects.shown_as_verified()
            .filter(practitioner__in=Practitioner.objects.vetted().values("pk"),
                    verified_at__isnull=False)
            .annotate(last_updated=F("verified_at")).order_by("pk"))
