"""The Spanish catalogue: every message translated, and the committed .mo in step with the .po.

The .mo is committed so that a checkout serves Spanish without gettext's tools; these tests
fail when someone edits the .po and forgets `manage.py compilemessages`, or runs
makemessages and leaves new strings untranslated or fuzzy (README, "Languages").
"""

import ast
import gettext
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "directory" / "locale"
PO = LOCALE / "es" / "LC_MESSAGES" / "django.po"
MO = LOCALE / "es" / "LC_MESSAGES" / "django.mo"


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr (a list, one per form), flags."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {"msgid": "", "msgid_plural": None, "msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            field, entry["msgid_plural"] = "msgid_plural", ast.literal_eval(line[13:])
        elif line.startswith("msgid "):
            field, entry["msgid"] = "msgid", ast.literal_eval(line[6:])
        elif line.startswith("msgstr["):
            field = int(line[7:line.index("]")])
            entry["msgstr"][field] = ast.literal_eval(line[line.index("]") + 2:])
        elif line.startswith("msgstr "):
            field = 0
            entry["msgstr"][0] = ast.literal_eval(line[7:])
        else:  # a continuation line of the field above
            if isinstance(field, int):
                entry["msgstr"][field] += ast.literal_eval(line)
            else:
                entry[field] += ast.literal_eval(line)
    return [e for e in entries if e["msgid"]]  # without the header


@pytest.fixture(scope="module")
def entries():
    return read_po(PO)


def test_catalogue_has_the_site_strings(entries):
    ids = {entry["msgid"] for entry in entries}

    assert {"Find a verified practitioner", "Change search", "View profile"} <= ids


def test_every_message_has_a_spanish_translation_and_none_is_fuzzy(entries):
    untranslated = [e["msgid"] for e in entries
                    if not e["msgstr"] or not all(e["msgstr"].values())
                    or len(e["msgstr"]) != (2 if e["msgid_plural"] else 1)]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]

    assert untranslated == []
    assert fuzzy == []


def test_translations_keep_every_placeholder(entries):
    def placeholders(text):
        return sorted(part.split(")")[0] for part in text.split("%(")[1:])

    wrong = [e["msgid"] for e in entries for text in e["msgstr"].values()
             if placeholders(text) != placeholders(e["msgid"])]

    assert wrong == []


def test_compiled_catalogue_matches_the_po(entries):
    with MO.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    expected = {}
    for entry in entries:
        if entry["msgid_plural"]:
            for form, text in entry["msgstr"].items():
                expected[(entry["msgid"], form)] = text
        else:
            expected[entry["msgid"]] = entry["msgstr"][0]

    assert {key: value for key, value in compiled.items() if key != ""} == expected
