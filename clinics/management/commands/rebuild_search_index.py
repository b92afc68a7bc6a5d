from django.core.management.base import BaseCommand
from django.db import connection

from clinics.models import SearchEntry
from clinics.search import index


class Command(BaseCommand):
    help = "Rebuild the search index from the directory tables (safe to run at any time)."

    def handle(self, *args, **options):
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done:,}/{total:,} practitioners")

        rows = index.rebuild(progress=progress)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Index-only scans need the visibility map that VACUUM sets; see the README.
            table = connection.ops.quote_name(SearchEntry._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {table}")
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {rows:,} workplaces."))
