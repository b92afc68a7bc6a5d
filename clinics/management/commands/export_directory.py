"""Write the whole public directory to files in an open standard, streamed with progress."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clinics.hsds.export import export_hsds

# A format's writer takes the output directory and a progress callback, and returns the
# number of objects written per file.
Exporter = Callable[[Path, Callable[[str], None]], dict[str, int]]

FORMATS: dict[str, Exporter] = {
    "hsds-json": export_hsds,
}


class Command(BaseCommand):
    help = ("Export the public directory (published clinics, vetted practitioners) into "
            "DIRECTORY, in the chosen open format.")

    def add_arguments(self, parser):
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("directory", type=Path)

    def handle(self, *args, format: str, directory: Path, **options):
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot write to {directory}: {error}") from error
        counts = FORMATS[format](directory, self.stdout.write)
        summary = ", ".join(f"{name} {count:,}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Exported {format} to {directory}: {summary}"))
