"""The online geocoder as something that fails: offline first, one short try, a circuit
breaker, brief caching of misses, plain words when it is down, never inside a transaction.

Every test talks to a stand-in Nominatim on 127.0.0.1 (the `nominatim` fixture in
tests/clinics/conftest.py), never to the network.
"""

import datetime
import html
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from clinics import geocoding
from clinics.geocoding import GeocodingInTransaction, GeocodingUnavailable, Place, geocode
from clinics.models import Clinic, Location, Payer
from clinics.owners import services as owner_services
from tests.clinics.search.helpers import API, SEARCH
from tests.factories import ClinicFactory, UserFactory

LOOKOUT = (30.3, -97.9, "Lookout Point, Travis County, Texas, United States")
UNAVAILABLE_WORDS = "can't look up"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def memory_cache(settings):
    # A private in-memory cache whatever the run's CACHES (CI also runs on Redis): its
    # expiry follows time-machine's clock.
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-geocoder-online"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True, scope="module")
def gazetteer_built():
    # As a serving process has it: the timings below are the geocoder's, not the build's.
    geocoding._get_gazetteer()


def unavailable(query):
    with pytest.raises(GeocodingUnavailable):
        geocode(query)


# --- offline first --------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["78704", "78704-1234", "Austin, TX", "st. louis, mo",
                                   "123 Main St, Austin, TX 78704"])
def test_zip_and_city_state_are_answered_offline_without_asking_online(nominatim, query):
    place = geocode(query)

    assert place is not None and place.source == "offline"
    assert nominatim.requests == []


def test_zip_and_city_state_searches_work_while_the_online_geocoder_hangs(
        nominatim, client, db):
    nominatim.mode = "hang"

    for near in ("78704", "Austin, TX"):
        response = client.get(SEARCH, {"near": near})
        assert response.status_code == 200
        assert not response.context["search"].errors
    assert nominatim.requests == []


def test_the_online_geocoder_answers_what_the_gazetteer_cannot(nominatim):
    nominatim.places["lookout point"] = LOOKOUT

    assert geocode("Lookout Point") == Place(30.3, -97.9, LOOKOUT[2], "nominatim")
    assert nominatim.requests == ["Lookout Point"]


def test_an_online_answer_is_cached_whatever_the_case_and_spacing(nominatim):
    nominatim.places["lookout point"] = LOOKOUT

    first = geocode("Lookout Point")
    again = geocode("  lookout   POINT ")

    assert first == again
    assert nominatim.requests == ["Lookout Point"]


def test_an_overlong_query_never_reaches_the_online_geocoder(nominatim):
    assert geocode("y" * 201) is None
    assert nominatim.requests == []


# --- "not found" is cached briefly; an outage is not "not found" ---------------------------


def test_not_found_is_cached_for_five_minutes(nominatim):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC),
                             tick=False) as clock:
        assert geocode("Nowhere Special") is None
        clock.shift(datetime.timedelta(minutes=4))
        assert geocode("nowhere special") is None
        assert nominatim.requests == ["Nowhere Special"]

        clock.shift(datetime.timedelta(minutes=2))
        nominatim.places["nowhere special"] = LOOKOUT  # it was added meanwhile
        assert geocode("Nowhere Special") is not None
    assert len(nominatim.requests) == 2


def test_an_outage_is_not_remembered_as_not_found(nominatim, settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.mode = "hang"
    unavailable("Lookout Point")

    nominatim.mode = "answer"
    nominatim.places["lookout point"] = LOOKOUT
    assert geocode("Lookout Point") is not None


@pytest.mark.parametrize("status", [429, 500, 503])
def test_an_error_status_is_unavailable_not_not_found(nominatim, status):
    nominatim.mode = status

    unavailable("Lookout Point")
    assert nominatim.requests == ["Lookout Point"]  # one try, no retry


def test_a_server_that_refuses_connections_is_unavailable(nominatim, settings):
    nominatim.close()  # nothing listens on its port any more

    started = time.perf_counter()
    unavailable("Lookout Point")
    assert time.perf_counter() - started < 1


# --- a short timeout, one try -----------------------------------------------------------------


def test_a_hanging_geocoder_costs_one_request_and_the_timeout(nominatim, settings):
    settings.GEOCODER_TIMEOUT = 0.3
    nominatim.mode = "hang"

    started = time.perf_counter()
    unavailable("Lookout Point")
    elapsed = time.perf_counter() - started

    assert 0.3 <= elapsed < 1.0
    assert nominatim.requests == ["Lookout Point"]  # neither geopy nor requests retried


def test_search_page_says_plainly_that_the_lookup_is_down_within_two_seconds(
        nominatim, client, db):
    # The production timeout, against a server that never answers, in a process that
    # has served a search before (as a server has built its gazetteer before its first).
    nominatim.mode = "hang"
    client.get(SEARCH, {"near": "78704"})

    started = time.perf_counter()
    response = client.get(SEARCH, {"near": "Lookout Point"})
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert elapsed < 2.0
    [message] = response.context["search"].errors["near"]
    assert UNAVAILABLE_WORDS in message and "ZIP code" in message
    page = html.unescape(response.content.decode())
    assert "We can't look up “Lookout Point” right now" in page
    assert "couldn't find" not in page


def test_api_answers_503_with_the_message_when_the_lookup_is_down(nominatim, client, db,
                                                                  settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.mode = "hang"

    response = client.get(API, {"near": "Lookout Point"})

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    [message] = response.json()["errors"]["near"]
    assert UNAVAILABLE_WORDS in message


def test_api_keeps_400_when_the_request_itself_is_wrong_too(nominatim, client, db, settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.mode = "hang"

    response = client.get(API, {"near": "Lookout Point", "radius": "7"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"near", "radius"}


def test_api_not_found_stays_400(nominatim, client, db):
    response = client.get(API, {"near": "Nowhere Special"})

    assert response.status_code == 400
    assert "couldn't find" in response.json()["errors"]["near"][0]


# --- the circuit breaker ----------------------------------------------------------------------


def test_breaker_skips_the_geocoder_after_three_failures_until_the_cooloff_passes(
        nominatim, settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.mode = "hang"
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC),
                             tick=False) as clock:
        for n in range(3):
            unavailable(f"Lookout Point {n}")
        assert len(nominatim.requests) == 3

        started = time.perf_counter()
        for n in range(5):
            unavailable(f"Elsewhere {n}")
        assert time.perf_counter() - started < 0.2  # answered at once, no timeout
        assert len(nominatim.requests) == 3  # the server saw nothing more

        clock.shift(datetime.timedelta(seconds=59))
        unavailable("Elsewhere")
        assert len(nominatim.requests) == 3

        clock.shift(datetime.timedelta(seconds=2))  # cool-off over: one trial request
        nominatim.mode = "answer"
        nominatim.places["lookout point"] = LOOKOUT
        assert geocode("Lookout Point") is not None
        assert geocode("Elsewhere") is None  # closed again: asked, and not found
        assert nominatim.requests[3:] == ["Lookout Point", "Elsewhere"]


def test_a_failed_trial_request_opens_the_breaker_for_another_cooloff(nominatim, settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.mode = 503
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC),
                             tick=False) as clock:
        for n in range(3):
            unavailable(f"Place {n}")
        clock.shift(datetime.timedelta(seconds=61))
        unavailable("Trial")
        assert nominatim.requests[-1] == "Trial"

        clock.shift(datetime.timedelta(seconds=30))
        unavailable("Too soon")
        assert "Too soon" not in nominatim.requests


def test_a_success_resets_the_count_of_failures(nominatim, settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.places["lookout point"] = LOOKOUT
    for _ in range(3):
        nominatim.mode = 503
        unavailable("Somewhere Else")
        unavailable("Somewhere Else")
        nominatim.mode = "answer"
        cache.clear()
        assert geocode("Lookout Point") is not None
    assert nominatim.requests.count("Somewhere Else") == 6


def test_search_while_the_breaker_is_open_answers_at_once(nominatim, client, db, settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.mode = "hang"
    for n in range(3):
        client.get(SEARCH, {"near": f"Lookout Point {n}"})

    started = time.perf_counter()
    response = client.get(SEARCH, {"near": "Lookout Point"})

    assert time.perf_counter() - started < 1
    assert UNAVAILABLE_WORDS in response.context["search"].errors["near"][0]
    assert len(nominatim.requests) == 3


# --- never inside a transaction --------------------------------------------------------------


def test_geocoding_inside_a_transaction_is_refused(nominatim, db):
    with transaction.atomic(), pytest.raises(GeocodingInTransaction):
        geocode("Lookout Point")
    with transaction.atomic(), pytest.raises(GeocodingInTransaction):
        geocode("78704")  # even what the gazetteer answers: the rule is simple
    assert nominatim.requests == []


def test_geocoding_outside_a_transaction_is_allowed_in_a_test_case(db):
    # The test's own wrapping transaction does not count, as it would not in production.
    assert geocode("78704") is not None


@pytest.fixture
def online_calls(monkeypatch):
    """Each online lookup, with the database transaction open at that moment (or None)."""
    calls = []
    real = geocoding._geocode_online

    def spy(text, backend):
        calls.append((text, geocoding._open_transaction()))
        return real(text, backend)

    monkeypatch.setattr(geocoding, "_geocode_online", spy)
    return calls


def odd_address():
    # A ZIP and a city the gazetteer does not know, so only the online geocoder can place it.
    return {"street": "1 Ridge Rd", "city": "Lookout Point", "state": "TX",
            "zip_code": "99999"}


def test_creating_a_listing_geocodes_before_the_transaction(nominatim, online_calls, db):
    nominatim.places["99999"] = LOOKOUT
    owner = UserFactory()
    clinic = Clinic(name="Ridge Acupuncture", phone="512-555-0100", email="ridge@example.org")

    owner_services.create_listing(clinic=clinic, location=Location(**odd_address()),
                                  payers=Payer.objects.filter(name="Aetna"), by=owner)

    location = Clinic.objects.get(name="Ridge Acupuncture").locations.get()
    assert (location.lat, location.lng, location.geocode_source) == (30.3, -97.9, "nominatim")
    assert online_calls == [("99999", None)]
    assert nominatim.requests == ["99999"]


def test_an_owner_location_is_geocoded_before_the_transaction(nominatim, online_calls, db):
    nominatim.places["99999"] = LOOKOUT
    clinic = ClinicFactory()

    owner_services.save_owner_location(location=Location(clinic=clinic, **odd_address()),
                                       by=UserFactory())

    assert clinic.locations.get().geocode_source == "nominatim"
    assert online_calls == [("99999", None)]


def test_an_unplaceable_listing_while_the_geocoder_is_down_saves_nothing(nominatim, client, db,
                                                                         settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.mode = "hang"
    client.force_login(UserFactory())
    data = {"clinic-name": "Ridge Acupuncture", "clinic-phone": "512-555-0100",
            "clinic-email": "ridge@example.org",
            **{f"location-{name}": value for name, value in odd_address().items()}}

    response = client.post(reverse("owners:clinic-create"), data)

    assert response.status_code == 200
    assert "couldn't check this address just now" in response.content.decode().replace(
        "&#x27;", "'")
    assert not Clinic.objects.exists()


def test_admin_looks_addresses_up_before_its_transaction(nominatim, online_calls,
                                                         staff_client):
    nominatim.places["99999"] = LOOKOUT
    data = {
        "name": "Ridge Clinic", "slug": "ridge-clinic", "status": "draft",
        "locations-TOTAL_FORMS": "1", "locations-INITIAL_FORMS": "0",
        **{f"locations-0-{name}": value for name, value in odd_address().items()},
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
    }

    response = staff_client.post(reverse("admin:clinics_clinic_add"), data)

    assert response.status_code == 302
    location = Clinic.objects.get(slug="ridge-clinic").locations.get()
    assert location.geocode_source == "nominatim"
    assert online_calls == [("99999", None)]  # once, before the admin's transaction


def test_admin_says_when_the_geocoder_is_down(nominatim, staff_client, settings):
    settings.GEOCODER_TIMEOUT = 0.2
    nominatim.mode = "hang"
    clinic = ClinicFactory()
    data = {"clinic": clinic.pk, "label": "", **odd_address()}

    response = staff_client.post(reverse("admin:clinics_location_add"), data)

    assert response.status_code == 200
    assert "couldn't check this address just now" in response.content.decode().replace(
        "&#x27;", "'")
    assert len(nominatim.requests) == 2  # the ZIP, then the city: each once


# --- the gazetteer is built when a server starts, not by the first search --------------------


def test_serving_processes_build_the_gazetteer_at_start_and_commands_do_not():
    script = (
        "import django; django.setup();"
        "from clinics import geocoding;"
        "print(geocoding._gazetteer is None);"
        "import directory.wsgi;"
        "print(geocoding._gazetteer is not None)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
           "DATABASE_URL": "sqlite://:memory:"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, timeout=120)

    assert result.stdout.split() == ["True", "True"], result.stderr
