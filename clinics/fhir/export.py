"""The fhir-ndjson format of `manage.py export_directory`: one NDJSON file per resource type
(FHIR Bulk Data's layout: a resource per line), of the same public directory /fhir/ serves.

The rows are the API's (clinics/fhir/queries.py) and the resources are made by the same
functions (clinics/fhir/resources.py), but the export reads plain values rather than model
instances: building and prefetching a model instance per row was most of its time (about 2
of every 3 CPU seconds at 100k practitioners). A `Row` gives the mapping functions the same
attributes an instance would, and each chunk's related rows (languages, credentials,
specialties, locations) come in one query per relation, as prefetch_related would fetch them.

Rows are streamed from the database in chunks and each resource is written as it is made,
so memory stays flat whatever the size of the directory. Each file is written under a
temporary name and renamed when complete, so a failed export never leaves a half-written
file that looks whole.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from clinics.models import Location, Practitioner

from . import queries
from .search import TYPES

CHUNK = 2_000
PROGRESS_EVERY = 25_000
ENCODE = json.JSONEncoder(separators=(",", ":"), check_circular=False).encode


class Row:
    """One row's values as attributes, standing in for a model instance."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


class LocationRow(Row):
    one_line = Location.one_line  # the model's own wording of the address


def _chunks(rows: QuerySet[Any]) -> Iterator[list[dict[str, Any]]]:
    iterator = rows.iterator(chunk_size=CHUNK)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def _grouped(rows: Iterable[dict[str, Any]], key: str,
             make: Callable[[dict[str, Any]], Any] = Row) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        groups[row.pop(key)].append(make(row))
    return groups


def _terms(relation: str, term: str, ids: list[int], *fields: str) -> dict[int, list[Row]]:
    """Each practitioner's languages or specialties (`term`: language or specialty), ordered
    by name as the API's prefetch orders them; one shared Row per term."""
    through = getattr(Practitioner, relation).through
    shared: dict[int, Row] = {}
    groups: dict[int, list[Row]] = defaultdict(list)
    rows = (through.objects.filter(practitioner_id__in=ids)
            .values_list("practitioner_id", f"{term}_id", *(f"{term}__{f}" for f in fields))
            .order_by(f"{term}__name"))
    for practitioner_id, term_id, *values in rows:
        if term_id not in shared:
            shared[term_id] = Row(dict(zip(fields, values, strict=True)))
        groups[practitioner_id].append(shared[term_id])
    return groups


PRACTITIONER = ("pk", "name", "post_nominals", "npi", "updated_at")
CREDENTIAL = ("practitioner_id", "kind", "jurisdiction", "number", "expires_on", "issuer")


def _practitioners() -> Iterator[Row]:
    rows = queries.practitioners().prefetch_related(None).values(*PRACTITIONER)
    for chunk in _chunks(rows):
        ids = [row["pk"] for row in chunk]
        languages = _terms("languages", "language", ids, "code", "name")
        credentials = _grouped(queries.public_credentials().queryset.filter(  # type: ignore[union-attr]
            practitioner_id__in=ids).values(*CREDENTIAL), "practitioner_id")
        for row in chunk:
            yield Row(row | {"public_languages": languages.get(row["pk"], []),
                             "public_credentials": credentials.get(row["pk"], [])})


CLINIC = ("pk", "name", "updated_at", "phone")
ADDRESS = ("street", "city", "state", "zip_code")


def _practitioner_roles() -> Iterator[Row]:
    practitioner = ("pk", "name", "updated_at", "accepting_new_patients", "accepting_as_of",
                    "telehealth")
    location = ("pk", "updated_at", *ADDRESS)
    rows = (queries.practitioner_roles().prefetch_related(None)
            .values("pk", "updated_at", *(f"practitioner__{f}" for f in practitioner),
                    *(f"location__{f}" for f in location),
                    *(f"location__clinic__{f}" for f in CLINIC)))
    for chunk in _chunks(rows):
        specialties = _terms("specialties", "specialty", list({row["practitioner__pk"] for row in chunk}),
                             "slug", "name")
        for row in chunk:
            clinic = Row({f: row[f"location__clinic__{f}"] for f in CLINIC})
            yield Row({
                "pk": row["pk"], "updated_at": row["updated_at"],
                "practitioner": Row({f: row[f"practitioner__{f}"] for f in practitioner}
                                    | {"public_specialties":
                                       specialties.get(row["practitioner__pk"], [])}),
                "location": LocationRow({f: row[f"location__{f}"] for f in location}
                                        | {"clinic": clinic}),
            })


def _organizations() -> Iterator[Row]:
    rows = (queries.organizations().prefetch_related(None)
            .values(*CLINIC, "email", "website"))
    for chunk in _chunks(rows):
        locations = _grouped(queries.public_locations().queryset.filter(  # type: ignore[union-attr]
            clinic_id__in=[row["pk"] for row in chunk]).values("clinic_id", *ADDRESS),
            "clinic_id")
        for row in chunk:
            yield Row(row | {"public_locations": locations.get(row["pk"], [])})


ACCESS = ("step_free_entrance", "accessible_restroom", "parking")


def _locations() -> Iterator[Row]:
    rows = queries.locations().values("pk", "updated_at", "label", *ADDRESS, "lat", "lng",
                                      *(f"clinic__{f}" for f in (*CLINIC, *ACCESS)))
    for row in rows.iterator(chunk_size=CHUNK):
        clinic = Row({f: row.pop(f"clinic__{f}") for f in (*CLINIC, *ACCESS)})
        yield LocationRow(row | {"clinic": clinic})


# With the annotations of queries.credential_checks().
CHECK = ("pk", "checked_at", "source", "outcome", "next_check_due", "kind", "practitioner_id",
         "superseded_at", "last_updated")


def _credential_checks() -> Iterator[Row]:
    rows = queries.credential_checks().values(*CHECK)
    for row in rows.iterator(chunk_size=CHUNK):
        yield Row(row)


ROWS: dict[str, Callable[[], Iterator[Row]]] = {
    "Practitioner": _practitioners,
    "PractitionerRole": _practitioner_roles,
    "Organization": _organizations,
    "Location": _locations,
    "VerificationResult": _credential_checks,
}


def export_ndjson(out_dir: Path, progress: Callable[[str], None]) -> dict[str, int]:
    """Write <Type>.ndjson for every resource type; returns the lines written per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    started = time.monotonic()
    for kind in TYPES.values():
        name = f"{kind.name}.ndjson"
        partial = out_dir / f".{name}.part"
        written = 0
        make = kind.resources
        with partial.open("w", encoding="utf-8") as out:
            for row in ROWS[kind.name]():
                for resource in make(row):
                    out.write(ENCODE(resource) + "\n")
                    written += 1
                    if written % PROGRESS_EVERY == 0:
                        progress(f"  {name}: {written:,} written, "
                                 f"{time.monotonic() - started:.0f}s elapsed")
        os.replace(partial, out_dir / name)
        counts[name] = written
        progress(f"{name}: {written:,} resources ({time.monotonic() - started:.0f}s elapsed)")
    return counts
