"""Spherical geometry for radius search, in arithmetic any database can index and evaluate.

Each location stores its point as a unit vector (x, y, z). The straight-line (chord) distance
between two unit vectors grows monotonically with the great-circle distance, so "within r
miles" is exactly "chord² <= chord_for(r)²": a test of three subtractions and squares, with
no trigonometry in SQL. SQLite and PostgreSQL evaluate it the same way and it agrees with
geopy's great_circle (same earth radius) to floating-point precision.

Rows are found through a B-tree on (lat_band, lng): a band is a strip of latitude
BAND_DEGREES tall, so a circle is covered by a handful of (band, lng range) index ranges and
the cost is O(log N + rows in the ranges), not a scan. Longitudes are not wrapped at ±180°:
a circle that crosses the antimeridian or comes near a pole is searched at every longitude
in its bands, which is correct and only slower, and happens near no US location except the
far Aleutians.
"""

import math
from dataclasses import dataclass
from functools import cached_property

from geopy.distance import EARTH_RADIUS as EARTH_RADIUS_KM

EARTH_RADIUS_MI = EARTH_RADIUS_KM / 1.609344
BAND_DEGREES = 0.05  # about 3.5 miles of latitude
# A circle reaching beyond this latitude is searched at every longitude (see Circle._bands).
POLAR_LATITUDE = 89.0
# A hair of slack on each edge of the box (about a centimetre), so a point exactly on the
# circle's edge is never lost to rounding. A wider box costs nothing: the chord test decides.
EDGE_SLACK_DEGREES = 1e-7


def unit_vector(lat: float, lng: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lng)
    return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))


def lat_band(lat: float) -> int:
    return math.floor(lat / BAND_DEGREES)


def chord_squared_for(miles: float) -> float:
    """The squared chord length of a great-circle arc of `miles` on the unit sphere."""
    return (2 * math.sin(min(miles / EARTH_RADIUS_MI, math.pi) / 2)) ** 2


def miles_for_chord_squared(chord_sq: float) -> float:
    chord = math.sqrt(max(chord_sq, 0.0))
    return 2 * EARTH_RADIUS_MI * math.asin(min(chord / 2, 1.0))


@dataclass(frozen=True)
class Circle:
    lat: float
    lng: float
    miles: float

    @property
    def centre(self) -> tuple[float, float, float]:
        return unit_vector(self.lat, self.lng)

    @property
    def chord_squared(self) -> float:
        return chord_squared_for(self.miles)

    def bounding_bands(self) -> tuple[list[int], float, float]:
        """The latitude bands the circle touches and the west and east edges of its box,
        computed once per circle (see _bands)."""
        return self._bands

    @cached_property
    def _bands(self) -> tuple[list[int], float, float]:
        """The latitude bands the circle touches and the west and east edges of its box.

        One `lat_band IN (...) AND lng BETWEEN west AND east` condition: a B-tree on
        (lat_band, lng) answers it with one short range scan per band. The box always covers
        the circle (every point within `miles` of the centre), for any centre with lat in
        [-90, 90] and lng in [-180, 180].

        The box's half width is the circle's at the latitude where it reaches furthest east
        and west (or the nearest latitude of the circle to that one): one evaluation, as the
        half width only shrinks away from it. Longitudes are not wrapped at ±180°. Instead, a
        box that would cross the antimeridian gets every longitude, [-180, 180], and so does
        a circle reaching beyond ±POLAR_LATITUDE (it may contain a pole, and then spans every
        longitude; and near a pole longitude is ill-conditioned). Both are correct, merely
        wider than needed; no US location is near either except the far Aleutians, so the
        index works as intended everywhere that matters.
        """
        delta = min(self.miles / EARTH_RADIUS_MI, math.pi)
        dlat = math.degrees(delta) + EDGE_SLACK_DEGREES
        south, north = max(self.lat - dlat, -90.0), min(self.lat + dlat, 90.0)
        bands = list(range(lat_band(south), lat_band(north) + 1))
        if north > POLAR_LATITUDE or south < -POLAR_LATITUDE:
            return bands, -180.0, 180.0
        phi0 = math.radians(self.lat)
        # The latitude at which the circle reaches furthest east and west.
        widest = math.degrees(math.asin(max(-1.0, min(1.0, math.sin(phi0) / math.cos(delta)))))
        dlng = self._half_width_at(min(max(widest, south), north), delta, phi0) + EDGE_SLACK_DEGREES
        west, east = self.lng - dlng, self.lng + dlng
        if west < -180.0 or east > 180.0:
            return bands, -180.0, 180.0
        return bands, west, east

    @staticmethod
    def _half_width_at(lat: float, delta: float, phi0: float) -> float:
        """Degrees of longitude from the centre to the circle's edge at latitude `lat`.

        0 where `lat` is outside the circle; 180 where the whole parallel is inside it. Uses
        the haversine form, which stays accurate for small circles and near the circle's top
        and bottom, where the cosine form loses half its digits.
        """
        phi = math.radians(lat)
        denominator = math.cos(phi) * math.cos(phi0)
        if denominator <= 1e-12:
            return 180.0
        hav_dlng = (math.sin(delta / 2) ** 2 - math.sin((phi - phi0) / 2) ** 2) / denominator
        if hav_dlng >= 1.0:
            return 180.0
        return math.degrees(2 * math.asin(math.sqrt(max(hav_dlng, 0.0))))
