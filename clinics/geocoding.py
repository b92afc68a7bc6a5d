"""Geocoding: the only place in the project that turns text into coordinates.

By default everything is answered from the bundled ``zipcodes`` gazetteer, so
development, tests and CI never touch the network. An online backend
(Nominatim) can be switched on with ``settings.GEOCODER = "nominatim"``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import zipcodes
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200  # anything longer is not a place name; refuse cheaply
CACHE_TIMEOUT = 60 * 60 * 24 * 30
_NEGATIVE = "__geocode_miss__"  # cached "not found", distinct from a cache miss (None)

STATE_NAMES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA",
    "kansas": "KS", "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD",
    "massachusetts": "MA", "michigan": "MI", "minnesota": "MN", "mississippi": "MS",
    "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH",
    "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
    "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
    "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC",
    "puerto rico": "PR", "guam": "GU", "virgin islands": "VI", "american samoa": "AS",
    "northern mariana islands": "MP",
}  # fmt: skip
# People write "St. Louis", "Saint Louis" and "St Louis" interchangeably; USPS
# spells the primary name out, so abbreviations are expanded before lookup.
CITY_TOKEN_ALIASES = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_COUNTRY_SUFFIXES = {"us", "usa", "united states", "united states of america"}
# A ZIP (optionally ZIP+4, with or without dash) at the very end of the query.
_TRAILING_ZIP = re.compile(r"(?<!\d)(\d{5})(?:-?\d{4})?$")


@dataclass(frozen=True)
class Place:
    lat: float
    lng: float
    label: str
    source: str


def _tokens(text: str) -> list[str]:
    # Punctuation (".", "-", "'") varies between writers; words do not.
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def normalise_city(city: str) -> str:
    return " ".join(CITY_TOKEN_ALIASES.get(t, t) for t in _tokens(city))


def _state_code(text: str, known: set[str]) -> str | None:
    name = " ".join(_tokens(text))
    if len(name) == 2 and name.upper() in known:
        return name.upper()
    return STATE_NAMES.get(name)


CityKey = tuple[str, str]  # (normalised city, state code)
ZipRow = tuple[str, float, float, str, str]  # (zip, lat, lng, city, state)


@dataclass
class _Gazetteer:
    zips: dict[str, tuple[float, float, str, str]]
    cities: dict[CityKey, tuple[float, float, str]]  # -> lat, lng, display name
    standard: list[ZipRow]
    states: set[str]


def _build_gazetteer() -> _Gazetteer:
    zips: dict[str, tuple[float, float, str, str]] = {}
    standard: list[ZipRow] = []
    # Per city: points of its standard ZIPs, of all its ZIPs, and display names.
    std_pts: dict[CityKey, list[tuple[float, float]]] = defaultdict(list)
    all_pts: dict[CityKey, list[tuple[float, float]]] = defaultdict(list)
    primary_names: dict[CityKey, str] = {}
    alias_names: dict[CityKey, str] = {}
    for row in zipcodes.list_all():
        try:
            lat, lng = float(row["lat"]), float(row["long"])
        except (KeyError, TypeError, ValueError):
            continue
        if not lat or not lng:  # a few PO boxes/military ZIPs have no real location
            continue
        zip_code, city, state = row["zip_code"], row["city"], row["state"]
        zips[zip_code] = (lat, lng, city, state)
        is_standard = row.get("zip_code_type") == "STANDARD" and row.get("active", True)
        if is_standard:
            standard.append((zip_code, lat, lng, city, state))
        for i, name in enumerate([city, *row.get("acceptable_cities", [])]):
            key = (normalise_city(name), state)
            if not key[0]:
                continue
            # Primary USPS names win over aliases as the label shown to users.
            (primary_names if i == 0 else alias_names).setdefault(key, name)
            all_pts[key].append((lat, lng))
            if is_standard:
                std_pts[key].append((lat, lng))
    cities = {}
    for key, fallback in all_pts.items():
        pts = std_pts.get(key) or fallback
        lat = sum(p[0] for p in pts) / len(pts)
        lng = sum(p[1] for p in pts) / len(pts)
        name = primary_names.get(key) or alias_names[key]
        cities[key] = (round(lat, 5), round(lng, 5), name)
    states = {s for _, _, _, s in zips.values()}
    return _Gazetteer(zips, cities, sorted(standard), states)


_gazetteer_lock = threading.Lock()
_gazetteer: _Gazetteer | None = None


def _get_gazetteer() -> _Gazetteer:
    # Building takes a noticeable fraction of a second, so do it at most once,
    # on first use, even when several request threads arrive together.
    global _gazetteer
    if _gazetteer is None:
        with _gazetteer_lock:
            if _gazetteer is None:
                _gazetteer = _build_gazetteer()
    return _gazetteer


class OfflineGeocoder(Geocoder):
    """A geopy geocoder answering US ZIP and "City, ST" queries from memory."""

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = None):
        try:
            location = self._lookup(query)
        except Exception:  # a lookup must never break a page; log and treat as unknown
            logger.exception("Offline geocoding failed for %r", query)
            location = None
        if location is None:
            return None
        return location if exactly_one else [location]

    def _lookup(self, query: Any) -> Location | None:
        if not isinstance(query, str) or len(query) > MAX_QUERY_LENGTH:
            return None
        text = " ".join(query.split())
        if not text:
            return None
        gaz = _get_gazetteer()
        match = _TRAILING_ZIP.search(text)
        if match:
            hit = gaz.zips.get(match.group(1))
            if hit:
                lat, lng, city, state = hit
                zip_code = match.group(1)
                return _location(
                    f"{city}, {state} {zip_code}", lat, lng, zip_code, city, state
                )
            # Unknown ZIP: the "City, ST" before it may still be usable.
            text = text[: match.start()].strip(" ,")
        return self._lookup_city(text, gaz)

    def _lookup_city(self, text: str, gaz: _Gazetteer) -> Location | None:
        parts = [p.strip() for p in text.split(",") if p.strip()]
        while parts and " ".join(_tokens(parts[-1])) in _COUNTRY_SUFFIXES:
            parts.pop()
        candidates: list[tuple[str, str]] = []  # (city text, state code)
        if len(parts) >= 2:
            state = _state_code(parts[-1], gaz.states)
            if state:
                candidates.append((parts[-2], state))
        elif len(parts) == 1:
            # No comma: the state is the last one to three words ("new mexico",
            # "district of columbia"); try the longest reading first.
            words = parts[0].split()
            for n in (3, 2, 1):
                if len(words) > n:
                    state = _state_code(" ".join(words[-n:]), gaz.states)
                    if state:
                        candidates.append((" ".join(words[:-n]), state))
        for city_text, state in candidates:
            hit = gaz.cities.get((normalise_city(city_text), state))
            if hit:
                lat, lng, name = hit
                return _location(f"{name}, {state}", lat, lng, None, name, state)
        return None


def _location(
    label: str, lat: float, lng: float, zip_code: str | None, city: str, state: str
) -> Location:
    raw = {"source": "offline", "zip": zip_code, "city": city, "state": state}
    return Location(label, (lat, lng), raw)


def warm_up() -> None:
    """Build the offline gazetteer now, when that backend is in use, so that no request
    pays for it (seconds of CPU; the server calls this as each worker starts)."""
    if _backend_name() == "offline":
        _get_gazetteer()


def _backend_name() -> str:
    return str(getattr(settings, "GEOCODER", "offline")).lower()


@functools.cache
def _geocoder_for(backend: str, user_agent: str) -> Geocoder:
    if backend == "offline":
        return OfflineGeocoder()
    if backend == "nominatim":
        geocoder = Nominatim(user_agent=user_agent)
        # Nominatim's usage policy allows one request per second. The limiter is
        # installed on the instance so callers keep the plain Geocoder API.
        # swallow_exceptions=False lets geocode() tell outages from real misses
        # (only the latter are cached).
        geocoder.geocode = RateLimiter(
            geocoder.geocode, min_delay_seconds=1, swallow_exceptions=False
        )
        return geocoder
    raise ImproperlyConfigured(f"Unknown GEOCODER backend {backend!r}")


def get_geocoder() -> Geocoder:
    """The configured geocoder; one shared instance per backend."""
    user_agent = getattr(settings, "GEOCODER_USER_AGENT", "clinic-directory")
    return _geocoder_for(_backend_name(), user_agent)


def _cache_key(normalised: str, backend: str) -> str:
    digest = hashlib.sha256(f"{backend}\x00{normalised}".encode()).hexdigest()
    return f"geocode:{backend}:{digest}"


def geocode(query: str) -> Place | None:
    """Resolve free text to a Place, or None if unknown or the backend failed."""
    if not isinstance(query, str) or len(query) > MAX_QUERY_LENGTH:
        return None
    text = " ".join(query.split())
    if not text:
        return None
    backend = _backend_name()
    key = _cache_key(text.lower(), backend)
    cached = cache.get(key)
    if cached == _NEGATIVE:
        return None
    if isinstance(cached, Place):
        return cached
    try:
        location = get_geocoder().geocode(text, exactly_one=True)
    except (GeopyError, TimeoutError) as exc:
        # Transient by nature, so deliberately not cached.
        logger.warning("Geocoding %r with %s failed: %s", text, backend, exc)
        return None
    place = None
    if location:
        raw = location.raw if isinstance(location.raw, dict) else {}
        source = str(raw.get("source", backend))
        place = Place(
            location.latitude, location.longitude, str(location.address), source
        )
    # Misses are cached too, so repeated junk searches never reach an online backend.
    timeout = getattr(settings, "GEOCODER_CACHE_TIMEOUT", CACHE_TIMEOUT)
    cache.set(key, place or _NEGATIVE, timeout)
    return place


def geocode_address(
    *, street: str, city: str, state: str, zip_code: str
) -> Place | None:
    """Best-effort location of a postal address.

    ``street`` is accepted for API stability but unused: the offline gazetteer
    has no street-level data, so a ZIP centroid is the finest precision we get.
    """
    zip_match = re.match(r"\s*(\d{5})", zip_code or "")
    if zip_match and (place := geocode(zip_match.group(1))):
        return place
    if (city or "").strip() and (state or "").strip():
        return geocode(f"{city.strip()}, {state.strip()}")
    return None


def zip_centroids() -> list[ZipRow]:
    """(zip, lat, lng, city, state) for every active standard ZIP, sorted by ZIP."""
    return list(_get_gazetteer().standard)
