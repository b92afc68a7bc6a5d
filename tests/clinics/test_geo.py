"""Circle.bounding_bands must cover its circle for every centre on the sphere."""

import math

import pytest
from geopy.distance import great_circle
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clinics import geo
from clinics.search import RADIUS_CHOICES
from clinics.search.paginator import RING_FRACTIONS

# Every circle a search can ask bounding_bands about: each radius choice, and each ring.
RADIUS_MILES = tuple(miles for miles, _ in RADIUS_CHOICES)
RADII = [miles * fraction for miles in RADIUS_MILES for fraction in RING_FRACTIONS]
SETTINGS = settings(max_examples=300, deadline=None)

lats = st.floats(-90, 90)
lngs = st.floats(-180, 180)
radii = st.sampled_from(RADII)


def normalised_lng(lng: float) -> float:
    """`lng` in [-180, 180]."""
    lng = math.fmod(lng + 180.0, 360.0)
    return (lng + 360.0 if lng < 0 else lng) - 180.0


def covers(box: tuple[list[int], float, float], lat: float, lng: float) -> bool:
    bands, west, east = box
    return geo.lat_band(lat) in bands and west <= lng <= east


@pytest.mark.parametrize("lat", [90.0, -90.0, 89.999, -89.999])
@pytest.mark.parametrize("miles", RADII)
def test_bounding_bands_near_pole_covers_pole(lat, miles):
    box = geo.Circle(lat, 0.0, miles).bounding_bands()

    assert covers(box, math.copysign(90.0, lat), 0.0)
    assert covers(box, math.copysign(90.0, lat), 180.0)
    assert covers(box, math.copysign(90.0, lat), -180.0)


@pytest.mark.parametrize("lat", [90.0, -90.0, 89.999, -89.999])
def test_bounding_bands_near_pole_covers_every_longitude(lat):
    _, west, east = geo.Circle(lat, 0.0, 5).bounding_bands()

    assert (west, east) == (-180.0, 180.0)


@pytest.mark.parametrize("lng", [179.9, -179.9, 180.0, -180.0])
def test_bounding_bands_across_antimeridian_covers_every_longitude(lng):
    _, west, east = geo.Circle(51.0, lng, 100).bounding_bands()

    assert (west, east) == (-180.0, 180.0)


def test_bounding_bands_in_austin_returns_tight_box():
    lat, lng, miles = 30.2428, -97.7658, 25
    delta = miles / geo.EARTH_RADIUS_MI
    dlat = math.degrees(delta)
    dlng = math.degrees(math.asin(math.sin(delta) / math.cos(math.radians(lat))))

    bands, west, east = geo.Circle(lat, lng, miles).bounding_bands()

    assert bands == list(range(geo.lat_band(lat - dlat), geo.lat_band(lat + dlat) + 1))
    assert math.isclose(west, lng - dlng, abs_tol=1e-6)
    assert math.isclose(east, lng + dlng, abs_tol=1e-6)


@SETTINGS
@given(lat=lats, lng=lngs, miles=radii)
@example(lat=90.0, lng=0.0, miles=5 / 32)
@example(lat=-90.0, lng=0.0, miles=5 / 32)
@example(lat=89.999, lng=0.0, miles=5 / 32)
@example(lat=-89.999, lng=0.0, miles=100)
@example(lat=0.0, lng=180.0, miles=5 / 32)
@example(lat=0.0, lng=-180.0, miles=100)
@example(lat=0.0, lng=0.0, miles=100)
def test_bounding_bands_any_centre_returns_box(lat, lng, miles):
    bands, west, east = geo.Circle(lat, lng, miles).bounding_bands()

    assert bands == sorted(set(bands)) and bands
    assert -180.0 <= west <= lng <= east <= 180.0


@SETTINGS
@given(lat=lats, lng=lngs, miles=radii, bearing=st.floats(0, 360),
       fraction=st.floats(0, 1))
@example(lat=90.0, lng=0.0, miles=5 / 32, bearing=90.0, fraction=1.0)
@example(lat=-90.0, lng=0.0, miles=100, bearing=0.0, fraction=1.0)
@example(lat=89.999, lng=0.0, miles=5 / 32, bearing=180.0, fraction=1.0)
@example(lat=-89.999, lng=0.0, miles=5 / 32, bearing=0.0, fraction=1.0)
@example(lat=0.0, lng=180.0, miles=100, bearing=90.0, fraction=1.0)
@example(lat=0.0, lng=-180.0, miles=100, bearing=270.0, fraction=1.0)
@example(lat=0.0, lng=179.9, miles=100, bearing=90.0, fraction=1.0)
@example(lat=0.0, lng=0.0, miles=5 / 32, bearing=90.0, fraction=1.0)
@example(lat=0.0, lng=0.0, miles=5 / 32, bearing=0.0, fraction=1.0)
@example(lat=88.9, lng=0.0, miles=5 / 32, bearing=90.0, fraction=1.0)
def test_bounding_bands_any_point_within_radius_is_covered(lat, lng, miles, bearing, fraction):
    box = geo.Circle(lat, lng, miles).bounding_bands()
    distance = miles * (1 - 1e-9) * fraction
    point = great_circle(miles=distance).destination((lat, lng), bearing)

    assert covers(box, point.latitude, normalised_lng(point.longitude))


@SETTINGS
@given(miles=radii | st.floats(0, 100))
@example(miles=0.0)
@example(miles=100.0)
def test_miles_for_chord_squared_of_chord_squared_for_returns_miles(miles):
    result = geo.miles_for_chord_squared(geo.chord_squared_for(miles))

    assert math.isclose(result, miles, rel_tol=1e-9, abs_tol=1e-9)
