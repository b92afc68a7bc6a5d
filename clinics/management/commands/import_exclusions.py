"""Match the federal exclusion list (the OIG LEIE's UPDATED.csv) against practitioners' NPIs.

    manage.py import_exclusions UPDATED.csv

Each new match takes the practitioner out of search and waits in the admin's "Exclusion-list
matches awaiting review" queue (clinics/sanctions.py). Run it monthly, after the OIG
publishes its update (by the 10th); running it again on the same file changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from clinics import sanctions


class Command(BaseCommand):
    help = "Import the OIG LEIE CSV and hold back practitioners whose NPI is listed."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The LEIE CSV in its published column layout.")

    def handle(self, *args, file, **options):
        skipped: list[str] = []
        try:
            with open(file, newline="", encoding="latin-1") as stream:
                report = sanctions.import_exclusions(sanctions.read_leie(stream, skipped))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except sanctions.LeieFormatError as error:
            raise CommandError(str(error)) from error
        for line in skipped:
            self.stderr.write(f"Skipped {line}")
        for exclusion in report.matched:
            self.stdout.write(f"New match: {exclusion.practitioner} (NPI {exclusion.npi}, "
                              f"{exclusion.exclusion_type} on {exclusion.excluded_on})")
        self.stdout.write(self.style.SUCCESS(
            f"{report.rows} row(s) with an NPI read; {len(report.matched)} new match(es), "
            f"{report.already_known} already recorded."))
