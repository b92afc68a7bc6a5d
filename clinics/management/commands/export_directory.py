"""manage.py export_directory --format FORMAT DIR: the whole public directory as files.

FORMATS maps a format's name to a callable (out_dir, progress) -> {file name: count written};
each format lives with its own API and streams its rows, so exporting 100k practitioners
keeps memory flat.
"""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinics.fhir.export import export_ndjson

Exporter = Callable[[Path, Callable[[str], None]], dict[str, int]]

FORMATS: dict[str, Exporter] = {
    "fhir-ndjson": export_ndjson,
}


class Command(BaseCommand):
    help = "Export the public directory (vetted practitioners at published clinics) to DIR."

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=sorted(FORMATS),
                            help="fhir-ndjson: one NDJSON file per FHIR resource type.")
        parser.add_argument("directory", type=Path, help="Where to write the files.")

    def handle(self, *args, **options):
        directory: Path = options["directory"]
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} exists and is not a directory.")
        counts = FORMATS[options["format"]](directory, self.stdout.write)
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(
            f"Wrote {total:,} records in {len(counts)} files to {directory}."))
