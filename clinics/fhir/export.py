"""The fhir-ndjson format of `manage.py export_directory`: one NDJSON file per resource type
(FHIR Bulk Data's layout: a resource per line), of the same public directory /fhir/ serves.

Rows are streamed from the database in chunks (QuerySet.iterator(chunk_size=...), which
prefetches per chunk) and each resource is written as it is made, so memory stays flat
whatever the size of the directory. Each file is written under a temporary name and renamed
when complete, so a failed export never leaves a half-written file that looks whole.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from .search import TYPES

CHUNK = 2_000
PROGRESS_EVERY = 25_000


def export_ndjson(out_dir: Path, progress: Callable[[str], None]) -> dict[str, int]:
    """Write <Type>.ndjson for every resource type; returns the lines written per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    started = time.monotonic()
    for kind in TYPES.values():
        name = f"{kind.name}.ndjson"
        partial = out_dir / f".{name}.part"
        written = 0
        rows = kind.rows(include=frozenset()) if kind.includes else kind.rows()
        with partial.open("w", encoding="utf-8") as out:
            for row in rows.iterator(chunk_size=CHUNK):
                for resource in kind.resources(row):
                    out.write(json.dumps(resource, separators=(",", ":")))
                    out.write("\n")
                    written += 1
                    if written % PROGRESS_EVERY == 0:
                        progress(f"  {name}: {written:,} written, "
                                 f"{time.monotonic() - started:.0f}s elapsed")
        os.replace(partial, out_dir / name)
        counts[name] = written
        progress(f"{name}: {written:,} resources ({time.monotonic() - started:.0f}s elapsed)")
    return counts
