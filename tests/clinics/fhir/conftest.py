import json

import pytest
from fhir.resources.R4B import get_fhir_model_class

from clinics.fhir.views import CONTENT_TYPE


def validate(body: dict) -> None:
    """Parse a resource (and every resource in a Bundle) with fhir.resources' R4B models;
    a validation error fails the test."""
    get_fhir_model_class(body["resourceType"]).model_validate(body)
    for entry in body.get("entry", []):
        validate(entry["resource"])


@pytest.fixture
def fhir(client):
    """GET a /fhir/ URL; returns (response, parsed and validated body)."""

    def get(path, params=None, **headers):
        response = client.get(path, params or {}, **headers)
        if response.status_code == 304:
            return response, None
        assert response["Content-Type"] == CONTENT_TYPE, response["Content-Type"]
        body = json.loads(response.content)
        validate(body)
        return response, body

    return get


def ids(bundle: dict, mode: str = "match") -> list[str]:
    return [e["resource"]["id"] for e in bundle["entry"] if e["search"]["mode"] == mode]
