"""Email clinics about patient enquiries whose first email failed. Safe to run at any time.

Run it from cron every few minutes; a request already emailed is never sent again.
"""

from django.core.management.base import BaseCommand

from clinics.owners import services


class Command(BaseCommand):
    help = "Retry the notification email for contact requests still marked 'email pending'."

    def handle(self, *args, **options):
        sent, failed = services.retry_contact_emails()
        self.stdout.write(f"Contact request emails: {sent} sent, {failed} still pending.")
