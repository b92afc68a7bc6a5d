"""The demo's words file (clinics/demo_content/words.toml): every required key, clear errors
naming the file and the key when it is missing or malformed, and cities the gazetteer knows."""

import copy
import json
import re
import tomllib
from pathlib import Path

import pytest

from clinics import geocoding
from clinics.demo_words import WORDS_FILE, DemoContentError, read_words

# Every key words.toml must have, by table ("" is the top level). Named boards, under
# credentials.issuers, are optional.
REQUIRED_WORDS = {
    "": ["people", "clinics", "practitioners", "addresses", "credentials"],
    "people": ["female", "male", "neutral", "surnames"],
    "clinics": ["places", "description_extras", "suspension_reasons", "name_suffixes",
                "descriptions"],
    "clinics.name_suffixes": ["acu", "pt", "med"],
    "clinics.descriptions": ["acu", "pt", "med"],
    "practitioners": ["bio_openers", "bio_closers", "single_condition_c2", "condition_notes"],
    "addresses": ["streets", "street_types", "location_labels", "area_codes", "metro_cities"],
    "addresses.area_codes": ["by_city", "by_state"],
    "credentials": ["licence_prefixes", "boards", "issuers", "certifiers", "checks"],
    "credentials.licence_prefixes": ["lac", "medical", "pt"],
    "credentials.boards": ["lac", "medical", "pt"],
    "credentials.certifiers": ["nccaom", "abma", "dry_needling"],
    "credentials.checks": ["registry", "board_website", "board_contact", "document",
                           "document_note"],
}
WORDS = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))


def table_at(data: dict, name: str) -> dict:
    for part in filter(None, name.split(".")):
        data = data[part]
    return data


def to_toml(data: dict, prefix: str = "") -> str:
    """Enough TOML for words.toml: strings, integers, arrays of them, and tables."""
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((f"{prefix}.{key}" if prefix else key, value))
        else:
            # JSON strings are TOML strings, and quoted keys ("New York NY") TOML keys.
            name = key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)
            lines.append(f"{name} = {json.dumps(value)}")
    lines += [f"\n[{name}]\n{to_toml(value, name)}" for name, value in tables]
    return "\n".join(lines)


def write_words(tmp_path, change) -> Path:
    data = copy.deepcopy(WORDS)
    change(data)
    path = tmp_path / "words.toml"
    path.write_text(to_toml(data), encoding="utf-8")
    return path


def test_demo_words_file_has_every_required_key():
    for name, keys in REQUIRED_WORDS.items():
        assert [key for key in keys if key not in table_at(WORDS, name)] == [], name

    words = read_words()

    assert all(getattr(words, field) for field in words.__dataclass_fields__)
    assert words.issuers[("lac", "CA")] == "California Acupuncture Board"


def test_demo_words_written_back_by_the_test_helper_read_the_same(tmp_path):
    assert read_words(write_words(tmp_path, lambda data: None)) == read_words()


@pytest.mark.parametrize(("table", "key"), [
    pytest.param(table, key, id=f"{table}.{key}" if table else key)
    for table, keys in REQUIRED_WORDS.items() for key in keys
])
def test_demo_words_missing_key_gives_an_error_naming_the_file_and_key(tmp_path, table, key):
    path = write_words(tmp_path, lambda data: table_at(data, table).pop(key))

    with pytest.raises(DemoContentError) as error:
        read_words(path)

    where = f"{table}: " if table else ""
    assert str(error.value) == f"{path}: {where}missing key(s): {key}"


def test_demo_words_invalid_toml_gives_an_error_naming_the_file(tmp_path):
    path = tmp_path / "words.toml"
    text = WORDS_FILE.read_text(encoding="utf-8")
    broken = text.replace('single_condition_c2 = "long-term pain"',
                          'single_condition_c2 = "long-term pain', 1)
    assert broken != text  # the change applied
    path.write_text(broken, encoding="utf-8")

    with pytest.raises(DemoContentError) as error:
        read_words(path)

    assert str(error.value).startswith(f"{path}: invalid TOML: ")


def test_demo_words_missing_file_gives_an_error_naming_the_file(tmp_path):
    path = tmp_path / "nowhere.toml"

    with pytest.raises(DemoContentError, match="^" + re.escape(f"{path}: cannot read the file")):
        read_words(path)


def _set(table: str, key: str, value):
    return lambda data: table_at(data, table).__setitem__(key, value)


def _set_first(table: str, key: str, value):
    return lambda data: table_at(data, table)[key].__setitem__(0, value)


@pytest.mark.parametrize(("change", "problem"), [
    pytest.param(_set("people", "nicknames", ["Sunny"]), "people: unknown key(s): nicknames",
                 id="unknown-key"),
    pytest.param(_set("", "people", ["Maya"]), "people must be a table", id="not-a-table"),
    pytest.param(_set("people", "female", "Maya"),
                 "people.female must be an array of at least 1 string(s)", id="not-an-array"),
    pytest.param(_set("addresses", "streets", []),
                 "addresses.streets must be an array of at least 1 string(s)", id="empty"),
    pytest.param(_set_first("addresses", "streets", " "),
                 "addresses.streets[0] must be a non-empty string", id="blank"),
    pytest.param(_set_first("people", "surnames", "Abara2"),
                 "people.surnames[0]: 'Abara2' must not contain digits", id="digit-in-name"),
    pytest.param(_set_first("practitioners", "bio_openers", "{frist} likes {c1}."),
                 "practitioners.bio_openers[0]: '{frist} likes {c1}.' uses {frist}; "
                 "the placeholders here are {first}, {years}, {c1}, {c2}",
                 id="unknown-placeholder"),
    pytest.param(_set("clinics.descriptions", "acu", "{name is small."),
                 "clinics.descriptions.acu: '{name is small.' has an unpaired brace "
                 "(write {{ or }} for one)", id="unpaired-brace"),
    pytest.param(_set("addresses", "location_labels", ["Downtown", "Uptown"]),
                 "addresses.location_labels must be an array of at least 3 string(s)",
                 id="too-few-labels"),
    pytest.param(_set("addresses.area_codes.by_state", "TX", "512"),
                 "addresses.area_codes.by_state.TX must be a three-digit number",
                 id="quoted-area-code"),
    pytest.param(lambda data: table_at(data, "addresses.area_codes.by_state").pop("WY"),
                 "addresses.area_codes.by_state: missing key(s): WY", id="state-without-code"),
    pytest.param(_set("addresses.area_codes.by_city", "Springfield", 217),
                 "addresses.area_codes.by_city['Springfield']: 'Springfield' must be a city "
                 'and a state code, such as "Boston MA"', id="city-without-state"),
    pytest.param(_set_first("addresses", "metro_cities", "Boston"),
                 "addresses.metro_cities[0]: 'Boston' must be a city and a state code, "
                 'such as "Boston MA"', id="metro-without-state"),
    pytest.param(_set("credentials.issuers.lac", "XX", "Nowhere Board"),
                 "credentials.issuers.lac: 'XX' is not a state code", id="unknown-state"),
    pytest.param(_set("credentials.issuers", "vet", {"CA": "A board"}),
                 "credentials.issuers: 'vet' is not one of lac, medical, pt",
                 id="unknown-profession"),
])
def test_demo_words_malformed_gives_an_error_naming_the_file(tmp_path, change, problem):
    path = write_words(tmp_path, change)

    with pytest.raises(DemoContentError) as error:
        read_words(path)

    assert str(error.value) == f"{path}: {problem}"


def test_demo_words_metro_cities_all_in_the_gazetteer():
    # A city the gazetteer spells differently would be skipped without a word.
    cities = {(city, state) for _zip, _lat, _lng, city, state in geocoding.zip_centroids()}

    assert [metro for metro in read_words().metro_cities if metro not in cities] == []
