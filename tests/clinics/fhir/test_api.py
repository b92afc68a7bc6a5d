"""/fhir/: reads, the CapabilityStatement, errors and HTTP headers."""

import json

import pytest

from clinics.fhir.search import TYPES
from clinics.models import Clinic, Credential
from tests.clinics.fhir.conftest import validate
from tests.conftest import verified_login
from tests.factories import (
    ClinicFactory,
    CredentialFactory,
    LocationFactory,
    PractitionerFactory,
    vetted_practitioner,
)

pytestmark = pytest.mark.django_db

# A value for each search parameter that the API must accept (200), type by type.
GOOD_VALUES = {
    "_id": "1", "_lastUpdated": "ge2020-01-01", "name": "rosa", "family": "imai",
    "given": "rosa", "identifier": "1234567893", "practitioner": "Practitioner/1",
    "organization": "Organization/1", "location": "Location/1", "specialty": "chronic-pain",
    "near": "30.27|-97.74|10|km", "address-postalcode": "787", "address-state": "TX",
    "target": "Practitioner/1",
}


def test_metadata_lists_exactly_the_types_and_parameters_served(fhir):
    response, statement = fhir("/fhir/metadata")

    assert response.status_code == 200
    listed = {r["type"]: {p["name"] for p in r["searchParam"]}
              for r in statement["rest"][0]["resource"]}
    assert listed == {
        "Practitioner": {"_id", "_lastUpdated", "name", "family", "given", "identifier"},
        "PractitionerRole": {"_id", "_lastUpdated", "practitioner", "organization", "location",
                             "specialty"},
        "Organization": {"_id", "_lastUpdated", "name", "address-state"},
        "Location": {"_id", "_lastUpdated", "near", "address-postalcode", "address-state",
                     "organization"},
        "VerificationResult": {"_id", "_lastUpdated", "target"},
    }
    roles = next(r for r in statement["rest"][0]["resource"] if r["type"] == "PractitionerRole")
    assert roles["searchInclude"] == ["PractitionerRole:practitioner",
                                      "PractitionerRole:location",
                                      "PractitionerRole:organization"]


def test_every_listed_parameter_is_accepted(fhir):
    for kind in TYPES.values():
        for param in kind.params:
            response, body = fhir(f"/fhir/{kind.name}", {param.name: GOOD_VALUES[param.name]})

            assert response.status_code == 200, (kind.name, param.name, body)
            assert body["type"] == "searchset"


def test_practitioner_read_gives_name_npi_and_verified_qualification(fhir):
    practitioner = vetted_practitioner(name="Rosa Maria Imai", post_nominals="L.Ac., DACM",
                                       npi="1234567893")
    credential = practitioner.credentials.get()

    response, body = fhir(f"/fhir/Practitioner/{practitioner.pk}")

    assert response.status_code == 200
    assert body["name"] == [{"use": "official", "text": "Rosa Maria Imai", "family": "Imai",
                             "given": ["Rosa", "Maria"], "suffix": ["L.Ac., DACM"]}]
    assert body["identifier"] == [{"system": "http://hl7.org/fhir/sid/us-npi",
                                   "value": "1234567893"}]
    [qualification] = body["qualification"]
    assert qualification["identifier"] == [{"value": credential.number}]
    assert qualification["issuer"] == {"display": credential.issuer}
    assert qualification["period"] == {"end": credential.expires_on.isoformat()}


def test_read_sets_etag_and_last_modified_and_answers_304_when_unchanged(fhir):
    practitioner = vetted_practitioner()

    response, body = fhir(f"/fhir/Practitioner/{practitioner.pk}")
    again, _ = fhir(f"/fhir/Practitioner/{practitioner.pk}",
                    HTTP_IF_NONE_MATCH=response["ETag"])

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    assert body["meta"]["lastUpdated"][:10] == practitioner.updated_at.date().isoformat()
    assert again.status_code == 304


def test_etag_changes_when_the_resource_does(fhir):
    practitioner = vetted_practitioner(name="Before")
    first, _ = fhir(f"/fhir/Practitioner/{practitioner.pk}")
    practitioner.name = "After"
    practitioner.save()

    second, body = fhir(f"/fhir/Practitioner/{practitioner.pk}",
                        HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert body["name"][0]["text"] == "After"


@pytest.mark.parametrize("path", [
    "/fhir/",
    "/fhir/Practitioner/999999",
    "/fhir/Practitioner/abc",
    "/fhir/Practitioner/99999999999999999999999999",
    "/fhir/Organization/999999",
    "/fhir/Patient",
    "/fhir/Patient/1",
    "/fhir/Practitioner/1/_history",
])
def test_unknown_type_or_id_is_a_404_operation_outcome(fhir, path):
    response, body = fhir(path)

    assert response.status_code == 404
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["severity"] == "error"


def test_unvetted_practitioner_and_unpublished_clinic_are_not_found(fhir):
    unvetted = PractitionerFactory()  # at a published clinic, but no verified licence
    draft = ClinicFactory(status=Clinic.Status.DRAFT)
    hidden = LocationFactory(clinic=draft)
    rejected = CredentialFactory(status=Credential.Status.REJECTED)

    for path in (f"/fhir/Practitioner/{unvetted.pk}", f"/fhir/Organization/{draft.pk}",
                 f"/fhir/Location/{hidden.pk}", f"/fhir/VerificationResult/{rejected.checks.get().pk}"):
        response, body = fhir(path)

        assert response.status_code == 404, path
        assert body["issue"][0]["code"] == "not-found"


@pytest.mark.parametrize("params", [
    {"bogus": "1"},
    {"name:exact": "Rosa"},
    {"_count": "many"},
    {"_count": "0"},
    {"_offset": "-1"},
    {"_lastUpdated": "yesterday"},
    {"_lastUpdated": "ap2026-01-01"},
    {"_lastUpdated": "2026-02-30"},
    {"name": "x" * 500},
    {"name": "a\x00b"},
    {"_format": "xml"},
    {"_include": "PractitionerRole:practitioner"},
])
def test_bad_parameter_is_a_400_operation_outcome(fhir, params):
    response, body = fhir("/fhir/Practitioner", params)

    assert response.status_code == 400
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == "invalid"
    assert body["issue"][0]["diagnostics"]


@pytest.mark.parametrize("near", [
    "abc", "30.2", "30.2|-97.7|10|furlongs", "91|0|10|km", "30.2|-181|10|km", "nan|0|1|km",
    "30.2|-97.7|inf|km", "30.2|-97.7|-5|km", "30.2|-97.7|500|mi", "1|2|3|km|5",
])
def test_bad_near_is_a_400(fhir, near):
    response, body = fhir("/fhir/Location", {"near": near})

    assert response.status_code == 400
    assert body["issue"][0]["diagnostics"].startswith("near")


def test_wrong_reference_type_is_a_400(fhir):
    response, body = fhir("/fhir/PractitionerRole", {"practitioner": "Organization/1"})

    assert response.status_code == 400
    assert "Practitioner" in body["issue"][0]["diagnostics"]


def test_include_other_than_listed_is_a_400(fhir):
    response, _ = fhir("/fhir/PractitionerRole", {"_include": "PractitionerRole:endpoint"})

    assert response.status_code == 400


def test_writes_are_refused_with_405(client):
    response = client.post("/fhir/Practitioner", {}, content_type="application/fhir+json")

    assert response.status_code == 405
    body = json.loads(response.content)
    validate(body)
    assert body["resourceType"] == "OperationOutcome"


def test_cache_headers_match_the_public_json_api(client, listing):
    fhir_response = client.get("/fhir/Practitioner")
    api_response = client.get("/api/practitioners/", {"near": "78704"})
    verified_login(client, listing.owner)
    fhir_signed_in = client.get("/fhir/Practitioner")
    api_signed_in = client.get("/api/practitioners/", {"near": "78704"})

    assert fhir_response.get("Cache-Control") == api_response.get("Cache-Control")
    assert fhir_signed_in.get("Cache-Control") == api_signed_in.get("Cache-Control")
    # Open data answers the same to everyone (directory/headers.py PUBLIC_DATA_PREFIXES).
    assert fhir_signed_in.content == fhir_response.content
    assert fhir_signed_in.get("Cache-Control") == fhir_response.get("Cache-Control")


def test_nearest_first_paging_stops_at_its_offset_limit(fhir):
    response, body = fhir("/fhir/Location", {"near": "30.27|-97.74|10|km", "_offset": "1001"})
    shallow, _ = fhir("/fhir/Location", {"near": "30.27|-97.74|10|km", "_offset": "1000"})

    assert response.status_code == 400
    assert "_offset" in body["issue"][0]["diagnostics"]
    assert shallow.status_code == 200
