"""Every email goes through the task queue: the request never waits on the mail server, a
failed send keeps the record whole and is retried with backoff by the worker (no cron), and
each message is delivered once. These run the site's real queue: the database backend with
its `db_worker` command, and RQ on the Redis at 127.0.0.1:6379.
"""

import runpy
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from clinics.owners.models import ContactRequest, Invitation
from directory import mail, tasks
from tests import servers
from tests.factories import UserFactory

# The worker runs each task in its own transactions and closes stale connections between
# tasks, as in production, so these tests commit for real (serialized rollback puts the
# seeded rows back afterwards).
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True),
              pytest.mark.usefixtures("empty_database_for_serialized_rollback")]

BROKEN = "tests.directory.test_tasks.BrokenEmailBackend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"
ENQUIRY = {"name": "Jo Patient", "email": "jo@example.net", "phone": "",
           "preferred_contact": "email", "message": "Do you treat fibromyalgia?",
           "consent": "on"}


class BrokenEmailBackend:
    """An SMTP server that refuses connections."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


@pytest.fixture
def database_queue(settings):
    """The production default: tasks wait in the database until `db_worker` runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}


def run_worker():
    """What `manage.py db_worker` does, once over every task that is due now."""
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def results(status=None):
    rows = DBTaskResult.objects.order_by("enqueued_at")
    return list(rows.filter(status=status) if status else rows)


def test_an_enquiry_with_the_mail_server_down_is_kept_and_delivered_once_it_returns(
        client, listing, settings, mailoutbox, database_queue, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.EMAIL_BACKEND = BROKEN

    # By phone only: no receipt to the patient, so the queue holds the clinic's email alone.
    response = client.post(reverse("visitors:clinic-contact", args=[listing.clinic.slug]),
                           {"clinic": listing.clinic.pk, **ENQUIRY, "email": "",
                            "phone": "512-555-0123", "preferred_contact": "phone"})
    queued = results()
    run_worker()  # attempt 1 fails: a retry is queued a minute on
    after_first = ContactRequest.objects.get()
    run_worker()  # nothing is due yet
    time_machine.shift(timedelta(seconds=61))
    run_worker()  # attempt 2 fails: the next waits five minutes
    settings.EMAIL_BACKEND = WORKING
    time_machine.shift(timedelta(seconds=301))
    run_worker()  # attempt 3 goes through
    time_machine.shift(timedelta(days=3))
    run_worker()  # and nothing is left to send

    sent = ContactRequest.objects.get()
    assert response.status_code == 302
    assert [r.task_path for r in queued] == ["clinics.owners.services.messages.email_contact_request"]
    assert (after_first.email_status, after_first.email_attempts) == ("pending", 1)
    assert after_first.email_last_error == "ConnectionRefusedError: SMTP server unreachable"
    assert (sent.email_status, sent.email_attempts, sent.email_last_error) == ("sent", 3, "")
    assert len(mailoutbox) == 1
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in results()] == [1, 2, 3]
    assert {r.status for r in results()} == {TaskResultStatus.SUCCESSFUL}


def test_an_invitation_with_the_mail_server_down_is_saved_once_and_sent_later(
        client, listing, settings, mailoutbox, database_queue, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.EMAIL_BACKEND = BROKEN
    client.force_login(listing.owner)

    response = client.post(reverse("owners:invite", args=[listing.clinic.pk]),
                           {"email": "colleague@example.org", "role": "manager"})
    run_worker()
    settings.EMAIL_BACKEND = WORKING
    time_machine.shift(timedelta(seconds=61))
    run_worker()

    assert response.status_code == 302
    assert Invitation.objects.count() == 1
    assert [m.to for m in mailoutbox] == [["colleague@example.org"]]
    assert "/account/invitations/" in mailoutbox[0].body


def test_a_sign_up_with_the_mail_server_down_keeps_the_account_and_sends_the_link_later(
        client, settings, mailoutbox, database_queue, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.EMAIL_BACKEND = BROKEN

    response = client.post(reverse("accounts:signup"), {
        "email": "new.owner@example.org", "password1": "correct-horse-battery",
        "password2": "correct-horse-battery"})
    run_worker()
    settings.EMAIL_BACKEND = WORKING
    time_machine.shift(timedelta(seconds=61))
    run_worker()

    assert response.status_code == 302
    assert get_user_model().objects.get().is_active is False
    assert [m.to for m in mailoutbox] == [["new.owner@example.org"]]
    assert "/account/confirm/" in mailoutbox[0].body


def test_a_failed_save_queues_no_email(client, listing, mailoutbox, database_queue):
    # The same address invited twice: the second is refused, and queues nothing.
    client.force_login(listing.owner)
    UserFactory(username="member@example.org", email="member@example.org")
    listing.clinic.memberships.create(user=get_user_model().objects.get(
        username="member@example.org"), role="manager")

    response = client.post(reverse("owners:invite", args=[listing.clinic.pk]),
                           {"email": "member@example.org", "role": "manager"})

    assert response.status_code == 200
    assert (Invitation.objects.count(), DBTaskResult.objects.count()) == (0, 0)


def test_a_password_reset_does_the_same_work_whether_or_not_the_account_exists(
        client, mailoutbox, database_queue):
    UserFactory(username="owner@example.org", email="owner@example.org")

    known = client.post(reverse("accounts:password-reset"), {"email": "owner@example.org"})
    unknown = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    queued = [(r.task_path, r.args_kwargs) for r in results()]
    sent_in_request = len(mailoutbox)
    run_worker()  # looks the addresses up and queues one email, for the real account
    run_worker()

    assert (known.status_code, unknown.status_code) == (302, 302)
    assert known["Location"] == unknown["Location"]
    assert queued == [
        ("directory.accounts.services.send_password_reset",
         {"args": [], "kwargs": {"email": "owner@example.org"}}),
        ("directory.accounts.services.send_password_reset",
         {"args": [], "kwargs": {"email": "nobody@example.org"}}),
    ]
    assert sent_in_request == 0
    assert [m.to for m in mailoutbox] == [["owner@example.org"]]
    assert "/account/password/reset/" in mailoutbox[0].body


def test_after_the_last_attempt_the_task_fails_for_staff_to_see_and_run_again(
        staff_client, settings, mailoutbox, database_queue):
    settings.EMAIL_BACKEND = BROKEN
    mail.send_email.enqueue(to=["clinic@example.org"], subject="Hello", body="Body",
                            attempt=tasks.max_attempts())
    run_worker()
    failed = DBTaskResult.objects.get()
    index = staff_client.get(reverse("admin:index"))
    changelist = staff_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"),
                                  {"status__exact": "FAILED"})

    settings.EMAIL_BACKEND = WORKING
    staff_client.post(reverse("admin:django_tasks_database_dbtaskresult_changelist"), {
        "action": "run_again", "_selected_action": [str(failed.pk)]})
    run_worker()

    assert failed.status == TaskResultStatus.FAILED
    assert "ConnectionRefusedError" in failed.traceback
    assert "Failed background tasks" in index.content.decode()
    row = changelist.content.decode()
    assert "send_email" in row and "builtins.ConnectionRefusedError" in row
    rerun = DBTaskResult.objects.exclude(pk=failed.pk).get()
    assert (rerun.status, rerun.args_kwargs["kwargs"]["attempt"]) == (
        TaskResultStatus.SUCCESSFUL, 1)
    assert [m.subject for m in mailoutbox] == ["Hello"]


def test_the_retry_delays_come_from_the_setting(settings, mailoutbox, database_queue,
                                                time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    settings.EMAIL_BACKEND = BROKEN
    settings.TASK_RETRY_DELAYS = (7, 11)
    mail.send_email.enqueue(to=["clinic@example.org"], subject="Hello", body="Body")

    run_worker()  # attempt 1 fails: attempt 2 waits 7 s, not a minute
    time_machine.shift(timedelta(seconds=6))
    run_worker()  # not due yet
    waiting = len(results())
    time_machine.shift(timedelta(seconds=2))
    run_worker()  # attempt 2 fails: attempt 3 waits 11 s
    time_machine.shift(timedelta(seconds=12))
    run_worker()  # attempt 3, after the last delay, is the final one

    rows = results()
    assert tasks.retry_delays() == (7, 11) and tasks.max_attempts() == 3
    assert waiting == 2
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in rows] == [1, 2, 3]
    assert [(r.run_after - r.enqueued_at).total_seconds() for r in rows[1:]] == [7, 11]
    assert [r.status for r in rows] == [TaskResultStatus.SUCCESSFUL, TaskResultStatus.SUCCESSFUL,
                                        TaskResultStatus.FAILED]
    assert mailoutbox == []


def test_the_retry_delays_are_read_from_the_environment(monkeypatch, settings):
    settings_file = str(settings.BASE_DIR / "directory" / "settings.py")
    assert tuple(runpy.run_path(settings_file)["TASK_RETRY_DELAYS"]) == (
        60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600)

    monkeypatch.setenv("DJANGO_TASK_RETRY_DELAYS", "")
    assert len(runpy.run_path(settings_file)["TASK_RETRY_DELAYS"]) == 8
    monkeypatch.setenv("DJANGO_TASK_RETRY_DELAYS", "1, 2,4")
    assert runpy.run_path(settings_file)["TASK_RETRY_DELAYS"] == (1, 2, 4)
    for wrong in ("soon", "-1", ","):
        monkeypatch.setenv("DJANGO_TASK_RETRY_DELAYS", wrong)
        with pytest.raises(ImproperlyConfigured):
            runpy.run_path(settings_file)


def test_owners_cannot_see_or_rerun_tasks(client, listing, database_queue, settings):
    settings.EMAIL_BACKEND = BROKEN
    mail.send_email.enqueue(to=["clinic@example.org"], subject="Hello", body="Body",
                            attempt=tasks.max_attempts())
    run_worker()
    failed = DBTaskResult.objects.get()
    client.force_login(listing.owner)

    page = client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    rerun = client.post(reverse("admin:django_tasks_database_dbtaskresult_changelist"), {
        "action": "run_again", "_selected_action": [str(failed.pk)]})

    assert page.status_code == 302 and "/admin/login/" in page["Location"]
    assert rerun.status_code == 302 and "/admin/login/" in rerun["Location"]
    assert DBTaskResult.objects.count() == 1


# RQ on the real Redis




@pytest.fixture
def rq_queue(settings):
    import django_rq

    url = servers.redis_url(15)
    settings.RQ_QUEUES = {"default": {"URL": url, "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend",
                                  "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    queue.empty()
    for registry in (queue.scheduled_job_registry, queue.failed_job_registry,
                     queue.finished_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
    yield queue
    queue.empty()


def test_rq_sends_after_commit_and_schedules_a_retry_when_the_send_fails(
        rq_queue, settings, mailoutbox):
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    with transaction.atomic():
        mail.send_templated(to=["a@example.org"], template="account_exists", context={})
        waiting_before_commit = rq_queue.count
    SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job).work(burst=True)
    settings.EMAIL_BACKEND = BROKEN
    with transaction.atomic():
        mail.send_templated(to=["b@example.org"], template="account_exists", context={})
    SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job).work(burst=True)

    scheduled = rq_queue.scheduled_job_registry.get_job_ids()
    assert waiting_before_commit == 0
    assert [m.to for m in mailoutbox] == [["a@example.org"]]
    assert len(scheduled) == 1
    retry_at = rq_queue.scheduled_job_registry.get_scheduled_time(scheduled[0])
    assert timedelta(seconds=50) < retry_at - timezone.now() < timedelta(seconds=70)
