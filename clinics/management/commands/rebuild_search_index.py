from django.core.management.base import BaseCommand

from clinics.search import index


class Command(BaseCommand):
    help = "Rebuild the search index from the directory tables (safe to run at any time)."

    def handle(self, *args, **options):
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"  {done:,}/{total:,} practitioners")

        rows = index.rebuild(progress=progress)
        index.refresh_statistics()  # fresh planner figures; VACUUM too on PostgreSQL
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {rows:,} workplaces."))
