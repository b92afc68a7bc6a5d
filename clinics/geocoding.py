"""Geocoding: the only place in the project that turns text into coordinates.

Every query is answered from the bundled ``zipcodes`` gazetteer first (US ZIPs and
"City, ST", from memory, in microseconds), so development, tests and CI never touch the
network and a ZIP search never depends on anyone else's server. An online backend
(Nominatim) can be switched on with ``settings.GEOCODER = "nominatim"``; it is then asked
only what the gazetteer cannot answer, and it is treated as something that fails:

- one try per request with a short timeout (``GEOCODER_TIMEOUT``), never a retry;
- a circuit breaker: after ``GEOCODER_FAILURE_LIMIT`` failures in a row this process stops
  asking for ``GEOCODER_COOLOFF_SECONDS``, then lets one trial request through;
- answers are cached: a place for a month, "no such place" for ``GEOCODER_MISS_CACHE_SECONDS``;
  an outage is never cached as "no such place";
- an outage is an exception, GeocodingUnavailable, which callers show as "couldn't look it
  up right now", never as "not found" (the breaker, the timeout and the one try are in
  clinics/online_geocoder.py);
- never inside a database transaction: geocode() refuses (GeocodingInTransaction), so a
  slow geocoder can never hold a transaction, and its locks, open.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import zipcodes
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from . import online_geocoder
from .online_geocoder import GeocodingUnavailable

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200  # anything longer is not a place name; refuse cheaply
CACHE_TIMEOUT = 60 * 60 * 24 * 30  # an online answer that found a place
MISS_CACHE_TIMEOUT = 5 * 60  # an online "no such place": brief, in case it was a glitch
_NEGATIVE = "__geocode_miss__"  # cached "not found", distinct from a cache miss (None)


class GeocodingInTransaction(RuntimeError):
    """geocode() was called with a database transaction open: a programming error.

    A geocoder can take seconds; a transaction held open that long blocks other writers
    (on SQLite, every writer: a staff login got "database is locked"). Geocode first, then
    open the transaction; see clinics.services.locate().
    """

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
    # Building takes seconds, so it is done at most once per process, even when several
    # request threads arrive together: by load_gazetteer() when a server starts, or else
    # on first use (tests, management commands).
    global _gazetteer
    if _gazetteer is None:
        with _gazetteer_lock:
            if _gazetteer is None:
                _gazetteer = _build_gazetteer()
    return _gazetteer


def load_gazetteer() -> None:
    """Build the gazetteer now, so that no visitor's search waits for it.

    directory/wsgi.py and asgi.py call this: they are imported by exactly the processes
    that serve requests (each gunicorn worker before it accepts a connection, runserver),
    and by no management command or test run, which build it lazily if they need it.
    """
    started = time.perf_counter()
    _get_gazetteer()
    logger.info("Gazetteer ready in %.1f s", time.perf_counter() - started)


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


def _backend_name() -> str:
    return str(getattr(settings, "GEOCODER", "offline")).lower()


@functools.cache
def _geocoder_for(backend: str, user_agent: str, domain: str, scheme: str,
                  min_delay: float) -> Geocoder:
    if backend == "offline":
        return OfflineGeocoder()
    if backend == "nominatim":
        return online_geocoder.nominatim(user_agent=user_agent, domain=domain, scheme=scheme,
                                         min_delay=min_delay)
    raise ImproperlyConfigured(f"Unknown GEOCODER backend {backend!r}")


def get_geocoder() -> Geocoder:
    """The configured geocoder; one shared instance per backend and its settings."""
    return _geocoder_for(
        _backend_name(),
        getattr(settings, "GEOCODER_USER_AGENT", "clinic-directory"),
        getattr(settings, "GEOCODER_DOMAIN", "nominatim.openstreetmap.org"),
        getattr(settings, "GEOCODER_SCHEME", "https"),
        float(getattr(settings, "GEOCODER_MIN_DELAY_SECONDS", 1)),
    )


_offline = OfflineGeocoder()


def _open_transaction() -> str | None:
    """The alias of a database with a transaction open here, if any.

    A test case's own wrapping transaction does not count (Django's durable=True check
    skips it the same way), so tests see what production would.
    """
    for connection in connections.all(initialized_only=True):
        if any(not getattr(block, "_from_testcase", False)
               for block in connection.atomic_blocks):
            return connection.alias
    return None


Answer = Place | None | GeocodingUnavailable
_kept_answers: ContextVar[dict[str, Answer] | None] = ContextVar("geocoding_kept",
                                                                 default=None)


@contextmanager
def answers_kept() -> Iterator[None]:
    """Within the block each query is looked up once and its answer, even "unavailable",
    kept: look addresses up first, then open a transaction whose code asks again and gets
    the kept answers (Django's admin validates forms inside its own transaction)."""
    token = _kept_answers.set({})
    try:
        yield
    finally:
        _kept_answers.reset(token)


def _cache_key(normalised: str, backend: str) -> str:
    digest = hashlib.sha256(f"{backend}\x00{normalised}".encode()).hexdigest()
    return f"geocode:{backend}:{digest}"


def geocode(query: str) -> Place | None:
    """Resolve free text to a Place, or None when there is no such place.

    Raises GeocodingUnavailable when the answer needed the online geocoder and it could
    not be asked, and GeocodingInTransaction when called inside a database transaction.
    """
    if not isinstance(query, str) or len(query) > MAX_QUERY_LENGTH:
        return None
    text = " ".join(query.split())
    if not text:
        return None
    kept = _kept_answers.get()
    if kept is None:
        return _geocode(text)
    key = text.lower()
    if key not in kept:
        try:
            kept[key] = _geocode(text)
        except GeocodingUnavailable as error:
            kept[key] = error
    answer = kept[key]
    if isinstance(answer, GeocodingUnavailable):
        raise answer
    return answer


def _geocode(text: str) -> Place | None:
    if alias := _open_transaction():
        raise GeocodingInTransaction(
            f"geocode({text!r}) inside a transaction on database {alias!r}: geocode first, "
            "then open the transaction")
    location = _offline.geocode(text, exactly_one=True)
    if location is not None:
        return Place(location.latitude, location.longitude, str(location.address),
                     "offline")
    backend = _backend_name()
    if backend == "offline":
        return None
    return _geocode_online(text, backend)


def _geocode_online(text: str, backend: str) -> Place | None:
    key = _cache_key(text.lower(), backend)
    cached = cache.get(key)
    if cached == _NEGATIVE:
        return None
    if isinstance(cached, Place):
        return cached
    location = online_geocoder.ask(get_geocoder(), text, backend)
    if not location:
        # Misses are cached briefly, so repeated junk never reaches the online backend
        # but a place that was missing by mistake comes back soon.
        cache.set(key, _NEGATIVE, getattr(settings, "GEOCODER_MISS_CACHE_SECONDS",
                                          MISS_CACHE_TIMEOUT))
        return None
    raw = location.raw if isinstance(location.raw, dict) else {}
    place = Place(location.latitude, location.longitude, str(location.address),
                  str(raw.get("source", backend)))
    cache.set(key, place, getattr(settings, "GEOCODER_CACHE_TIMEOUT", CACHE_TIMEOUT))
    return place


def geocode_address(
    *, street: str, city: str, state: str, zip_code: str
) -> Place | None:
    """Best-effort location of a postal address: its ZIP, else its city and state.

    ``street`` is accepted for API stability but unused: the offline gazetteer
    has no street-level data, so a ZIP centroid is the finest precision we get.
    Raises GeocodingUnavailable only when no part could be placed and a part could not
    be looked up.
    """
    unavailable: GeocodingUnavailable | None = None
    zip_match = re.match(r"\s*(\d{5})", zip_code or "")
    if zip_match:
        try:
            if place := geocode(zip_match.group(1)):
                return place
        except GeocodingUnavailable as error:
            unavailable = error
    if (city or "").strip() and (state or "").strip():
        try:
            if place := geocode(f"{city.strip()}, {state.strip()}"):
                return place
        except GeocodingUnavailable as error:
            unavailable = error
    if unavailable is not None:
        raise unavailable
    return None


def zip_centroids() -> list[ZipRow]:
    """(zip, lat, lng, city, state) for every active standard ZIP, sorted by ZIP."""
    return list(_get_gazetteer().standard)
