"""The words the demo generator draws from, read from demo_content/words.toml and checked.

Any error names the file. demo_content/README.md says what must stay fictional.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from string import Formatter
from typing import Any, NoReturn

from .validators import State

WORDS_FILE = Path(__file__).resolve().parent / "demo_content" / "words.toml"
LICENCE_PROFESSIONS = ("lac", "medical", "pt")
# Clinic kinds: (chance a practitioner there holds a second licence, its kind, the usual
# licence's kind). The words file names its clinic suffixes by these keys.
PROFESSIONS = {"acu": (0.06, "medical", "lac"), "pt": (0.15, "lac", "pt"),
               "med": (0.4, "lac", "medical")}
MAX_LOCATIONS = 3  # per clinic; each branch of a clinic gets a different location label
STATE_NAMES = dict(State.choices)
# Placeholders each kind of template may use.
DESCRIPTION_FIELDS = ("name", "size", "city", "extra")
BIO_FIELDS = ("first", "years", "c1", "c2")


class DemoContentError(ValueError):
    """words.toml is missing or malformed; the message starts with its path."""


@dataclass(frozen=True)
class Words:
    """The names, places and sentences the generator draws from, as read from words.toml."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    neutral: tuple[str, ...]
    surnames: tuple[str, ...]
    places: tuple[str, ...]
    name_suffixes: dict[str, tuple[str, ...]]  # clinic kind -> suffixes
    descriptions: dict[str, str]  # clinic kind -> template using DESCRIPTION_FIELDS
    description_extras: tuple[str, ...]
    suspension_reasons: tuple[str, ...]
    bio_openers: tuple[str, ...]  # templates using BIO_FIELDS
    bio_closers: tuple[str, ...]
    single_condition_c2: str
    condition_notes: tuple[str, ...]
    streets: tuple[str, ...]
    street_types: tuple[str, ...]
    location_labels: tuple[str, ...]
    area_codes_by_city: dict[tuple[str, str], int]  # (city, state code) -> area code
    area_codes_by_state: dict[str, int]  # every state code -> an area code in it
    metro_cities: tuple[tuple[str, str], ...]  # (city, state code), biggest first
    licence_prefixes: dict[str, str]  # profession -> prefix
    boards: dict[str, str]  # profession -> template using {state}, the state's name
    issuers: dict[tuple[str, str], str]  # (profession, state code) -> a named board
    certifiers: dict[str, str]  # nccaom, abma, dry_needling -> issuer
    checks: dict[str, str]  # verification method -> source (using {issuer}); document_note


class _Checker:
    """Checks the parts of one content file; every error starts with the file's path."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, problem: str) -> NoReturn:
        raise DemoContentError(f"{self.path}: {problem}")

    def table(self, value: object, where: str, keys: tuple[str, ...] | None = None,
              ) -> dict[str, Any]:
        """`value` as a table; given `keys`, it must have exactly those."""
        if not isinstance(value, dict):
            self.fail(f"{where} must be a table")
        if keys is not None:
            at = f"{where}: " if where else ""
            if missing := [key for key in keys if key not in value]:
                self.fail(f"{at}missing key(s): {', '.join(missing)}")
            if unknown := [key for key in value if key not in keys]:
                self.fail(f"{at}unknown key(s): {', '.join(unknown)}")
        return value

    def text(self, value: object, where: str, fields: tuple[str, ...] | None = None, *,
             digits: bool = True) -> str:
        """A non-empty string; a template (given `fields`) may use only those placeholders."""
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where} must be a non-empty string")
        if not digits and any(char.isdigit() for char in value):
            self.fail(f"{where}: {value!r} must not contain digits")
        if fields is not None:
            try:
                used = [field for _, field, _, _ in Formatter().parse(value) if field is not None]
            except ValueError:
                self.fail(f"{where}: {value!r} has an unpaired brace (write {{{{ or }}}} for one)")
            if unknown := [field for field in used if field not in fields]:
                allowed = ", ".join(f"{{{field}}}" for field in fields)
                self.fail(f"{where}: {value!r} uses {{{unknown[0]}}}; "
                          f"the placeholders here are {allowed}")
        return value

    def texts(self, value: object, where: str, fields: tuple[str, ...] | None = None, *,
              digits: bool = True, at_least: int = 1) -> tuple[str, ...]:
        if not isinstance(value, list) or len(value) < at_least:
            self.fail(f"{where} must be an array of at least {at_least} string(s)")
        return tuple(self.text(item, f"{where}[{i}]", fields, digits=digits)
                     for i, item in enumerate(value))

    def by_key(self, value: object, where: str, keys: tuple[str, ...],
               fields: tuple[str, ...] | None = None) -> dict[str, str]:
        table = self.table(value, where, keys)
        return {key: self.text(table[key], f"{where}.{key}", fields) for key in keys}

    def area_code(self, value: object, where: str) -> int:
        if type(value) is not int or not 200 <= value <= 999:
            self.fail(f"{where} must be a three-digit number")
        return value

    def metro(self, value: object, where: str) -> tuple[str, str]:
        city, _, state = self.text(value, where).rpartition(" ")
        if not city.strip() or state not in STATE_NAMES:
            self.fail(f'{where}: {value!r} must be a city and a state code, such as "Boston MA"')
        return city, state


def _parse_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DemoContentError(f"{path}: cannot read the file ({exc.strerror})") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DemoContentError(f"{path}: invalid TOML: {exc}") from exc


def read_words(path: Path = WORDS_FILE) -> Words:
    """The demo's words in `path`, checked: every key present, none unknown, right types."""
    check = _Checker(path)
    data = check.table(_parse_toml(path), "", (
        "people", "clinics", "practitioners", "addresses", "credentials"))
    people = check.table(data["people"], "people", ("female", "male", "neutral", "surnames"))
    clinics = check.table(data["clinics"], "clinics", (
        "places", "description_extras", "suspension_reasons", "name_suffixes", "descriptions"))
    bios = check.table(data["practitioners"], "practitioners", (
        "bio_openers", "bio_closers", "single_condition_c2", "condition_notes"))
    places = check.table(data["addresses"], "addresses", (
        "streets", "street_types", "location_labels", "area_codes", "metro_cities"))
    credentials = check.table(data["credentials"], "credentials", (
        "licence_prefixes", "boards", "issuers", "certifiers", "checks"))
    kinds = tuple(PROFESSIONS)

    def names(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        # No digits: a repeated slug gets "-2", "-3", which must not look like a name.
        return check.texts(table[key], f"{where}.{key}", digits=False)

    suffixes = check.table(clinics["name_suffixes"], "clinics.name_suffixes", kinds)
    codes = check.table(places["area_codes"], "addresses.area_codes", ("by_city", "by_state"))
    by_city = {check.metro(city, f"addresses.area_codes.by_city[{city!r}]"):
               check.area_code(code, f"addresses.area_codes.by_city[{city!r}]")
               for city, code in check.table(codes["by_city"], "addresses.area_codes.by_city",
                                             ).items()}
    by_state = {state: check.area_code(code, f"addresses.area_codes.by_state.{state}")
                for state, code in check.table(codes["by_state"], "addresses.area_codes.by_state",
                                               tuple(STATE_NAMES)).items()}
    metros = places["metro_cities"]
    if not isinstance(metros, list) or not metros:
        check.fail("addresses.metro_cities must be an array of at least 1 string(s)")
    issuers = {}
    for profession, boards in check.table(credentials["issuers"], "credentials.issuers").items():
        where = f"credentials.issuers.{profession}"
        if profession not in LICENCE_PROFESSIONS:
            check.fail(f"credentials.issuers: {profession!r} is not one of "
                       f"{', '.join(LICENCE_PROFESSIONS)}")
        for state, name in check.table(boards, where).items():
            if state not in STATE_NAMES:
                check.fail(f"{where}: {state!r} is not a state code")
            issuers[(profession, state)] = check.text(name, f"{where}.{state}")
    checks = check.table(credentials["checks"], "credentials.checks", (
        "registry", "board_website", "board_contact", "document", "document_note"))
    return Words(
        female=names(people, "female", "people"),
        male=names(people, "male", "people"),
        neutral=names(people, "neutral", "people"),
        surnames=names(people, "surnames", "people"),
        places=names(clinics, "places", "clinics"),
        name_suffixes={kind: names(suffixes, kind, "clinics.name_suffixes") for kind in kinds},
        descriptions=check.by_key(clinics["descriptions"], "clinics.descriptions", kinds,
                                  DESCRIPTION_FIELDS),
        description_extras=check.texts(clinics["description_extras"],
                                       "clinics.description_extras"),
        suspension_reasons=check.texts(clinics["suspension_reasons"],
                                       "clinics.suspension_reasons"),
        bio_openers=check.texts(bios["bio_openers"], "practitioners.bio_openers", BIO_FIELDS),
        bio_closers=check.texts(bios["bio_closers"], "practitioners.bio_closers", BIO_FIELDS),
        single_condition_c2=check.text(bios["single_condition_c2"],
                                       "practitioners.single_condition_c2"),
        condition_notes=check.texts(bios["condition_notes"], "practitioners.condition_notes"),
        streets=check.texts(places["streets"], "addresses.streets"),
        street_types=check.texts(places["street_types"], "addresses.street_types"),
        location_labels=check.texts(places["location_labels"], "addresses.location_labels",
                                    at_least=MAX_LOCATIONS),
        area_codes_by_city=by_city,
        area_codes_by_state=by_state,
        metro_cities=tuple(check.metro(entry, f"addresses.metro_cities[{i}]")
                           for i, entry in enumerate(metros)),
        licence_prefixes=check.by_key(credentials["licence_prefixes"],
                                      "credentials.licence_prefixes", LICENCE_PROFESSIONS),
        boards=check.by_key(credentials["boards"], "credentials.boards", LICENCE_PROFESSIONS,
                            ("state",)),
        issuers=issuers,
        certifiers=check.by_key(credentials["certifiers"], "credentials.certifiers",
                                ("nccaom", "abma", "dry_needling")),
        checks={key: check.text(value, f"credentials.checks.{key}",
                                None if key == "document_note" else ("issuer",))
                for key, value in checks.items()},
    )
