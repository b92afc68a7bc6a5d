"""Tests for clinics.geocoding. Offline only: nothing here may touch the network."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from clinics import geocoding
from clinics.geocoding import (
    OfflineGeocoder,
    Place,
    geocode,
    geocode_address,
    get_geocoder,
    zip_centroids,
)


@pytest.fixture(autouse=True)
def offline_cache(settings):
    # Pin the backend and a private in-memory cache so results never depend on
    # the project's own cache configuration or on other tests.
    settings.GEOCODER = "offline"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-geocoding",
        }
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def count_calls(monkeypatch):
    """Wrap the gazetteer's geocode() and return the list of queries it saw."""
    geocoder = geocoding._offline
    real = geocoder.geocode
    calls: list[str] = []

    def counting(query, **kwargs):
        calls.append(query)
        return real(query, **kwargs)

    monkeypatch.setattr(geocoder, "geocode", counting)
    return calls


def _point(query):
    place = geocode(query)
    assert place is not None, query
    return (place.lat, place.lng)


# --- OfflineGeocoder ------------------------------------------------------


def test_offline_geocoder_is_geopy_geocoder_returns_location():
    location = OfflineGeocoder().geocode("78704")
    assert isinstance(location, Location)
    assert location.address == "Austin, TX 78704"
    assert location.latitude == pytest.approx(30.24, abs=0.01)
    assert location.longitude == pytest.approx(-97.77, abs=0.01)


def test_offline_geocoder_zip_raw_has_source_fields():
    location = OfflineGeocoder().geocode("78704")
    assert location.raw == {
        "source": "offline",
        "zip": "78704",
        "city": "Austin",
        "state": "TX",
    }


def test_offline_geocoder_city_raw_has_no_zip():
    location = OfflineGeocoder().geocode("st. louis, mo")
    assert location.address == "Saint Louis, MO"
    assert location.raw == {
        "source": "offline",
        "zip": None,
        "city": "Saint Louis",
        "state": "MO",
    }


def test_offline_geocoder_exactly_one_false_returns_list():
    locations = OfflineGeocoder().geocode("78704", exactly_one=False)
    assert isinstance(locations, list)
    assert [loc.address for loc in locations] == ["Austin, TX 78704"]


def test_offline_geocoder_overlong_input_returns_none_even_with_valid_zip():
    assert OfflineGeocoder().geocode("a" * 200 + " 78704") is None


def test_offline_geocoder_non_string_returns_none():
    assert OfflineGeocoder().geocode(78704) is None


# --- geocode(): accepted forms --------------------------------------------


def test_geocode_zip_known_returns_austin_place():
    place = geocode("78704")
    assert place == Place(
        lat=30.2428, lng=-97.7658, label="Austin, TX 78704", source="offline"
    )
    assert place.lat == pytest.approx(30.24, abs=0.01)


@pytest.mark.parametrize("query", ["78704-1234", "787041234", "  78704-1234  "])
def test_geocode_zip_plus_four_returns_same_as_zip(query):
    assert geocode(query) == geocode("78704")


def test_geocode_full_address_trailing_zip_resolves_by_zip():
    place = geocode("123 Main St, Austin, TX 78704")
    assert place is not None
    assert place.label == "Austin, TX 78704"


def test_geocode_address_unknown_zip_falls_back_to_city():
    place = geocode("Austin, TX 99999")
    assert place is not None
    assert place.label == "Austin, TX"


@pytest.mark.parametrize(
    "query",
    [
        "Austin, TX",
        "Austin TX",
        "Austin, Texas",
        "austin texas",
        "  AUSTIN ,   tx  ",
        "Austin, TX, USA",
    ],
)
def test_geocode_city_state_forms_resolve_same_point(query):
    place = geocode(query)
    assert place is not None
    assert place.label == "Austin, TX"
    assert (place.lat, place.lng) == _point("Austin, TX")
    # A city centroid lies near, not on, any single ZIP centroid.
    assert place.lat == pytest.approx(30.3, abs=0.2)


def test_geocode_multiword_state_name_without_comma_resolves():
    assert geocode("Santa Fe New Mexico").label == "Santa Fe, NM"
    assert geocode("Charleston West Virginia").label == "Charleston, WV"


@pytest.mark.parametrize(
    "queries",
    [
        ["st. louis, mo", "Saint Louis MO", "ST LOUIS, Missouri", "saint   louis,mo"],
        ["ft worth tx", "FORT WORTH, TX", "Ft. Worth, Texas", "fort worth texas"],
        ["Mt. Vernon, NY", "mount vernon ny", "MT VERNON NY"],
    ],
)
def test_geocode_saint_fort_mount_aliases_resolve_same_coordinates(queries):
    points = {_point(q) for q in queries}
    assert len(points) == 1


def test_geocode_state_abbreviation_mt_is_montana_not_mount():
    assert geocode("Whitefish MT").label == "Whitefish, MT"


# --- geocode(): misses ----------------------------------------------------


def test_geocode_misspelt_city_returns_none():
    assert geocode("Springfeld, IL") is None


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "Austin, TX " * 30,  # over the length limit even though it looks plausible
        "🏥🩺💉",
        "00000",
        "99999",
        "1234",
        "Austin",
        "TX",
        ",,,",
        "Austin, ZZ",
        "\x00\n\t",
        "'; DROP TABLE clinics; --",
    ],
)
def test_geocode_garbage_input_returns_none(query):
    assert geocode(query) is None


# --- caching ----------------------------------------------------------------
# The gazetteer answers from memory, as fast as a cache would, so its answers are not
# cached; the online geocoder's are (tests/clinics/test_geocoder_online.py).


def test_geocode_offline_answers_are_not_cached(count_calls):
    assert geocode("78704") == geocode("78704")
    assert geocode("Springfeld, IL") is None
    assert count_calls == ["78704", "78704", "Springfeld, IL"]
    assert cache.get(geocoding._cache_key("78704", "offline")) is None


def test_geocode_overlong_input_never_reaches_geocoder(count_calls):
    assert geocode("y" * 201) is None
    assert count_calls == []


# --- get_geocoder() -------------------------------------------------------


def test_get_geocoder_default_offline_returns_shared_instance(settings):
    del settings.GEOCODER
    assert isinstance(get_geocoder(), OfflineGeocoder)
    assert get_geocoder() is get_geocoder()


def test_get_geocoder_nominatim_is_rate_limited_without_retries_or_network(settings):
    # Constructing the client is offline; it is never asked anything here.
    settings.GEOCODER = "nominatim"
    settings.GEOCODER_USER_AGENT = "clinic-directory-tests"
    geocoder = get_geocoder()
    assert isinstance(geocoder, Nominatim)
    assert isinstance(geocoder.geocode, RateLimiter)
    assert geocoder.geocode.min_delay_seconds == 1
    # One try per request: neither the limiter nor the HTTP adapter retries.
    assert geocoder.geocode.max_retries == 0
    assert geocoder.adapter.session.get_adapter("https://x").max_retries.total == 0
    assert geocoder.timeout == 1.5


def test_get_geocoder_unknown_backend_raises(settings):
    settings.GEOCODER = "carrier-pigeon"
    with pytest.raises(ImproperlyConfigured):
        get_geocoder()


# --- helpers --------------------------------------------------------------


def test_geocode_address_zip_first_returns_zip_place():
    place = geocode_address(
        street="1 Congress Ave", city="Dallas", state="TX", zip_code="78704-0001"
    )
    assert place.label == "Austin, TX 78704"


def test_geocode_address_missing_zip_falls_back_to_city():
    place = geocode_address(
        street="1 Congress Ave", city="Austin", state="Texas", zip_code=""
    )
    assert place.label == "Austin, TX"


def test_geocode_address_unknown_everything_returns_none():
    assert (
        geocode_address(street="", city="Nowhereville", state="ZZ", zip_code="00000")
        is None
    )


def test_zip_centroids_only_active_standard_zips_with_coordinates():
    rows = zip_centroids()
    by_zip = {row[0]: row for row in rows}
    assert by_zip["78704"] == ("78704", 30.2428, -97.7658, "Austin", "TX")
    assert "00501" not in by_zip  # a UNIQUE (single-organisation) ZIP
    assert len(rows) > 25_000
    assert all(lat and lng for _, lat, lng, _, _ in rows)
    assert [row[0] for row in rows] == sorted(by_zip)


def test_zip_centroids_returns_copy():
    zip_centroids().clear()
    assert zip_centroids()


def test_gazetteer_built_once():
    assert geocoding._get_gazetteer() is geocoding._get_gazetteer()


def test_wsgi_app_builds_the_gazetteer_before_its_first_request():
    # Regression: the first search in each gunicorn worker built it, and on a busy host ran
    # past the worker timeout, so the worker was killed mid-request (a 500; bench/fuzz.py).
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import directory.wsgi; from clinics import geocoding; "
                               "print(geocoding._gazetteer is not None)"],
        cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
        check=False,
    )

    assert result.stdout.strip() == "True", result.stderr
