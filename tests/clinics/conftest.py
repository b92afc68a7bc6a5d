import pytest
from geopy.distance import great_circle

from clinics import geocoding
from tests.factories import ClinicFactory, LocationFactory, PractitionerFactory


@pytest.fixture
def place_at():
    """A published location `miles` from (lat, lng) on `bearing`, with real geometry."""

    def make(lat, lng, miles=0.0, bearing=0.0, clinic=None, **kwargs):
        point = great_circle(miles=miles).destination((lat, lng), bearing)
        return LocationFactory(clinic=clinic or ClinicFactory(**kwargs), lat=point.latitude,
                               lng=point.longitude)

    return make


@pytest.fixture
def zip_point():
    def lookup(zip_code):
        place = geocoding.geocode(zip_code)
        return place.lat, place.lng

    return lookup


@pytest.fixture
def practitioner_at():
    from tests.factories import CredentialFactory

    def make(location, **kwargs):
        practitioner = PractitionerFactory(locations=[location], **kwargs)
        CredentialFactory(practitioner=practitioner)
        return practitioner

    return make
