"""Hostile GET requests for every public URL: the strategies that tests/test_fuzz.py and
bench/fuzz.py share.

`public_routes()` walks the URL resolver, so a public URL added later is fuzzed with no
change here. `requests(routes, real)` draws a request target ("/path/?raw-query") as it
would arrive on the wire: path parameters are real values from the database or hostile
ones, and the query string is built byte by byte, so it can carry ORM-looking keys, NaN
and infinities, numbers past any float, 10 kB values, repeated keys, empty values, places
at the poles and the antimeridian, unicode oddities and percent-encoded bytes that are not
UTF-8 at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from hypothesis import strategies as st

# Namespaces that are not public pages: the admin is for staff and has its own login.
PRIVATE_NAMESPACES = {"admin"}
# Served by middleware ahead of the resolver.
EXTRA_PATHS = ["/healthz"]


@dataclass(frozen=True)
class Route:
    """A URL pattern as a template: `/clinics/{slug}/` and its parameters' converters."""

    name: str
    template: str
    params: tuple[tuple[str, str], ...]  # (name, converter)


def public_routes() -> list[Route]:
    """Every GET-able URL pattern outside the admin, from the resolver itself."""
    routes: list[Route] = []

    def walk(patterns: Sequence[URLPattern | URLResolver], prefix: str,
             params: tuple[tuple[str, str], ...], namespace: str) -> None:
        for entry in patterns:
            pattern = entry.pattern
            if not isinstance(pattern, (RoutePattern, LocalePrefixPattern)):
                raise TypeError(f"only path() routes are fuzzed, not {pattern!r}")
            route = str(pattern)
            found = tuple((name, converter or "str") for converter, name in
                          re.findall(r"<(?:(\w+):)?(\w+)>", route))
            template = prefix + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            if isinstance(entry, URLResolver):
                inner = entry.namespace or namespace
                if inner in PRIVATE_NAMESPACES:
                    continue
                walk(entry.url_patterns, template, params + found, inner)
            else:
                name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                routes.append(Route(name, "/" + template, params + found))

    walk(get_resolver().url_patterns, "", (), "")
    routes += [Route(path, path, ()) for path in EXTRA_PATHS]
    return routes


# --- Values --------------------------------------------------------------------------------

NUMBERS = [
    "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "-0", "-0.0", "0", "+0",
    "1e308", "-1e308", "1e309", "1.7976931348623157e308", "5e-324", "1e-400", "1e999999999",
    str(10**400), "-" + str(10**400), "9" * 5000, "0x10", "1_000", "  7  ", "1,5", "٣", "１",
    "2147483648", "9223372036854775808", "-9223372036854775809", "0.1e1", "1e", ".", "-",
]
COORDINATES = [
    "90", "-90", "89.9999", "-89.9999", "90.0000001", "-90.0000001", "180", "-180",
    "180.0001", "-180.0001", "179.9999", "0", "-0", "360", "1e-320",
    # Where the demo has clinics: Austin, Fairbanks, and Adak (Aleutians, near 180°).
    "30.2428", "-97.7658", "64.84", "-147.72", "51.88", "-176.65",
]
TEXT = [
    "", " ", "78704", "78704-1234", "Austin, TX", "00000", "99999", "fibromyalgia", "lou gehrig",
    "SLE", "acupuncture", "es", "aetna", "female", "distance", "match", "1", "on", "true",
    "\u202eXT ,nitsuA", "\u200f78704", "\u200b", "\x00", "a\x00b", "\ud800", "💉🧠", "👩🏽‍⚕️",
    "e\u0301" * 50, "ﷺ", "\ufeff", "\r\n", "'; DROP TABLE clinics_clinic; --", "<script>x</script>",
    "{{ request }}", "%s%s%n", "../../../etc/passwd", "a" * 10_240, "𝔘𝔫𝔦𝔠𝔬𝔡𝔢" * 100,
]
# Query keys: the search's own, the ORM's lookup syntax, and what other APIs take.
KEYS = [
    "near", "lat", "lng", "radius", "condition", "specialty", "modality", "accepting",
    "consultation", "telehealth", "sliding_scale", "step_free", "language", "payer", "gender",
    "sort", "page", "q", "next", "format", "o", "ordering", "order_by", "page_size", "limit",
    "near__gt", "lat__lte", "clinic__owner__password", "id__in", "pk", "slug__regex",
    "practitioner__credentials__number__startswith", "user__password__startswith",
    "csrfmiddlewaretoken", "__proto__", "", "lat[]", "near[0]", "page=", "a" * 300,
    "per_page", "organization_id",  # the HSDS API's
]
# Raw fragments that no encoder produces: bytes that are not UTF-8, stray separators.
RAW = [
    "%FF%FE", "%C0%AF", "%ED%A0%80", "%00", "%F0%9F", "%E2%80%AE", "%", "%%", "%G0", "%2",
    "&&", "&=", "=&", "==", ";", "+", "%20", "%2B", "%26", "%3D",
]
# Values a search field is likely to meet, so that whole searches reach the database: a
# place by coordinates (at the poles and the antimeridian too) or by name, with filters.
SEARCH_VALUES = {
    "lat": COORDINATES, "lng": COORDINATES,
    "near": ["78704", "Austin, TX", "99546", "Adak, AK", "Fairbanks, AK", "96799", "00601",
             "Honolulu, HI", "New York, NY", "10001", "Nowhere, ZZ"],
    "radius": ["5", "10", "25", "50", "100", "7", "0", "-25", "1e308", "nan"],
    "condition": ["fibromyalgia", "lou gehrig", "SLE", "back pain", "dermatomyositis", "x"],
    "specialty": ["chronic-pain", "x"], "modality": ["acupuncture", "dry-needling", "x"],
    "language": ["es", "zh", "x"], "payer": ["aetna", "x"], "gender": ["female", "male", "x"],
    "sort": ["distance", "match", "x"], "accepting": ["1", "0", "on", ""],
    "telehealth": ["1", "true"], "step_free": ["1"],
    "page": ["1", "2", "0", "-1", "11", "999999", "nan", "1e308", str(10**400)],
}
# What may appear unescaped in a request target (RFC 3986 pchar and query, minus "&=").
QUERY_SAFE = "-._~!$'()*+,;:@/?"


def hostile_text(extra: Sequence[str] = ()) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from([*NUMBERS, *COORDINATES, *TEXT, *extra]),
        st.text(max_size=40),
        st.integers().map(str),
        st.floats().map(repr),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
    )


def encode(text: str, safe: str = "") -> str:
    """Percent-encoded UTF-8; a lone surrogate becomes the bytes of its (invalid) UTF-8."""
    return quote(text.encode("utf-8", "surrogatepass"), safe=safe)


@st.composite
def search_parts(draw: st.DrawFn) -> list[str]:
    """A plausible search, encoded: a place (often by lat and lng together) and filters."""
    keys = draw(st.lists(st.sampled_from(sorted(SEARCH_VALUES)), max_size=5, unique=True))
    if draw(st.booleans()):
        keys += ["lat", "lng"]
    return [f"{key}={encode(draw(st.sampled_from(SEARCH_VALUES[key]) | hostile_text()))}"
            for key in keys]


@st.composite
def query_strings(draw: st.DrawFn) -> str:
    parts: list[str] = draw(search_parts()) if draw(st.booleans()) else []
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 9)) == 0:
            parts.append(draw(st.sampled_from(RAW)))
            continue
        key = draw(st.sampled_from(KEYS) | st.text(max_size=10))
        value = draw(hostile_text())
        safe = draw(st.sampled_from(["", QUERY_SAFE]))
        part = encode(key, safe)
        if draw(st.integers(0, 9)):  # sometimes a key with no "="
            part += "=" + encode(value, safe)
        if draw(st.integers(0, 7)) == 0:
            part += draw(st.sampled_from(RAW))
        parts.append(part)
        if draw(st.integers(0, 7)) == 0:  # the same key again
            parts.append(f"{encode(key)}={encode(draw(hostile_text()))}")
    return "&".join(parts)


HOSTILE_PATH_VALUES = [
    "0", "-1", "00", "2147483648", "9223372036854775808", str(10**30), "9" * 5000,
    "nan", "a" * 300, "..", "%2e%2e", "%00", "%FF%FE", "\x00", "\u202e", "💉", "a/b",
    "MQ", "Mg", "AAAAAAAAAAAA", "set-password", "c2VjcmV0", "x" * 2048,
]


def path_value(converter: str, real: Sequence[str]) -> st.SearchStrategy[str]:
    """A path parameter, already encoded for the request target."""
    hostile = st.sampled_from(HOSTILE_PATH_VALUES).map(
        lambda value: value if "%" in value else encode(value, "/"))
    generated = {
        "int": st.integers(0, 10**40).map(str),
        "slug": st.from_regex(r"\A[-a-zA-Z0-9_]{1,80}\Z"),
    }.get(converter, st.text(min_size=1, max_size=40).map(lambda t: encode(t, "/")))
    if real:
        return st.one_of(st.sampled_from(list(real)), hostile, generated)
    return st.one_of(hostile, generated)


@st.composite
def requests(draw: st.DrawFn, routes: Sequence[Route],
             real: Mapping[str, Sequence[str]]) -> str:
    """A request target for one of `routes`; `real` gives known-good values for a path
    parameter by name (slug, clinic_pk, pk, token, ...)."""
    route = draw(st.sampled_from(list(routes)))
    values = {name: draw(path_value(converter, real.get(name, ())))
              for name, converter in route.params}
    path = route.template.format(**values)
    query = draw(query_strings())
    return f"{path}?{query}" if query or draw(st.booleans()) else path


def routes_by_group(routes: Sequence[Route]) -> Iterator[tuple[str, list[Route]]]:
    """Routes grouped by the first segment of their path, for one test per group."""
    groups: dict[str, list[Route]] = {}
    for route in routes:
        groups.setdefault(route.template.strip("/").split("/")[0] or "home", []).append(route)
    yield from sorted(groups.items())
