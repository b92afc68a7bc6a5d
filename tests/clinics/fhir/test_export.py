"""manage.py export_directory --format fhir-ndjson DIR."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from clinics.fhir import export as fhir_export
from clinics.fhir.search import TYPES
from clinics.models import CredentialCheck, Language, Practitioner, Specialty
from tests.clinics.fhir.conftest import validate
from tests.factories import (
    CredentialFactory,
    LocationFactory,
    PractitionerFactory,
    vetted_practitioner,
)

pytestmark = pytest.mark.django_db


def export(tmp_path):
    out = io.StringIO()
    call_command("export_directory", "--format", "fhir-ndjson", str(tmp_path / "out"), stdout=out)
    return out.getvalue()


def read_ndjson(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_export_writes_one_valid_ndjson_file_per_type_with_progress(tmp_path, client):
    people = [vetted_practitioner() for _ in range(3)]
    PractitionerFactory(name="Not Vetted")

    printed = export(tmp_path)

    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(f"{name}.ndjson" for name in TYPES)
    for name in TYPES:
        for resource in read_ndjson(tmp_path / "out" / f"{name}.ndjson"):
            validate(resource)
            assert resource["resourceType"] == name
        assert f"{name}.ndjson: " in printed
    practitioners = read_ndjson(tmp_path / "out" / "Practitioner.ndjson")
    assert [r["id"] for r in practitioners] == [str(p.pk) for p in people]
    # 3 practitioners, roles and checks; 4 clinics and locations (the unvetted one works at one).
    assert "wrote 17 records in 5 files" in printed


@pytest.mark.parametrize("chunk", [2, 2000])
def test_export_holds_the_same_resources_the_api_serves(tmp_path, client, monkeypatch, chunk):
    # Everything a resource can carry, over several chunks: the export reads plain values,
    # the API model instances, through the same mapping functions.
    monkeypatch.setattr(fhir_export, "CHUNK", chunk)
    languages, specialties = list(Language.objects.all()[:3]), list(Specialty.objects.all()[:3])
    for n in range(5):
        practitioner = vetted_practitioner(
            npi="1234567893" if n == 0 else "", post_nominals="L.Ac." if n % 2 else "",
            telehealth=bool(n % 2), accepting_as_of=datetime.date(2026, 1, n + 1))
        practitioner.languages.set(languages[:n % 4])
        practitioner.specialties.set(specialties[n % 3:])
        location = practitioner.locations.get()
        location.label = "Annex" if n % 2 else ""
        location.save()
        clinic = location.clinic
        clinic.step_free_entrance, clinic.website = bool(n % 2), "https://example.org/c"
        clinic.save()
        LocationFactory(clinic=clinic, street=f"{n} Second St")
        CredentialFactory(practitioner=practitioner, kind="nccaom_ac", jurisdiction="",
                          expires_on=None, issuer="")
        credential = practitioner.credentials.get(kind="lac")
        CredentialCheck.objects.create(
            credential=credential, checked_at=timezone.now() - datetime.timedelta(days=400),
            outcome=CredentialCheck.Outcome.LAPSED, source="Board", note="lapsed")

    export(tmp_path)

    for name in TYPES:
        api = json.loads(client.get(f"/fhir/{name}", {"_count": 100}).content)
        exported = read_ndjson(tmp_path / "out" / f"{name}.ndjson")
        assert exported == [entry["resource"] for entry in api["entry"]]
        assert len(exported) > 4, name


def test_exported_practitioners_are_the_vetted_ones(tmp_path):
    vetted_practitioner()
    PractitionerFactory()

    export(tmp_path)

    exported = {r["id"] for r in read_ndjson(tmp_path / "out" / "Practitioner.ndjson")}
    assert exported == {str(pk) for pk in Practitioner.objects.vetted().values_list("pk",
                                                                                    flat=True)}


@pytest.mark.parametrize("n", [1, 20])
def test_export_queries_do_not_grow_with_rows(tmp_path, django_assert_num_queries, n):
    for _ in range(n):
        vetted_practitioner()

    # Per type: its rows and one query per prefetched relation (3 + 2 + 2 + 1 + 1).
    with django_assert_num_queries(9):
        export(tmp_path)


def test_export_to_a_file_path_is_refused(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("")

    with pytest.raises(CommandError, match="not a directory"):
        call_command("export_directory", "--format", "fhir-ndjson", str(target))
