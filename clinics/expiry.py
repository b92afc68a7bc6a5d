"""The daily trust sweep: expiry reminders to clinics, and lapsed licences marked expired.

The scheduler queues the `trust_sweep` task once a day (job "trust-sweep", registered in
clinics/tasks.py; docs/deploy.md); `manage.py run_trust_sweep` runs it at once by hand, or
queues it with --enqueue. Running it twice on one day does no
harm: each reminder is recorded (ExpiryReminder) and never sent twice, and a licence
already marked expired is not marked again. Each run writes a TrustSweep row saying what
it did, which staff read in the admin.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from directory.mail import absolute, send_templated

from . import services
from .models import ClinicMembership, Credential, ExpiryReminder, TrustSweep

log = logging.getLogger(__name__)

# Days before expiry at which the clinic's members hear about it, furthest first.
REMINDER_DAYS = (60, 30, 7)


@dataclass
class SweepReport:
    ran_on: date
    reminders: list[str] = field(default_factory=list)
    lapsed: list[str] = field(default_factory=list)


def reminder_step(expires_on: date, today: date) -> int | None:
    """The reminder due for a licence expiring on `expires_on`: the nearest step it has
    reached (a licence found 20 days out gets the 30-day one, not the 60-day one too)."""
    days_left = (expires_on - today).days
    if days_left < 0:
        return None
    reached = [days for days in REMINDER_DAYS if days_left <= days]
    return min(reached) if reached else None


def _members_by_clinic(credential: Credential) -> dict[int, tuple[str, list[str]]]:
    """Clinic id -> (clinic name, member email addresses) for the practitioner's clinics."""
    found: dict[int, tuple[str, list[str]]] = {}
    memberships = (ClinicMembership.objects
                   .filter(clinic__locations__practitioners=credential.practitioner_id)
                   .exclude(user__email="").select_related("clinic", "user")
                   .order_by("clinic_id", "user__email").distinct())
    for membership in memberships:
        name, emails = found.setdefault(membership.clinic_id, (membership.clinic.name, []))
        if membership.user.email not in emails:
            emails.append(membership.user.email)
    return found


@transaction.atomic
def _remind(credential: Credential, expires_on: date, days_before: int,
            today: date) -> str | None:
    """Record and queue one reminder; None when it was already sent (or is being sent)."""
    reminder, created = ExpiryReminder.objects.get_or_create(
        credential=credential, expires_on=expires_on, days_before=days_before,
        defaults={"sent_on": today})
    if not created:
        return None
    written = []
    for clinic_id, (clinic_name, emails) in _members_by_clinic(credential).items():
        send_templated(to=emails, template="licence_expiry", context={
            "credential": credential, "practitioner": credential.practitioner,
            "clinic_name": clinic_name, "days_left": (expires_on - today).days,
            "link": absolute(reverse("owners:clinic", kwargs={"clinic_pk": clinic_id})),
        })
        written += emails
    reminder.recipients = "\n".join(written)
    reminder.save(update_fields=["recipients"])
    return (f"{days_before}-day reminder for {credential} (expires {expires_on}) "
            f"to {len(written)} address(es)")


def send_expiry_reminders(today: date) -> list[str]:
    furthest = today.toordinal() + max(REMINDER_DAYS)
    expiring = (Credential.objects.licences()
                .filter(expires_on__gte=today, expires_on__lte=date.fromordinal(furthest))
                .select_related("practitioner").order_by("expires_on", "pk"))
    done = []
    for credential in expiring:
        expires_on = credential.expires_on
        if expires_on is None:  # excluded by the filter; says so to the type checker
            continue
        step = reminder_step(expires_on, today)
        if step is not None and (line := _remind(credential, expires_on, step, today)):
            done.append(line)
    return done


def mark_lapsed(today: date) -> list[str]:
    lapsed = (Credential.objects.filter(status=Credential.Status.VERIFIED, expires_on__lt=today)
              .select_related("practitioner").order_by("expires_on", "pk"))
    done = []
    for credential in lapsed:
        services.mark_credential_lapsed(credential=credential)
        done.append(f"{credential} marked expired (expired on {credential.expires_on})")
    return done


def run_trust_sweep() -> TrustSweep:
    """Send due expiry reminders, mark lapsed licences, and record what was done."""
    started_at = timezone.now()
    today = timezone.localdate(started_at)
    report = SweepReport(ran_on=today)
    report.lapsed = mark_lapsed(today)
    report.reminders = send_expiry_reminders(today)
    sweep = TrustSweep.objects.create(
        ran_on=today, started_at=started_at, finished_at=timezone.now(),
        reminders_sent=len(report.reminders), lapsed_marked=len(report.lapsed),
        log="\n".join(report.lapsed + report.reminders))
    log.info("trust sweep for %s: %s reminder(s), %s licence(s) marked expired", today,
             sweep.reminders_sent, sweep.lapsed_marked)
    return sweep


@task()
def trust_sweep() -> int:
    """The sweep as a background task; returns the TrustSweep row's id."""
    return run_trust_sweep().pk
