"""The daily trust sweep: reminders 60, 30 and 7 days before a licence expires, each sent
once and recorded; lapsed licences marked expired; a record of each run."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clinics import expiry
from clinics.models import Credential, ExpiryReminder, SearchEntry, TrustSweep
from tests.factories import CredentialFactory, MembershipFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def expiring_in(listing, days):
    listing.credential.expires_on = timezone.localdate() + days * DAY
    listing.credential.save()
    return listing.credential


@pytest.mark.parametrize(("days_left", "step"), [(60, 60), (45, 60), (30, 30), (8, 30), (7, 7),
                                                 (0, 7)])
def test_sweep_emails_clinic_members_at_each_step(listing, mailoutbox, days_left, step):
    credential = expiring_in(listing, days_left)

    sweep = expiry.run_trust_sweep()

    [message] = mailoutbox
    assert message.to == ["owner@example.org"]
    assert "Rosa Imai" in message.subject and f"{days_left} day" in message.subject
    assert f"/account/clinics/{listing.clinic.pk}/" in message.body
    [reminder] = ExpiryReminder.objects.all()
    assert (reminder.credential, reminder.days_before, reminder.recipients) == (
        credential, step, "owner@example.org")
    assert sweep.reminders_sent == 1


@pytest.mark.parametrize("days_left", [61, 400, -1])
def test_sweep_sends_nothing_outside_the_window(listing, mailoutbox, days_left):
    expiring_in(listing, days_left)

    expiry.run_trust_sweep()

    assert mailoutbox == []
    assert not ExpiryReminder.objects.exists()


def test_sweep_twice_on_one_day_sends_once(listing, mailoutbox):
    expiring_in(listing, 30)

    expiry.run_trust_sweep()
    second = expiry.run_trust_sweep()

    assert len(mailoutbox) == 1
    assert second.reminders_sent == 0


def test_sweep_sends_each_step_once_as_the_licence_nears_expiry(listing, mailoutbox):
    expiring_in(listing, 60)
    start = timezone.now()

    sent_at = []
    for day in range(61):
        with time_machine.travel(start + day * DAY, tick=False):
            if expiry.run_trust_sweep().reminders_sent:
                sent_at.append(day)

    assert sent_at == [0, 30, 53]  # 60, 30 and 7 days before
    assert sorted(ExpiryReminder.objects.values_list("days_before", flat=True)) == [7, 30, 60]


def test_sweep_renewed_licence_gets_reminders_again_for_its_new_expiry(listing, mailoutbox):
    credential = expiring_in(listing, 7)
    expiry.run_trust_sweep()
    credential.expires_on += 365 * DAY
    credential.save()

    with time_machine.travel(timezone.now() + 320 * DAY, tick=False):
        expiry.run_trust_sweep()

    assert len(mailoutbox) == 2


def test_sweep_writes_to_members_of_each_clinic_separately(listing, mailoutbox, place_at):
    other = place_at(30.25, -97.75)
    listing.practitioner.locations.add(other)
    MembershipFactory(clinic=other.clinic, user__email="other@example.org")
    MembershipFactory(clinic=listing.clinic, user__email="manager@example.org")
    expiring_in(listing, 30)

    expiry.run_trust_sweep()

    assert sorted(m.to for m in mailoutbox) == [["manager@example.org", "owner@example.org"],
                                                ["other@example.org"]]


def test_sweep_marks_lapsed_licences_expired_and_records_it(listing):
    lapsed = CredentialFactory(expires_on=timezone.localdate() - DAY)
    current = listing.credential

    sweep = expiry.run_trust_sweep()

    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert (lapsed.status, current.status) == (Credential.Status.EXPIRED,
                                               Credential.Status.VERIFIED)
    assert lapsed.next_check_due is None
    assert lapsed.history.first().history_change_reason.startswith("Marked expired")
    assert (sweep.lapsed_marked, sweep.reminders_sent) == (1, 0)
    assert str(lapsed) in sweep.log
    assert list(TrustSweep.objects.all()) == [sweep]
    assert not SearchEntry.objects.filter(practitioner=lapsed.practitioner).exists()


@pytest.mark.parametrize("local_time", [datetime.time(23, 30), datetime.time(0, 30)],
                         ids=["23:30 local", "00:30 local"])
def test_sweep_near_midnight_uses_the_local_date(local_time, listing, mailoutbox):
    day = datetime.date(2026, 6, 15)
    moment = datetime.datetime.combine(day, local_time, tzinfo=ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(moment, tick=False):
        listing.credential.expires_on = day + 7 * DAY
        listing.credential.save()
        expires_today = CredentialFactory(expires_on=day)
        expired_yesterday = CredentialFactory(expires_on=day - DAY)

        sweep = expiry.run_trust_sweep()

    expires_today.refresh_from_db()
    expired_yesterday.refresh_from_db()
    assert sweep.ran_on == day
    assert (expires_today.status, expired_yesterday.status) == (
        Credential.Status.VERIFIED, Credential.Status.EXPIRED)
    assert ExpiryReminder.objects.get(credential=listing.credential).days_before == 7


def test_run_trust_sweep_command_runs_and_reports(listing, mailoutbox):
    expiring_in(listing, 7)
    out = io.StringIO()

    call_command("run_trust_sweep", stdout=out)

    assert "1 reminder(s) sent, 0 licence(s) marked expired" in out.getvalue()
    assert len(mailoutbox) == 1


def test_run_trust_sweep_command_enqueue_runs_through_the_task_backend(listing, mailoutbox):
    expiring_in(listing, 7)
    out = io.StringIO()

    call_command("run_trust_sweep", "--enqueue", stdout=out)  # the immediate backend in tests

    assert "queued" in out.getvalue()
    assert TrustSweep.objects.get().reminders_sent == 1


def test_admin_credential_page_lists_the_reminders_sent(listing, staff_client):
    expiring_in(listing, 30)
    expiry.run_trust_sweep()

    html = staff_client.get(reverse("admin:clinics_credential_change",
                                    args=[listing.credential.pk])).content.decode()

    assert "Expiry reminders" in html
    assert "owner@example.org" in html
