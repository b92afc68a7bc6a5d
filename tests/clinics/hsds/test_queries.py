"""The HSDS services read the search index; these check it against Practitioner.vetted()."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from clinics.hsds import queries
from clinics.models import Credential, Modality, Practitioner, PractitionerLocation
from tests.factories import CredentialFactory, LocationFactory, PractitionerFactory

LOCAL_DAY = datetime.date(2026, 6, 15)


def pairs_from_vetted() -> list[tuple[int, int]]:
    """(clinic, treatment) for every vetted practitioner's workplace at a published clinic."""
    workplaces = PractitionerLocation.objects.at_published_clinic().filter(
        practitioner__in=Practitioner.objects.vetted()).select_related("location")
    treatments = {p.pk: [m.pk for m in p.modalities.all()]
                  for p in Practitioner.objects.prefetch_related("modalities")}
    return sorted({(w.location.clinic_id, modality) for w in workplaces
                   for modality in treatments[w.practitioner_id]})


def service_pairs() -> list[tuple[int, int]]:
    return [(row["clinic_id"], row["modality_id"]) for row in queries.services()]


def test_services_are_the_vetted_practitioners_treatments(directory):
    assert service_pairs() == pairs_from_vetted()
    assert len(service_pairs()) == 3


def test_services_follow_a_licence_rejected_and_a_treatment_added(directory):
    cupping_holder = Practitioner.objects.get(workplaces__location=directory.hidden,
                                              modalities__slug="cupping")
    credential = cupping_holder.credentials.get()
    credential.status = Credential.Status.REJECTED
    credential.save()
    south = Practitioner.objects.vetted().get(workplaces__location=directory.south)
    south.modalities.add(directory.modality["tui-na"])

    assert service_pairs() == pairs_from_vetted()
    assert (directory.clinic.pk, directory.modality["cupping"].pk) not in service_pairs()
    assert (directory.clinic.pk, directory.modality["tui-na"].pk) in service_pairs()


@pytest.mark.parametrize("clock", [datetime.time(23, 30), datetime.time(0, 30)],
                         ids=["23:30 local", "00:30 local"])
def test_licence_counts_through_its_last_local_day(db, clock):
    moment = datetime.datetime.combine(LOCAL_DAY, clock, tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=False):
        location = LocationFactory()
        practitioner = PractitionerFactory(locations=[location])
        practitioner.modalities.set([Modality.objects.get(slug="acupuncture")])
        credential = CredentialFactory(practitioner=practitioner, expires_on=LOCAL_DAY)
        on_the_day = service_pairs()
        credential.expires_on = LOCAL_DAY - datetime.timedelta(days=1)
        credential.save()
        after_it = service_pairs()

    assert on_the_day == [
        (location.clinic_id, Modality.objects.get(slug="acupuncture").pk)]
    assert after_it == []
