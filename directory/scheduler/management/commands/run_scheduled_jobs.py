from django.core.management.base import BaseCommand

from directory.scheduler import jobs


class Command(BaseCommand):
    help = ("Queue the scheduled jobs that are due (run from cron every few minutes; "
            "docs/deploy.md). Safe to run from several machines at once.")

    def handle(self, *args, **options):
        runs = jobs.run_due_jobs()
        for run in runs:
            self.stdout.write(f"queued {run.job.name} (due {run.due_at:%Y-%m-%d %H:%M} UTC)")
        if not runs:
            self.stdout.write("nothing due")
