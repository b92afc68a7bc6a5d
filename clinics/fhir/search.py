"""FHIR search: which parameters each resource type takes, and how they filter.

TYPES is the single list: the views answer from it and the CapabilityStatement
(/fhir/metadata) is generated from it, so the statement lists exactly what works.

Search follows FHIR's rules where they apply here: a comma in a value means "or", a repeated
parameter means "and", a string matches the start of a word, and an empty value is ignored.
Unknown parameters and modifiers are refused (400) rather than silently ignored, so a client
never mistakes an unfiltered answer for a filtered one.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from clinics import geo, search
from clinics.models import Location, Practitioner

from . import queries
from .resources import (
    NPI_SYSTEM,
    Resource,
    location_resource,
    organization_resource,
    practitioner_resource,
    practitioner_role_resource,
    specialty_system,
    verification_results,
)

DEFAULT_COUNT = 20
MAX_COUNT = 100
MAX_OFFSET = 10_000_000
# Nearest-first pages are read from the start of the circle each time: past this, narrow it.
MAX_NEAR_OFFSET = 1_000
MAX_NEAR_MILES = max(miles for miles, _ in search.RADIUS_CHOICES)
MAX_VALUE_LENGTH = 200
ID_PATTERN = re.compile(r"[0-9]{1,18}")
KM_PER_MILE = 1.609344
# UCUM and plain spellings of the units `near` takes; FHIR assumes km when none is given.
MILES_PER_UNIT = {"km": 1 / KM_PER_MILE, "mi": 1.0, "[mi_i]": 1.0, "m": 1 / (KM_PER_MILE * 1000)}
CONTROL = ("_count", "_offset", "_format")
FORMATS = {"json", "application/json", "application/fhir+json"}


class BadRequest(Exception):
    """A parameter the API cannot use: answered 400 with an OperationOutcome."""


class NotFound(Exception):
    """No public resource of that type has that id: answered 404."""


Filter = Callable[[QuerySet[Any], list[str]], QuerySet[Any]]


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # FHIR SearchParamType
    documentation: str
    filter: Filter | None = None  # None: handled by the search itself (near)


@dataclass(frozen=True)
class ResourceType:
    name: str
    rows: Callable[..., QuerySet[Any]]
    resources: Callable[[Any], list[Resource]]
    params: tuple[Param, ...]
    includes: tuple[str, ...] = ()  # PractitionerRole:<these>

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass
class SearchResult:
    matches: list[Resource]
    included: list[Resource] = field(default_factory=list)
    next_offset: int | None = None
    # Nearest-first searches: each match's distance in km, in the order of `matches`.
    distances_km: list[float] | None = None


# -- value parsing ---------------------------------------------------------------------------


def _values(raw: str) -> list[str]:
    if len(raw) > MAX_VALUE_LENGTH:
        raise BadRequest(f"A value is at most {MAX_VALUE_LENGTH} characters long.")
    if "\x00" in raw:
        raise BadRequest("A value may not contain a NUL character.")
    return [value.strip() for value in raw.split(",") if value.strip()]


def _id_or_none(value: str) -> int | None:
    return int(value) if ID_PATTERN.fullmatch(value) else None


def _reference_ids(values: list[str], target: str) -> list[int]:
    """Ids from references: `123`, `Type/123` or an absolute URL ending in `Type/123`."""
    ids = []
    for value in values:
        kind, _, ident = value.rpartition("/")
        if kind and not (kind == target or kind.endswith("/" + target)):
            raise BadRequest(f"A reference here must point to a {target}, not '{value}'.")
        if (number := _id_or_none(ident)) is not None:
            ids.append(number)
    return ids


def _word_start(field_name: str) -> Filter:
    """String search: a word of the field starts with the value (any case)."""
    def apply(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
        match = Q()
        for value in values:
            match |= (Q(**{f"{field_name}__istartswith": value})
                      | Q(**{f"{field_name}__icontains": " " + value}))
        return rows.filter(match)
    return apply


def _name_part(*, last: bool) -> Filter:
    """`family` (the name's last word) or `given` (any word before it) starts with the value."""
    def apply(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
        match = Q()
        for value in values:
            tail = r"\S*$" if last else r"\S*\s"
            match |= Q(name__iregex=r"(^|\s)" + re.escape(value) + tail)
        return rows.filter(match)
    return apply


def _starts_with(field_name: str) -> Filter:
    def apply(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
        match = Q()
        for value in values:
            match |= Q(**{f"{field_name}__istartswith": value})
        return rows.filter(match)
    return apply


def _reference(field_name: str, target: str) -> Filter:
    def apply(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
        return rows.filter(**{f"{field_name}__in": _reference_ids(values, target)})
    return apply


def _ids(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
    return rows.filter(pk__in=[n for v in values if (n := _id_or_none(v)) is not None])


def _token(field_name: str, system: Callable[[], str]) -> Filter:
    """Token search on one of our codes: `code` or `system|code`."""
    def apply(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
        codes = []
        for value in values:
            named, bar, code = value.rpartition("|")
            if not bar or named == system():
                codes.append(code)
        return rows.filter(**{f"{field_name}__in": codes})
    return apply


def _npi(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
    return _token("npi", lambda: NPI_SYSTEM)(rows, values)


def _specialty(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
    """Roles whose practitioner lists one of the specialties (`code` or `system|code`)."""
    codes = []
    for value in values:
        named, bar, code = value.rpartition("|")
        if not bar or named == specialty_system():
            codes.append(code)
    return rows.filter(practitioner__in=Practitioner.objects.filter(
        specialties__slug__in=codes).values("pk"))


def _organization_state(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
    states = Q()
    for value in values:
        states |= Q(state__istartswith=value)
    return rows.filter(pk__in=Location.objects.filter(states).values("clinic_id"))


PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")


def _last_updated(rows: QuerySet[Any], values: list[str]) -> QuerySet[Any]:
    """`_lastUpdated=[prefix]date-or-instant`; a date or a naive time is in the site's zone."""
    if len(values) != 1:
        raise BadRequest("_lastUpdated takes one value; repeat it for a range.")
    value = values[0]
    prefix = value[:2] if value[:2] in PREFIXES else "eq"
    text = value[2:] if value[:2] in PREFIXES else value
    start, end = _moment_range(text)
    if prefix == "eq":
        return rows.filter(last_updated__gte=start, last_updated__lt=end)
    if prefix == "ne":
        return rows.exclude(last_updated__gte=start, last_updated__lt=end)
    if prefix in ("gt", "sa"):
        return rows.filter(last_updated__gte=end)
    if prefix == "ge":
        return rows.filter(last_updated__gte=start)
    if prefix in ("lt", "eb"):
        return rows.filter(last_updated__lt=start)
    if prefix == "le":
        return rows.filter(last_updated__lt=end)
    raise BadRequest("_lastUpdated does not take the prefix 'ap'.")


def _moment_range(text: str) -> tuple[datetime.datetime, datetime.datetime]:
    """The instants [start, end) that a FHIR date or dateTime value stands for."""
    day = moment = None
    try:
        if len(text) == 10:
            day = parse_date(text)
        else:
            moment = parse_datetime(text)
    except ValueError:
        pass  # a well-formed but impossible date, e.g. 2026-02-30
    if moment is not None:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # A value to the second stands for that whole second.
        width = datetime.timedelta(seconds=1) if moment.microsecond == 0 else \
            datetime.timedelta(microseconds=1)
        return moment, moment + width
    if day is not None:
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
        return start, start + datetime.timedelta(days=1)
    raise BadRequest(f"'{text}' is not a FHIR date or instant, e.g. 2026-01-31 or "
                     "2026-01-31T09:00:00Z.")


# -- near ------------------------------------------------------------------------------------


def parse_near(value: str) -> geo.Circle:
    """`lat|lng|distance|unit` -> the circle it means (distance 25 miles when left out)."""
    parts = value.split("|")
    if len(parts) < 2 or len(parts) > 4:
        raise BadRequest("near is latitude|longitude|distance|unit, e.g. 30.27|-97.74|10|km.")
    try:
        lat, lng = float(parts[0]), float(parts[1])
        distance = float(parts[2]) if len(parts) > 2 and parts[2] else None
    except ValueError:
        raise BadRequest("near needs numbers for latitude, longitude and distance.") from None
    if not (math.isfinite(lat) and -90 <= lat <= 90 and math.isfinite(lng)
            and -180 <= lng <= 180):
        raise BadRequest("near needs a latitude from -90 to 90 and a longitude from -180 to 180.")
    unit = parts[3] if len(parts) > 3 and parts[3] else "km"
    if unit not in MILES_PER_UNIT:
        raise BadRequest(f"near's unit is one of {', '.join(sorted(MILES_PER_UNIT))}.")
    miles = search.DEFAULT_RADIUS if distance is None else distance * MILES_PER_UNIT[unit]
    if not (math.isfinite(miles) and 0 < miles <= MAX_NEAR_MILES + 1e-9):
        raise BadRequest(f"near's distance is more than 0 and at most {MAX_NEAR_MILES} miles "
                         f"({MAX_NEAR_MILES * KM_PER_MILE:.0f} km).")
    return geo.Circle(lat, lng, miles)


def _nearest(rows: QuerySet[Location], circle: geo.Circle, offset: int,
             count: int) -> tuple[list[Location], list[float], bool]:
    """A page of `rows` inside the circle, nearest first, through the search's own
    radius query (the (lat_band, lng) index and the chord test of clinics/search)."""
    points = (rows.filter(lat_band__isnull=False).order_by()
              .values("id", "lng", "x", "y", "z", band=F("lat_band"), practitioner_id=F("id")))
    compiled = search.CompiledSearch.of_points(points, circle=circle)
    ordered = compiled.ordered_rows(circle, offset + count + 1)
    page = ordered[offset:offset + count]
    by_id = rows.in_bulk([row[0] for row in page])
    found = [by_id[row[0]] for row in page]
    distances = [geo.miles_for_chord_squared(row[2] or 0.0) * KM_PER_MILE for row in page]
    return found, distances, len(ordered) > offset + count


# -- the types -------------------------------------------------------------------------------

COMMON = (
    Param("_id", "token", "The resource's id.", _ids),
    Param("_lastUpdated", "date", "When the resource last changed, with the prefixes eq, ne, "
          "gt, ge, lt, le, sa and eb; repeat for a range.", _last_updated),
)

TYPES: dict[str, ResourceType] = {t.name: t for t in (
    ResourceType("Practitioner", queries.practitioners, lambda p: [practitioner_resource(p)], (
        *COMMON,
        Param("name", "string", "A word of the name starts with this.", _word_start("name")),
        Param("family", "string", "The last word of the name starts with this.",
              _name_part(last=True)),
        Param("given", "string", "A word of the name before the last starts with this.",
              _name_part(last=False)),
        Param("identifier", "token", f"The NPI, as `{NPI_SYSTEM}|1234567893` or the number.",
              _npi),
    )),
    ResourceType("PractitionerRole", queries.practitioner_roles,
                 lambda w: [practitioner_role_resource(w)], (
        *COMMON,
        Param("practitioner", "reference", "The Practitioner.",
              _reference("practitioner_id", "Practitioner")),
        Param("organization", "reference", "The Organization (clinic).",
              _reference("location__clinic_id", "Organization")),
        Param("location", "reference", "The Location.", _reference("location_id", "Location")),
        Param("specialty", "token", "A specialty's code (its slug), e.g. chronic-pain.",
              _specialty),
    ), includes=("practitioner", "location", "organization")),
    ResourceType("Organization", queries.organizations, lambda c: [organization_resource(c)], (
        *COMMON,
        Param("name", "string", "A word of the name starts with this.", _word_start("name")),
        Param("address-state", "string", "The state (two letters) of one of its locations.",
              _organization_state),
    )),
    ResourceType("Location", queries.locations, lambda loc: [location_resource(loc)], (
        *COMMON,
        Param("near", "special", "latitude|longitude|distance|unit (km, mi, [mi_i] or m; km "
              "when left out; distance 25 miles when left out, at most 100 miles). Results "
              "come nearest first."),
        Param("address-postalcode", "string", "The ZIP code starts with this.",
              _starts_with("zip_code")),
        Param("address-state", "string", "The state, two letters.", _starts_with("state")),
        Param("organization", "reference", "The managing Organization (clinic).",
              _reference("clinic_id", "Organization")),
    )),
    ResourceType("VerificationResult", queries.credential_checks, verification_results, (
        *COMMON,
        Param("target", "reference", "The Practitioner whose credential was checked.",
              _reference("credential__practitioner_id", "Practitioner")),
    )),
)}


def _int(params: Mapping[str, Sequence[str]], name: str, default: int, low: int,
         high: int) -> int:
    values = params.get(name) or []
    if not values or not values[-1]:
        return default
    try:
        number = int(values[-1])
    except ValueError:
        raise BadRequest(f"{name} is a whole number.") from None
    if number < low or number > high:
        raise BadRequest(f"{name} is from {low} to {high}.")
    return number


def _includes(kind: ResourceType, values: list[str]) -> frozenset[str]:
    wanted = set()
    for value in values:
        source, _, target = value.partition(":")
        if source != kind.name or target not in kind.includes:
            allowed = ", ".join(f"{kind.name}:{t}" for t in kind.includes) or "none"
            raise BadRequest(f"_include '{value}' is not supported here (supported: {allowed}).")
        wanted.add(target)
    return frozenset(wanted)


def run(kind: ResourceType, params: Mapping[str, Sequence[str]]) -> SearchResult:
    """One page of a search: `params` as a QueryDict's lists (name -> values)."""
    allowed = {p.name for p in kind.params} | set(CONTROL) | ({"_include"} if kind.includes
                                                              else set())
    for name in params:
        if name not in allowed:
            raise BadRequest(f"{kind.name} has no search parameter '{name[:80]}'. Supported: "
                             f"{', '.join(sorted(allowed))}.")
    for value in params.get("_format") or []:
        if value and value not in FORMATS:
            raise BadRequest("Only JSON is served (_format=json).")
    count = min(_int(params, "_count", DEFAULT_COUNT, 1, 10**6), MAX_COUNT)
    offset = _int(params, "_offset", 0, 0, MAX_OFFSET)
    include = _includes(kind, [v for v in params.get("_include") or [] if v])
    rows = kind.rows(include=include) if kind.includes else kind.rows()
    near: geo.Circle | None = None
    for name, raws in params.items():
        param = kind.param(name)
        if param is None:
            continue
        for raw in raws:
            values = _values(raw)
            if not values:
                continue
            if param.filter is None:
                if near is not None or len(values) > 1:
                    raise BadRequest("near takes one point.")
                near = parse_near(values[0])
            else:
                rows = param.filter(rows, values)
    distances = None
    if near is not None:
        if offset > MAX_NEAR_OFFSET:
            raise BadRequest(f"A nearest-first search pages up to _offset={MAX_NEAR_OFFSET}; "
                             "use a smaller distance.")
        page, distances, more = _nearest(rows, near, offset, count)
    else:
        page = list(rows[offset:offset + count + 1])
        more = len(page) > count
        page = page[:count]
    matches = [resource for row in page for resource in kind.resources(row)]
    return SearchResult(matches, _included(page, include), offset + count if more else None,
                        distances)


def _included(roles: list[Any], include: frozenset[str]) -> list[Resource]:
    seen: dict[tuple[str, int], Resource] = {}
    for role in roles:
        if "practitioner" in include:
            seen.setdefault(("Practitioner", role.practitioner_id),
                            practitioner_resource(role.practitioner))
        if "location" in include:
            seen.setdefault(("Location", role.location_id), location_resource(role.location))
        if "organization" in include:
            seen.setdefault(("Organization", role.location.clinic_id),
                            organization_resource(role.location.clinic))
    return list(seen.values())


def read(kind: ResourceType, ident: str) -> Resource:
    """The public resource `kind/ident`, or NotFound."""
    number = _id_or_none(ident)
    if number is None:
        raise NotFound
    rows = kind.rows(include=frozenset()) if kind.includes else kind.rows()
    for row in rows.filter(pk=number):
        for resource in kind.resources(row):
            if resource["id"] == ident:
                return resource
    raise NotFound
