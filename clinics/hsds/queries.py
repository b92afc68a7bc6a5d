"""What the HSDS API and export publish, read with the directory's own definitions.

Organizations are Clinic.objects.published(); locations are theirs. A service is a treatment
(Modality) that at least one Practitioner.objects.vetted() practitioner offers at a location
of that published clinic, so it is a (clinic, modality) pair, not a row: these querysets
return plain values, distinct and in key order, which keeps pages stable and the export
streamable.
"""

from django.db.models import F, QuerySet

from ..models import Clinic, Location, Practitioner

OFFERED = Practitioner.modalities.through


def organizations() -> QuerySet[Clinic]:
    return Clinic.objects.published().order_by("pk")


def locations() -> QuerySet[Location]:
    return Location.objects.filter(clinic__in=Clinic.objects.published()).order_by("pk")


def offerings() -> QuerySet:
    """One row per vetted practitioner, treatment and workplace at a published clinic."""
    return OFFERED.objects.filter(
        practitioner__in=Practitioner.objects.vetted(),
        practitioner__workplaces__location__clinic__in=Clinic.objects.published(),
    )


def services() -> QuerySet:
    """Distinct {"clinic_id", "modality_id"}: each treatment each published clinic offers."""
    return (offerings()
            .values("modality_id",
                    clinic_id=F("practitioner__workplaces__location__clinic_id"))
            .distinct().order_by("clinic_id", "modality_id"))


def services_at_locations() -> QuerySet:
    """Distinct {"location_id", "modality_id", "clinic_id"}: each treatment at each location."""
    return (offerings()
            .values("modality_id",
                    location_id=F("practitioner__workplaces__location_id"),
                    clinic_id=F("practitioner__workplaces__location__clinic_id"))
            .distinct().order_by("location_id", "modality_id"))
