import json

import pytest
from django.core.management import CommandError, call_command

from clinics.hsds import export
from tests.clinics.hsds.conftest import schema_errors

SCHEMAS = {"organizations.ndjson": "organization", "locations.ndjson": "location",
           "services.ndjson": "service", "service_at_locations.ndjson": "service_at_location_list"}


def read(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def run(tmp_path, capsys):
    call_command("export_directory", "--format", "hsds-json", str(tmp_path / "out"))
    return tmp_path / "out", capsys.readouterr().out


def test_export_writes_each_table_valid_against_the_standard(tmp_path, capsys, directory):
    out, printed = run(tmp_path, capsys)

    assert sorted(p.name for p in out.iterdir()) == sorted(SCHEMAS)
    assert {name: len(read(out / name)) for name in SCHEMAS} == {
        "organizations.ndjson": 2, "locations.ndjson": 3, "services.ndjson": 3,
        "service_at_locations.ndjson": 4}
    for name, schema in SCHEMAS.items():
        assert [schema_errors(schema, item) for item in read(out / name)] == [
            [] for _ in read(out / name)], name
    assert "organizations.ndjson: 2 in " in printed
    assert "Exported hsds-json to" in printed


def test_export_has_the_same_objects_and_ids_as_the_api(tmp_path, capsys, client, directory):
    out, _ = run(tmp_path, capsys)

    for name, path in [("organizations.ndjson", "/hsds/organizations"),
                       ("services.ndjson", "/hsds/services")]:
        api = client.get(path).json()["contents"]
        exported = read(out / name)
        assert [item["id"] for item in exported] == [item["id"] for item in api]
        assert [{k: v for k, v in item.items() if k not in ("phones", "uri", "url")}
                for item in exported] == [
            {k: v for k, v in item.items() if k not in ("uri", "url")} for item in api]
    api_links = client.get("/hsds/service_at_locations").json()["contents"]
    assert read(out / "service_at_locations.ndjson") == [
        {k: item[k] for k in ("id", "service_id", "location_id")} for item in api_links]


def test_export_leaves_out_what_the_site_hides(tmp_path, capsys, directory):
    out, _ = run(tmp_path, capsys)

    text = "".join((out / name).read_text() for name in SCHEMAS)
    assert "Draft Clinic" not in text
    assert "Dry needling" not in text and "Moxibustion" not in text
    assert "Electroacupuncture" not in text


def test_export_links_point_at_the_site_url(tmp_path, capsys, settings, directory):
    settings.SITE_URL = "https://directory.example.org"

    out, _ = run(tmp_path, capsys)

    assert read(out / "organizations.ndjson")[0]["uri"] == (
        f"https://directory.example.org/clinics/{directory.clinic.slug}/")


def test_export_reads_in_chunks_and_reports_progress(tmp_path, capsys, monkeypatch, directory):
    whole, _ = run(tmp_path / "whole", capsys)
    monkeypatch.setattr(export, "CHUNK", 1)
    monkeypatch.setattr(export, "PROGRESS_EVERY", 1)

    chunked, printed = run(tmp_path / "chunked", capsys)

    assert {n: (chunked / n).read_text() for n in SCHEMAS} == {
        n: (whole / n).read_text() for n in SCHEMAS}
    assert "services.ndjson: 1 written\nservices.ndjson: 2 written\n" in printed


def test_interrupted_export_leaves_no_file_under_the_final_name(tmp_path, monkeypatch,
                                                                 directory):
    def failing():
        yield {"id": "first"}
        raise RuntimeError("database went away")

    monkeypatch.setitem(export.FILES, "services.ndjson", failing)

    with pytest.raises(RuntimeError):
        call_command("export_directory", "--format", "hsds-json", str(tmp_path))

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "locations.ndjson", "organizations.ndjson"]


def test_unknown_format_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("export_directory", "--format", "csv", str(tmp_path))
