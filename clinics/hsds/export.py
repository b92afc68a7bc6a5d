"""The whole public directory as HSDS 3.0 files: `manage.py export_directory --format hsds-json`.

One NDJSON file per HSDS table (organizations, locations, services, service_at_locations):
one JSON object per line, each shaped like the API's (and valid against the same official
schema), with links between files by id. NDJSON rather than one JSON array per file because
both sides can stream it: we write a line per row as the database hands rows over, and a
consumer can read a million-row file line by line, or with `jq`, without holding it. It is
also what the HSDS API description offers for unpaginated results (`format=ndjson`).

Rows come from the database with iterator() in chunks, each file is written to a `.part`
file and renamed when complete, so memory stays flat whatever the size of the directory and
an interrupted export never leaves a half-written file under the final name.
"""

import functools
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse

from ..models import Clinic, Modality
from . import mapping, queries

CHUNK = 2000
PROGRESS_EVERY = 50_000

Progress = Callable[[str], None]


def absolute_url(clinic: Clinic) -> str:
    """The clinic's page, as get_absolute_url() gives it, under DJANGO_SITE_URL.

    reverse() once per row was a third of the export's time, so the URL is reversed once
    with a marker for the slug; a slug is only [-a-zA-Z0-9_], which a URL carries as is.
    """
    before, after = _clinic_url_parts()
    return f"{before}{clinic.slug}{after}"


@functools.cache
def _clinic_url_parts() -> tuple[str, str]:
    marker = "slug-marker"
    before, after = reverse("clinics:clinic-detail", kwargs={"slug": marker}).split(marker)
    return settings.SITE_URL + before, after


def chunks(rows: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _organizations() -> Iterator[dict[str, Any]]:
    for clinic in queries.organizations().iterator(chunk_size=CHUNK):
        org = mapping.organization(clinic, absolute_url)
        yield org | {"phones": mapping.phones(clinic, organization_id=org["id"])}


def _locations() -> Iterator[dict[str, Any]]:
    for location in queries.locations().select_related("clinic").iterator(chunk_size=CHUNK):
        yield mapping.location_detail(location, location.clinic)


def _services() -> Iterator[dict[str, Any]]:
    modalities = Modality.objects.in_bulk()
    for rows in chunks(queries.services().iterator(chunk_size=CHUNK)):
        clinics = Clinic.objects.in_bulk({row["clinic_id"] for row in rows})
        for row in rows:
            clinic, modality = clinics[row["clinic_id"]], modalities[row["modality_id"]]
            yield mapping.service(clinic, modality, absolute_url) | {
                "phones": mapping.phones(clinic, service_id=mapping.service_id(
                    clinic.pk, modality.pk))}


def _services_at_locations() -> Iterator[dict[str, Any]]:
    for row in queries.services_at_locations().iterator(chunk_size=CHUNK):
        yield {
            "id": mapping.service_at_location_id(row["location_id"], row["modality_id"]),
            "service_id": mapping.service_id(row["clinic_id"], row["modality_id"]),
            "location_id": mapping.location_id(row["location_id"]),
        }


FILES: dict[str, Callable[[], Iterator[dict[str, Any]]]] = {
    "organizations.ndjson": _organizations,
    "locations.ndjson": _locations,
    "services.ndjson": _services,
    "service_at_locations.ndjson": _services_at_locations,
}


def write_ndjson(path: Path, objects: Iterable[dict[str, Any]], progress: Progress) -> int:
    """Write one object per line to `path` (through `path`.part); the number written."""
    started, count = time.monotonic(), 0
    part = path.with_name(path.name + ".part")
    try:
        with part.open("w", encoding="utf-8") as out:
            for count, item in enumerate(objects, start=1):
                out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
                out.write("\n")
                if count % PROGRESS_EVERY == 0:
                    progress(f"{path.name}: {count:,} written")
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, path)
    progress(f"{path.name}: {count:,} in {time.monotonic() - started:.1f} s")
    return count


def export_hsds(out_dir: Path, progress: Progress) -> dict[str, int]:
    """Write the four HSDS files into `out_dir`; the number of objects in each."""
    _clinic_url_parts.cache_clear()  # DJANGO_SITE_URL may differ between runs (tests)
    return {name: write_ndjson(out_dir / name, make(), progress) for name, make in FILES.items()}
