"""No N+1: each endpoint makes the same number of queries for a page of 1 and of 20."""

import pytest

from clinics.models import Language, Specialty
from tests.clinics.fhir.conftest import ids
from tests.factories import CredentialFactory, vetted_practitioner

pytestmark = pytest.mark.django_db

ALL_INCLUDES = ("_include=PractitionerRole:practitioner&_include=PractitionerRole:location"
                "&_include=PractitionerRole:organization")

# (URL, queries): the page's rows, then one query per prefetched relation.
ENDPOINTS = [
    ("/fhir/Practitioner", 3),  # practitioners, languages, credentials shown as verified
    ("/fhir/PractitionerRole", 2),  # roles with practitioner/location/clinic, specialties
    (f"/fhir/PractitionerRole?{ALL_INCLUDES}", 5),  # + languages, credentials, clinic locations
    ("/fhir/Organization", 2),  # clinics, their locations
    ("/fhir/Location", 1),  # locations with their clinic
    ("/fhir/Location?near=30.2428|-97.7658|50|km", 2),  # nearest ids, then their rows
    ("/fhir/VerificationResult", 1),
]


def make_directory(n):
    languages = list(Language.objects.all()[:2])
    specialties = list(Specialty.objects.all()[:2])
    for _ in range(n):
        practitioner = vetted_practitioner()
        practitioner.languages.set(languages)
        practitioner.specialties.set(specialties)
        CredentialFactory(practitioner=practitioner, kind="nccaom_ac", jurisdiction="")


@pytest.mark.parametrize(("url", "queries"), ENDPOINTS)
@pytest.mark.parametrize("n", [1, 20])
def test_page_costs_the_same_queries_for_1_and_20_results(fhir, django_assert_num_queries,
                                                          url, queries, n):
    make_directory(n)
    sep = "&" if "?" in url else "?"

    with django_assert_num_queries(queries):
        response, body = fhir(f"{url}{sep}_count=20")

    assert response.status_code == 200
    expected = min(2 * n, 20) if "VerificationResult" in url else n  # two checks each
    assert len(ids(body)) == expected


@pytest.mark.parametrize("n", [1, 20])
def test_practitioner_read_costs_three_queries(fhir, django_assert_num_queries, n):
    make_directory(n)
    practitioner = vetted_practitioner()

    with django_assert_num_queries(3):
        response, _ = fhir(f"/fhir/Practitioner/{practitioner.pk}")

    assert response.status_code == 200
