"""What the HSDS API and export publish, read with the directory's own definitions.

Organizations are Clinic.objects.published(); locations are theirs. A service is a treatment
(Modality) that at least one vetted practitioner offers at a location of that published
clinic, so it is a (clinic, modality) pair, not a row. Those pairs are read from the search
index: SearchEntry.objects.current() holds exactly the workplaces of vetted practitioners at
published clinics (the one definition of "vetted", kept in step with
Practitioner.objects.vetted() and tested to agree with it), indexed by clinic and location.
Filtering the treatment table by Practitioner.objects.vetted() instead gave the same rows
but took seconds per page at 100k practitioners, since the database evaluates "vetted" for
everyone before it can filter by clinic. The querysets return plain values, distinct and in
key order, which keeps pages stable and the export streamable.
"""

from django.db.models import F, QuerySet

from ..models import Clinic, Location, SearchEntry


def organizations() -> QuerySet[Clinic]:
    return Clinic.objects.published().order_by("pk")


def locations() -> QuerySet[Location]:
    return Location.objects.filter(clinic__in=Clinic.objects.published()).order_by("pk")


def offerings() -> QuerySet[SearchEntry]:
    """One row per vetted practitioner, treatment and workplace at a published clinic."""
    return SearchEntry.objects.current().filter(practitioner__modalities__isnull=False)


def services() -> QuerySet:
    """Distinct {"clinic_id", "modality_id"}: each treatment each published clinic offers."""
    return (offerings()
            .values("clinic_id", modality_id=F("practitioner__modalities"))
            .distinct().order_by("clinic_id", "modality_id"))


def services_at_locations() -> QuerySet:
    """Distinct {"location_id", "modality_id", "clinic_id"}: each treatment at each location."""
    return (offerings()
            .values("location_id", "clinic_id", modality_id=F("practitioner__modalities"))
            .distinct().order_by("location_id", "modality_id"))
