"""manage.py export_directory --format FORMAT DIR: the whole public directory as files in an
open standard, streamed with progress lines.

FORMATS maps a format's name to a callable (out_dir, progress) -> {file name: count written};
each format lives with its own API (clinics/fhir/export.py, clinics/hsds/export.py) and
streams its rows, so exporting 100k practitioners keeps memory flat.
"""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinics.fhir.export import export_ndjson
from clinics.hsds.export import export_hsds

Exporter = Callable[[Path, Callable[[str], None]], dict[str, int]]

FORMATS: dict[str, Exporter] = {
    "fhir-ndjson": export_ndjson,
    "hsds-json": export_hsds,
}


class Command(BaseCommand):
    help = "Export the public directory (vetted practitioners at published clinics) to DIR."

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=sorted(FORMATS),
                            help="fhir-ndjson: one NDJSON file per FHIR resource type; "
                                 "hsds-json: one NDJSON file per HSDS object type.")
        parser.add_argument("directory", type=Path, help="Where to write the files.")

    def handle(self, *args, format: str, directory: Path, **options):
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} exists and is not a directory.")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot write to {directory}: {error}") from error
        counts = FORMATS[format](directory, self.stdout.write)
        self.stdout.write(self.style.SUCCESS(
            f"Exported {format} to {directory}: wrote {sum(counts.values()):,} records in "
            f"{len(counts)} files."))
