"""Scheduled jobs: queued when due, once however many schedulers run, and each run recorded.

The purge of replaced documents is the first job; these tests run it through the real
queue (the immediate backend the tests use, and the database backend with its worker).
"""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinics.tasks import purge_replaced_documents
from directory.scheduler import jobs
from directory.scheduler.models import JobRun, ScheduledJob

PURGE = "purge-replaced-documents"
REGISTERED = dict(jobs.JOBS)  # as the apps registered them when Django started


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def only_the_purge(monkeypatch):
    """These tests follow one job, the purge; the other registered jobs (the trust sweep)
    have tests of their own."""
    monkeypatch.setattr(jobs, "JOBS", {PURGE: REGISTERED[PURGE]})


def runs(name=PURGE):
    return list(JobRun.objects.filter(job__name=name).values_list("due_at", flat=True))


def test_the_daily_jobs_are_registered():
    from clinics.expiry import trust_sweep
    from clinics.freshness import listing_freshness

    registered = {name: (job.task, job.every) for name, job in REGISTERED.items()}

    assert registered == {PURGE: (purge_replaced_documents, timedelta(days=1)),
                          "trust-sweep": (trust_sweep, timedelta(days=1)),
                          "listing-freshness": (listing_freshness, timedelta(days=1))}


@pytest.mark.django_db
def test_a_new_job_runs_at_once_and_is_next_due_a_day_later():
    now = timezone.now()

    queued = jobs.run_due_jobs(now=now)

    assert [run.job.name for run in queued] == [PURGE]
    assert runs() == [now]
    assert ScheduledJob.objects.get(name=PURGE).next_run_at == now + timedelta(days=1)


@pytest.mark.django_db
def test_a_job_is_not_queued_again_before_it_is_due():
    now = timezone.now()
    jobs.run_due_jobs(now=now)

    again = jobs.run_due_jobs(now=now + timedelta(days=1) - timedelta(seconds=1))

    assert again == []
    assert runs() == [now]


@pytest.mark.django_db
def test_a_job_is_queued_when_due_and_keeps_its_rhythm():
    now = timezone.now()
    jobs.run_due_jobs(now=now)

    jobs.run_due_jobs(now=now + timedelta(days=1, minutes=5))

    assert runs() == [now + timedelta(days=1), now]
    assert ScheduledJob.objects.get(name=PURGE).next_run_at == now + timedelta(days=2)


@pytest.mark.django_db
def test_missed_runs_are_caught_up_with_one_run():
    now = timezone.now()
    jobs.run_due_jobs(now=now)

    queued = jobs.run_due_jobs(now=now + timedelta(days=3, hours=2))

    assert len(queued) == 1
    assert ScheduledJob.objects.get(name=PURGE).next_run_at == now + timedelta(days=4)


@pytest.mark.django_db
def test_the_command_queues_the_purge_into_the_database_queue_once(database_queue, capsys):
    call_command("run_scheduled_jobs")
    call_command("run_scheduled_jobs")

    results = DBTaskResult.objects.filter(task_path=purge_replaced_documents.module_path)
    assert results.count() == 1
    assert JobRun.objects.get().task_result_id == str(results.get().id)
    assert capsys.readouterr().out.splitlines()[1] == "nothing due"


# The worker closes its connection between tasks, as in production, so this commits for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_for_serialized_rollback")
def test_the_queued_purge_deletes_replaced_documents_when_the_worker_runs_it(
    database_queue, listing, private_media, settings
):
    from django.core.files.base import ContentFile

    from clinics import services
    from clinics.models import RetiredDocument
    from clinics.storage import document_storage
    from tests.documents import PDF

    old_name = document_storage().save("credentials/old.pdf", ContentFile(PDF))
    RetiredDocument.objects.create(
        credential=listing.credential, name=old_name,
        replaced_at=timezone.now() - timedelta(days=settings.DOCUMENT_RETENTION_DAYS + 1))
    recent_name = document_storage().save("credentials/recent.pdf", ContentFile(PDF))
    services.retire_replaced_document(credential=listing.credential,
                                      previous_name=recent_name, by=None)

    jobs.run_due_jobs()
    call_command("db_worker", "--batch", "--queue-name", "default", verbosity=0)

    result = DBTaskResult.objects.get(task_path=purge_replaced_documents.module_path)
    assert (result.status, result.return_value) == ("SUCCESSFUL", 1)
    assert not document_storage().exists(old_name)
    assert document_storage().exists(recent_name)


# Threads use connections of their own, so this test commits for real (serialized rollback
# puts the seeded rows back afterwards, as in test_tasks.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_for_serialized_rollback")
def test_schedulers_running_at_once_queue_a_due_job_once(database_queue):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent connections to one test database need PostgreSQL")
    now = timezone.now()
    start = threading.Barrier(6)
    errors = []

    def scheduler():
        try:
            start.wait()
            jobs.run_due_jobs(now=now)
        except Exception as error:  # reported below, with the thread's own traceback lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert runs() == [now]
    assert DBTaskResult.objects.filter(
        task_path=purge_replaced_documents.module_path).count() == 1


@pytest.mark.django_db
def test_staff_see_each_job_and_its_runs(staff_client):
    now = timezone.now()
    jobs.run_due_jobs(now=now)
    job = ScheduledJob.objects.get(name=PURGE)

    changelist = staff_client.get("/admin/scheduler/scheduledjob/")
    change = staff_client.get(f"/admin/scheduler/scheduledjob/{job.pk}/change/")

    assert changelist.status_code == change.status_code == 200
    assert PURGE in changelist.content.decode()
    assert change.content.decode().count('class="field-due_at"') == 1
