"""The official HSDS 3.0 schemas, and a small directory with something to hide."""

import datetime
import gzip
import json
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
from django.utils import timezone

from clinics.models import Clinic, Credential, Modality
from tests.factories import ClinicFactory, CredentialFactory, LocationFactory, PractitionerFactory

ROOT = Path(__file__).resolve().parents[3]
STANDARD = ROOT.parent / "shared" / "standards" / "hsds-3.0" / "schema"
# The same files, gzipped, for a checkout without ../shared beside it (tests/data/hsds-3.0).
COPY = ROOT / "tests" / "data" / "hsds-3.0" / "schema"


def read_standard(relative: str) -> dict:
    """An official HSDS 3.0 file (e.g. "compiled/service.json"): from ../shared/standards
    beside the project, else from the verbatim copy in tests/data."""
    if (STANDARD / relative).is_file():
        return json.loads((STANDARD / relative).read_text())
    copy = COPY / f"{relative}.gz"
    if not copy.is_file():
        pytest.fail(f"The official HSDS 3.0 schema {relative} is neither in {STANDARD} nor "
                    f"in {COPY} (issue #13).")
    return json.loads(gzip.decompress(copy.read_bytes()))


@cache
def _schema(name: str) -> dict:
    return read_standard(f"compiled/{name}.json")


@cache
def _openapi() -> dict:
    return read_standard("openapi.json")


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    """A validator for a compiled schema, or for "<list schema>:page": the pagination
    envelope of the reference OpenAPI description with that schema's items as contents."""
    if name == "location":  # a location as organization.json nests it, addresses and all
        schema = _schema("organization")["properties"]["locations"]["items"]
    elif name == "root":
        schema = _openapi()["paths"]["/"]["get"]["responses"]["200"]["content"][
            "application/json"]["schema"]
    elif name.endswith(":page"):
        page = _openapi()["components"]["schemas"]["Page"]
        schema = {"allOf": [page], "required": [*page["properties"], "contents"],
                  "properties": {"contents": {"type": "array",
                                              "items": _schema(name.removesuffix(":page"))}}}
    else:
        schema = _schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # Formats (uuid, email, date-time) are checked too, not only types.
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(name: str, document) -> list[str]:
    """Every way `document` breaks the named schema, as readable lines (empty when valid)."""
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                  for error in _validator(name).iter_errors(document))


@pytest.fixture
def directory(db):
    """Two published clinics and a draft one, with vetted and unvetted practitioners.

    Public: `clinic` offers acupuncture at both its locations and cupping at `north`, and
    `other` offers acupuncture. Hidden: the draft clinic; dry needling (its only
    practitioner has no licence); electroacupuncture (a lapsed licence); and `north`'s
    practitioner also working at the draft clinic's location.
    """
    modality = {m.slug: m for m in Modality.objects.all()}
    clinic = ClinicFactory(name="Eastside Acupuncture", description="Needles and tea.",
                           first_visit_price="85.00", sliding_scale=True,
                           step_free_entrance=True, website="https://eastside.example.org/")
    north = LocationFactory(clinic=clinic, label="North", street="1 North St")
    south = LocationFactory(clinic=clinic, label="", street="2 South St", zip_code="78701")
    other = ClinicFactory(name="Westside Wellness", phone="", email="")
    west = LocationFactory(clinic=other)
    draft = ClinicFactory(name="Draft Clinic", status=Clinic.Status.DRAFT)
    hidden = LocationFactory(clinic=draft)

    def person(locations, *slugs, licence=True, expired=False):
        practitioner = PractitionerFactory(locations=locations)
        practitioner.modalities.set([modality[slug] for slug in slugs])
        if licence:
            CredentialFactory(practitioner=practitioner, expires_on=timezone.localdate() - (
                datetime.timedelta(days=1) if expired else -datetime.timedelta(days=30)))
        return practitioner

    person([north, hidden], "acupuncture", "cupping")
    person([south], "acupuncture")
    person([north], "dry-needling", licence=False)
    person([south], "electroacupuncture", expired=True)
    person([west], "acupuncture")
    person([hidden], "moxibustion")
    CredentialFactory(status=Credential.Status.REJECTED,
                      practitioner=person([west], "cupping", licence=False))

    return SimpleNamespace(clinic=clinic, north=north, south=south, other=other, west=west,
                           draft=draft, hidden=hidden, modality=modality)
