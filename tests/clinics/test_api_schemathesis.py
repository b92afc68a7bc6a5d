"""schemathesis against /api/v1/openapi.json: generated requests to every operation of the
document, through the site's own WSGI application (middleware included), each answer
checked against the document: no server error, a documented status and content type, and a
body that fits the documented schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from clinics.models import Payer
from tests.clinics.search.helpers import AUSTIN
from tests.factories import treats

pytestmark = pytest.mark.django_db

DOCUMENT = "/api/v1/openapi.json"
GENERATED = 1000  # requests per operation, at least, as issue #13 asks
NEGATIVE = 200  # invalid requests per operation, on top


@pytest.fixture
def wsgi_app():
    """The site's WSGI application, on the test's database connection and transaction.

    Django's request signals would close the connection at the end of each request, and
    with it the test's transaction; its test client disconnects them for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def directory(place_at, practitioner_at):
    """Practitioners around Austin with the flags and terms the filters look for, so the
    requests below that name Austin get results to check."""
    aetna = Payer.objects.get(slug="aetna")
    for i in range(25):
        practitioner = practitioner_at(
            place_at(*AUSTIN, miles=i * 0.7, bearing=i * 31), accepting_new_patients=i % 2 == 0,
            telehealth=i % 3 == 0)
        treats(practitioner, "fibromyalgia" if i % 3 else "lupus")
        if i % 4 == 0:
            practitioner.locations.get().clinic.payers.add(aetna)


@pytest.fixture
def api_schema(wsgi_app, directory):
    return schemathesis.openapi.from_wsgi(DOCUMENT, wsgi_app)


def operations(api_schema):
    found = [result.ok() for result in api_schema.get_all_operations()]
    assert found, "the document lists no operation"
    return found


def send_generated(operation, mode, examples, excluded_checks):
    """Send `examples` generated requests to the operation, validating each answer;
    returns each request's query and the answer's status code."""
    sent: list[tuple[dict, int]] = []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(mode))
    def check(case):
        response = case.call_and_validate(excluded_checks=excluded_checks)
        sent.append((dict(case.query or {}), response.status_code))

    check()
    return sent


def test_generated_requests_get_no_server_error_and_fit_the_document(api_schema):
    """Every check but one: a request can fit the document and still be refused with a
    documented 400, for rules OpenAPI 3.0 parameters cannot state (lat without lng, a place
    or a condition the directory does not know)."""
    for operation in operations(api_schema):
        sent = send_generated(operation, GenerationMode.POSITIVE, GENERATED,
                              [positive_data_acceptance])

        assert len(sent) >= GENERATED, (operation.label, len(sent))
        documented = {parameter.name for parameter in operation.query}
        used = {name for query, _ in sent for name in query}
        assert used == documented, (operation.label, documented - used)
        assert {status for _, status in sent} == {200, 400}


def test_invalid_requests_get_a_documented_400_not_a_server_error(api_schema):
    """Invalid values (a string for lat, a radius off the list, an over-long place) are
    refused with the documented error body. Checkboxes and the page number are lenient
    by design (the search page's form sends `accepting=1`, and a bad page number means
    the first page), so a request that breaks only those may still answer 200: the check
    that every invalid request is refused is left out."""
    for operation in operations(api_schema):
        sent = send_generated(operation, GenerationMode.NEGATIVE, NEGATIVE,
                              [negative_data_rejection])

        statuses = [status for _, status in sent]
        assert len(statuses) >= NEGATIVE
        assert statuses.count(400) > len(statuses) // 2  # most invalid requests are refused


@pytest.mark.parametrize("query", [
    {"near": "78704"},
    {"near": "78704", "page": 2},
    {"near": "Austin, TX", "condition": "fibromyalgia", "sort": "match", "accepting": True},
    {"lat": AUSTIN[0], "lng": AUSTIN[1], "radius": 5, "payer": "aetna", "telehealth": True},
    {"near": "78704", "page": 99},
])
def test_searches_with_results_fit_the_document(api_schema, query):
    operation = api_schema["/api/v1/practitioners/"]["GET"]
    case = operation.Case(query=query)

    response = case.call_and_validate()

    assert response.status_code == 200
    assert response.json()["results"], query
