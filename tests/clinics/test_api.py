"""The versioned JSON API, its unversioned alias and its OpenAPI document."""

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema

from clinics import vocabulary
from clinics.models import Payer
from clinics.search.form import PractitionerSearch
from tests.clinics.search.helpers import AUSTIN
from tests.clinics.search.test_paginator import shared_cache_in_database
from tests.factories import treats

pytestmark = pytest.mark.django_db

V1 = "/api/v1/practitioners/"
ALIAS = "/api/practitioners/"
DOCUMENT = "/api/v1/openapi.json"


def operation(client) -> dict:
    return client.get(DOCUMENT).json()["paths"][V1]["get"]


def test_api_url_names_point_at_the_versioned_path():
    assert (reverse("api:practitioners"), reverse("api:openapi")) == (V1,
                                                                                     DOCUMENT)


def test_unversioned_alias_answers_as_v1_does(client, place_at, practitioner_at):
    for i in range(45):
        practitioner_at(place_at(*AUSTIN, miles=0.1 + i * 0.2, bearing=i * 7))
    versioned = client.get(V1, {"near": "78704", "page": "2"})
    aliased = client.get(ALIAS, {"near": "78704", "page": "2"})

    assert (versioned.status_code, aliased.status_code) == (200, 200)
    v1_body, alias_body = versioned.json(), aliased.json()
    assert alias_body["results"] == v1_body["results"]
    assert alias_body["count"] == v1_body["count"] == 45
    # Each address links to its own next page.
    assert v1_body["next"] == "http://testserver/api/v1/practitioners/?near=78704&page=3"
    assert alias_body["next"] == "http://testserver/api/practitioners/?near=78704&page=3"


def test_alias_errors_as_v1_does(client):
    versioned = client.get(V1, {"radius": "7"})
    aliased = client.get(ALIAS, {"radius": "7"})

    assert (versioned.status_code, aliased.status_code) == (400, 400)
    assert aliased.json() == versioned.json() == {"errors": {"radius": [
        "Select a valid choice. 7 is not one of the available choices."]}}


def test_api_answers_json_to_a_browser_accept_header(client):
    response = client.get(V1, {"near": "78704"}, HTTP_ACCEPT="text/html,application/xhtml+xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["results"] == []


def test_api_ignores_a_session_and_needs_no_csrf(client, django_user_model):
    user = django_user_model.objects.create_user("someone@example.org", password="pw-12345678")
    client.force_login(user)

    response = client.get(V1, {"near": "78704"})

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_api_refuses_writes(client):
    response = client.post(V1, {"near": "78704"})

    assert response.status_code == 405


@pytest.mark.parametrize("count", [1, 20])
def test_api_query_count_is_fixed(client, django_assert_num_queries, place_at,
                                  practitioner_at, count):
    aetna = Payer.objects.get(slug="aetna")
    for i in range(count):
        practitioner = practitioner_at(place_at(*AUSTIN, miles=i * 0.3, bearing=i * 17))
        treats(practitioner, "fibromyalgia")
        practitioner.locations.get().clinic.payers.add(aetna)
    vocabulary.get()  # warm, as in a running site

    # As the search page: the vocabulary's version token (database cache only), the probe,
    # the ordered rows and the page's rows.
    with django_assert_num_queries(3 + shared_cache_in_database()):
        response = client.get(V1, {"near": "78704", "condition": "fibromyalgia",
                                   "accepting": "1", "payer": "aetna", "sort": "match"})

    assert len(response.json()["results"]) == count


def test_openapi_document_is_valid_openapi_3(client):
    response = client.get(DOCUMENT)

    assert response.status_code == 200
    document = response.json()
    validate_schema(document)  # raises on any departure from the OpenAPI 3.0 schema
    assert document["openapi"].startswith("3.")
    assert list(document["paths"]) == [V1]  # the alias is not a second API


def test_openapi_parameters_are_the_filtersets_and_the_page(client):
    names = {parameter["name"] for parameter in operation(client)["parameters"]}

    assert names == {*PractitionerSearch.base_filters, "page"}


def test_openapi_parameter_schemas_come_from_the_form_fields(client):
    schemas = {p["name"]: p["schema"] for p in operation(client)["parameters"]}

    assert schemas["lat"] == {"type": "number", "minimum": -90.0, "maximum": 90.0}
    assert schemas["radius"] == {"type": "integer", "enum": [5, 10, 25, 50, 100]}
    assert schemas["near"] == {"type": "string", "maxLength": 200}
    assert schemas["accepting"] == {"type": "boolean"}
    assert schemas["sort"] == {"type": "string", "enum": ["distance", "match"]}
    assert schemas["page"] == {"type": "integer", "minimum": 1}


def test_openapi_vocabulary_parameters_list_the_current_terms(client):
    schemas = {p["name"]: p["schema"] for p in operation(client)["parameters"]}

    assert schemas["payer"]["enum"] == list(vocabulary.get().payers)
    assert "aetna" in schemas["payer"]["enum"]


def test_openapi_result_schema_names_every_field_the_api_gives(client, place_at,
                                                               practitioner_at):
    practitioner_at(place_at(*AUSTIN, miles=1))
    [result] = client.get(V1, {"near": "78704"}).json()["results"]
    page_schema = operation(client)["responses"]["200"]["content"]["application/json"]["schema"]
    result_schema = page_schema["properties"]["results"]["items"]

    assert set(result_schema["properties"]) == set(result)
    assert result_schema["additionalProperties"] is False


def test_openapi_documents_the_error_responses(client):
    responses = operation(client)["responses"]

    assert set(responses) == {"200", "400", "503"}
    error = responses["400"]["content"]["application/json"]["schema"]
    assert error["required"] == ["errors"]
    assert responses["503"]["content"]["application/json"]["schema"] == error
    assert responses["503"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}


def test_openapi_document_is_json_whatever_the_accept_header(client):
    response = client.get(DOCUMENT, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
