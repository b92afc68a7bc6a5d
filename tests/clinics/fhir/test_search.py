"""/fhir/<type>?...: search parameters, paging, nearest first and _include."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from clinics import services
from clinics.fhir.resources import instant
from clinics.models import Credential, CredentialCheck, Specialty
from tests.clinics.fhir.conftest import ids
from tests.factories import (
    ClinicFactory,
    LocationFactory,
    PractitionerFactory,
    UserFactory,
    vetted_practitioner,
)

pytestmark = pytest.mark.django_db

AUSTIN = (30.2672, -97.7431)


def test_practitioner_name_matches_the_start_of_any_word(fhir):
    rosa = vetted_practitioner(name="Rosa Imai")
    amira = vetted_practitioner(name="Amira Rose")

    _, ros = fhir("/fhir/Practitioner", {"name": "ros"})
    _, ima = fhir("/fhir/Practitioner", {"name": "IMA"})  # not the "ira" inside Amira

    assert ids(ros) == [str(rosa.pk), str(amira.pk)]
    assert ids(ima) == [str(rosa.pk)]


def test_practitioner_family_and_given_match_their_part_of_the_name(fhir):
    rosa = vetted_practitioner(name="Rosa Imai")
    imai = vetted_practitioner(name="Imai Tanaka")

    _, family = fhir("/fhir/Practitioner", {"family": "imai"})
    _, given = fhir("/fhir/Practitioner", {"given": "imai"})

    assert ids(family) == [str(rosa.pk)]
    assert ids(given) == [str(imai.pk)]


def test_comma_means_or_and_repeated_parameter_means_and(fhir):
    rosa = vetted_practitioner(name="Rosa Imai")
    ken = vetted_practitioner(name="Ken Imai")
    vetted_practitioner(name="Lea Park")

    _, either = fhir("/fhir/Practitioner", {"given": "rosa,ken"})
    _, both = fhir("/fhir/Practitioner?given=rosa&family=imai")

    assert ids(either) == [str(rosa.pk), str(ken.pk)]
    assert ids(both) == [str(rosa.pk)]


def test_practitioner_identifier_finds_the_npi_with_or_without_system(fhir):
    npi = vetted_practitioner(npi="1234567893")
    vetted_practitioner(npi="")

    _, bare = fhir("/fhir/Practitioner", {"identifier": "1234567893"})
    _, with_system = fhir("/fhir/Practitioner",
                          {"identifier": "http://hl7.org/fhir/sid/us-npi|1234567893"})
    _, other_system = fhir("/fhir/Practitioner", {"identifier": "urn:other|1234567893"})

    assert ids(bare) == ids(with_system) == [str(npi.pk)]
    assert ids(other_system) == []


def test_id_search_finds_only_public_ids(fhir):
    shown = vetted_practitioner()
    unvetted = PractitionerFactory()

    _, body = fhir("/fhir/Practitioner", {"_id": f"{shown.pk},{unvetted.pk},nonsense"})

    assert ids(body) == [str(shown.pk)]


def test_last_updated_selects_what_changed_since(fhir):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        old = vetted_practitioner()
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        new = vetted_practitioner()

    _, since = fhir("/fhir/Practitioner", {"_lastUpdated": "ge2026-05-01"})
    _, before = fhir("/fhir/Practitioner", {"_lastUpdated": "lt2026-05-01T00:00:00Z"})
    _, that_day = fhir("/fhir/Practitioner", {"_lastUpdated": "2026-03-01"})
    _, range_ = fhir("/fhir/Practitioner?_lastUpdated=gt2026-02-28&_lastUpdated=le2026-03-01")

    assert ids(since) == [str(new.pk)]
    assert ids(before) == [str(old.pk)]
    assert ids(that_day) == [str(old.pk)]
    assert ids(range_) == [str(old.pk)]


def test_role_last_updated_counts_a_change_to_its_clinic(fhir):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        practitioner = vetted_practitioner()
    clinic = practitioner.locations.get().clinic
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)):
        clinic.phone = "512-555-0199"
        clinic.save()

    _, body = fhir("/fhir/PractitionerRole", {"_lastUpdated": "ge2026-05-01"})

    [role] = [e["resource"] for e in body["entry"]]
    assert role["practitioner"]["reference"] == f"Practitioner/{practitioner.pk}"
    assert role["meta"]["lastUpdated"] == "2026-06-01T12:00:00Z"
    assert role["telecom"][0]["value"] == "512-555-0199"


def test_count_pages_with_next_links_through_everyone_once(fhir):
    people = [vetted_practitioner() for _ in range(5)]

    seen, url, pages = [], "/fhir/Practitioner?_count=2", 0
    while url:
        _, body = fhir(url)
        seen += ids(body)
        pages += 1
        url = next((link["url"] for link in body["link"] if link["relation"] == "next"), None)

    assert seen == [str(p.pk) for p in people]
    assert pages == 3


def test_count_above_the_maximum_is_capped(fhir):
    for _ in range(3):
        vetted_practitioner()

    response, body = fhir("/fhir/Practitioner", {"_count": "100000"})

    assert response.status_code == 200
    assert len(ids(body)) == 3


def test_role_filters_by_practitioner_organization_location_and_specialty(fhir):
    pain = Specialty.objects.get(slug="chronic-pain")
    here = LocationFactory()
    rosa = vetted_practitioner(locations=[here])
    rosa.specialties.add(pain)
    other = vetted_practitioner()
    rosa_role = str(rosa.workplaces.get().pk)
    system = "http://localhost:8000/fhir/CodeSystem/specialty"

    results = {
        name: ids(fhir("/fhir/PractitionerRole", {name: value})[1]) for name, value in {
            "practitioner": f"Practitioner/{rosa.pk}",
            "organization": f"Organization/{here.clinic.pk}",
            "location": str(here.pk),
            "specialty": "chronic-pain",
            "_id": rosa_role,
        }.items()
    }
    _, with_system = fhir("/fhir/PractitionerRole", {"specialty": f"{system}|chronic-pain"})

    assert results == dict.fromkeys(results, [rosa_role])
    assert ids(with_system) == [rosa_role]
    assert str(other.workplaces.get().pk) not in ids(fhir("/fhir/PractitionerRole",
                                                          {"specialty": "chronic-pain"})[1])


def test_role_shows_specialty_accepting_as_of_and_telehealth(fhir):
    practitioner = vetted_practitioner(accepting_new_patients=True, telehealth=True,
                                       accepting_as_of=datetime.date(2026, 1, 5))
    practitioner.specialties.add(Specialty.objects.get(slug="chronic-pain"))

    _, body = fhir("/fhir/PractitionerRole")

    [role] = [e["resource"] for e in body["entry"]]
    accepting, telehealth = role["extension"]
    assert accepting["extension"] == [{"url": "accepting", "valueBoolean": True},
                                      {"url": "asOf", "valueDate": "2026-01-05"}]
    assert telehealth["valueBoolean"] is True
    assert [s["coding"][0]["code"] for s in role["specialty"]] == ["chronic-pain"]


def test_include_adds_practitioner_location_and_organization_once(fhir):
    place = LocationFactory()
    first = vetted_practitioner(locations=[place])
    second = vetted_practitioner(locations=[place])

    _, body = fhir("/fhir/PractitionerRole?_include=PractitionerRole:practitioner"
                   "&_include=PractitionerRole:location&_include=PractitionerRole:organization")

    included = [(e["resource"]["resourceType"], e["resource"]["id"])
                for e in body["entry"] if e["search"]["mode"] == "include"]
    assert included == [("Practitioner", str(first.pk)), ("Location", str(place.pk)),
                        ("Organization", str(place.clinic.pk)),
                        ("Practitioner", str(second.pk))]


def test_location_near_answers_nearest_first_within_the_distance(fhir, place_at):
    far = place_at(*AUSTIN, miles=8)
    near = place_at(*AUSTIN, miles=1)
    middle = place_at(*AUSTIN, miles=4, bearing=90)
    place_at(*AUSTIN, miles=30)  # outside 10 miles

    _, body = fhir("/fhir/Location", {"near": f"{AUSTIN[0]}|{AUSTIN[1]}|10|[mi_i]"})

    assert ids(body) == [str(near.pk), str(middle.pk), str(far.pk)]
    distances = [e["search"]["extension"][0]["valueDistance"]["value"] for e in body["entry"]]
    assert distances == pytest.approx([1.609, 6.437, 12.875], abs=0.01)


def test_location_near_pages_with_next_links(fhir, place_at):
    places = [place_at(*AUSTIN, miles=0.5 + i) for i in range(5)]
    place_at(*AUSTIN, miles=13)  # past 20 km

    seen, url = [], f"/fhir/Location?near={AUSTIN[0]}|{AUSTIN[1]}|20|km&_count=2"
    while url:
        _, body = fhir(url)
        seen += ids(body)
        url = next((link["url"] for link in body["link"] if link["relation"] == "next"), None)

    assert seen == [str(p.pk) for p in places]


def test_location_filters_by_postal_code_state_and_organization(fhir):
    austin = LocationFactory(zip_code="78704", state="TX")
    portland = LocationFactory(zip_code="97201", state="OR", city="Portland")

    _, by_zip = fhir("/fhir/Location", {"address-postalcode": "787"})
    _, by_state = fhir("/fhir/Location", {"address-state": "or"})
    _, by_org = fhir("/fhir/Location", {"organization": f"Organization/{austin.clinic.pk}"})

    assert ids(by_zip) == [str(austin.pk)]
    assert ids(by_state) == [str(portland.pk)]
    assert ids(by_org) == [str(austin.pk)]


def test_organization_filters_by_name_and_state(fhir):
    east = ClinicFactory(name="Eastside Needle Clinic")
    LocationFactory(clinic=east, state="TX")
    west = ClinicFactory(name="Westside Wellness")
    LocationFactory(clinic=west, state="OR")
    LocationFactory(clinic=west, state="OR", street="2 Other St")

    _, by_name = fhir("/fhir/Organization", {"name": "needle"})
    _, by_state = fhir("/fhir/Organization", {"address-state": "OR"})

    assert ids(by_name) == [str(east.pk)]
    assert ids(by_state) == [str(west.pk)]


def test_verification_result_target_finds_one_practitioners_checks(fhir):
    rosa = vetted_practitioner()
    vetted_practitioner()

    _, body = fhir("/fhir/VerificationResult", {"target": f"Practitioner/{rosa.pk}"})

    [result] = [e["resource"] for e in body["entry"]]
    check = rosa.credentials.get().checks.get()
    assert result["id"] == str(check.pk)
    assert result["status"] == "validated"
    assert result["primarySource"][0]["who"] == {"display": check.source}
    assert result["lastPerformed"] == instant(check.checked_at)


def test_each_check_is_a_result_and_only_the_newest_gives_the_next_check(fhir):
    credential = vetted_practitioner().credentials.get()
    first = credential.checks.get()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        lapsed = services.record_check(
            credential=credential, by=UserFactory(), outcome=CredentialCheck.Outcome.LAPSED,
            method=Credential.Method.BOARD_CONTACT, source="Texas board by phone", expires_on=None,
            note="The board said it had lapsed.")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        newest = services.record_check(
            credential=credential, by=UserFactory(), outcome=CredentialCheck.Outcome.CURRENT,
            method=Credential.Method.BOARD_WEBSITE, source="https://example.org/renewed",
            expires_on=timezone.localdate() + datetime.timedelta(days=400),
            next_check_due=timezone.localdate() + datetime.timedelta(days=200))

    _, body = fhir("/fhir/VerificationResult")

    results = {r["id"]: r for r in (e["resource"] for e in body["entry"])}
    assert set(results) == {str(first.pk), str(lapsed.pk), str(newest.pk)}
    latest = results[str(newest.pk)]
    assert latest["nextScheduled"] == newest.next_check_due.isoformat()
    assert latest["primarySource"][0]["validationStatus"]["coding"][0]["code"] == "successful"
    assert latest["meta"]["lastUpdated"] == instant(newest.created_at)
    failed = results[str(lapsed.pk)]
    assert failed["status"] == "val-fail"
    assert failed["primarySource"][0]["who"] == {"display": "Texas board by phone"}
    assert failed["primarySource"][0]["validationStatus"]["coding"][0]["code"] == "failed"
    assert "nextScheduled" not in results[str(first.pk)]
    # A check's resource changed when the next one took over the next check due.
    assert results[str(first.pk)]["meta"]["lastUpdated"] == instant(lapsed.created_at)
    assert failed["meta"]["lastUpdated"] == instant(newest.created_at)
    _, since = fhir("/fhir/VerificationResult",
                    {"_lastUpdated": f"ge{instant(lapsed.created_at)}"})
    assert set(ids(since)) == {str(first.pk), str(lapsed.pk), str(newest.pk)}


def test_a_refusal_in_the_history_shows_only_its_date(fhir):
    credential = vetted_practitioner().credentials.get()
    refused = CredentialCheck.objects.create(
        credential=credential, checked_at=timezone.now() - datetime.timedelta(days=90),
        outcome=CredentialCheck.Outcome.REJECTED, source="Board letter", note="Unreadable.")

    _, body = fhir(f"/fhir/VerificationResult/{refused.pk}")

    assert body["status"] == "val-fail"
    assert body["lastPerformed"] == instant(refused.checked_at)
    assert "primarySource" not in body and "validationType" not in body
    assert "Board letter" not in json.dumps(body)


def test_licence_expiring_today_counts_until_the_local_day_ends(fhir):
    # 23:30 in New York is already the next day in UTC; the licence still counts.
    practitioner = vetted_practitioner()
    credential = practitioner.credentials.get()
    with time_machine.travel(datetime.datetime(2026, 7, 1, 23, 30,
                                               tzinfo=timezone.get_default_timezone())):
        credential.expires_on = timezone.localdate()
        credential.save()
        _, late = fhir("/fhir/Practitioner")
    with time_machine.travel(datetime.datetime(2026, 7, 2, 0, 30,
                                               tzinfo=timezone.get_default_timezone())):
        _, after = fhir("/fhir/Practitioner")

    assert ids(late) == [str(practitioner.pk)]
    assert ids(after) == []
