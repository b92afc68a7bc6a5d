"""manage.py export_directory --format fhir-ndjson DIR."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from clinics.fhir.search import TYPES
from clinics.models import Practitioner
from tests.clinics.fhir.conftest import validate
from tests.factories import PractitionerFactory, vetted_practitioner

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


def test_export_holds_the_same_resources_the_api_serves(tmp_path, client):
    for _ in range(2):
        vetted_practitioner()

    export(tmp_path)

    for name in TYPES:
        api = json.loads(client.get(f"/fhir/{name}").content)
        assert read_ndjson(tmp_path / "out" / f"{name}.ndjson") == [
            entry["resource"] for entry in api["entry"]]


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
