"""Run the daily trust sweep (clinics/expiry.py): expiry reminders and lapsed licences.

    manage.py run_trust_sweep            # run it now, in this process, and print the record
    manage.py run_trust_sweep --enqueue  # queue it for the task worker instead

Run it once a day (cron, a systemd timer, or the scheduler when there is one); running it
again on the same day sends nothing twice.
"""

from django.core.management.base import BaseCommand

from clinics import expiry
from directory import tasks


class Command(BaseCommand):
    help = "Email clinics about licences expiring in 60/30/7 days and mark lapsed licences."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true",
                            help="Queue the sweep for the task worker instead of running it.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            tasks.enqueue(expiry.trust_sweep)
            self.stdout.write("Trust sweep queued for the task worker.")
            return
        sweep = expiry.run_trust_sweep()
        self.stdout.write(self.style.SUCCESS(
            f"Trust sweep for {sweep.ran_on}: {sweep.reminders_sent} reminder(s) sent, "
            f"{sweep.lapsed_marked} licence(s) marked expired."))
        if sweep.log:
            self.stdout.write(sweep.log)
