"""The registry of periodic jobs and the one entry point that queues those due.

An app registers its jobs when it loads (`register_job(...)` in its AppConfig.ready()),
so this module never imports them, as the admin's queues work. `run_due_jobs()` runs from
one cron line (`manage.py run_scheduled_jobs`, every few minutes: docs/deploy.md). For each
job whose time has come it queues the task through directory.tasks.enqueue(), which ties the
task to the same transaction, moves the job's next time on and records a JobRun. The job's
row is locked while that happens (SELECT ... FOR UPDATE; on SQLite every write transaction
takes the database's write lock first), so two schedulers started at once queue a job once.

A job runs at most once per call however many of its times were missed (a scheduler down
for three days runs the daily purge once, then keeps its rhythm). The work itself happens
in the task worker, with the retries and the "failed tasks" list of directory/tasks.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks.base import Task

from directory import tasks

from .models import JobRun, ScheduledJob


@dataclass(frozen=True)
class Job:
    name: str
    task: Task  # takes no arguments
    every: timedelta


JOBS: dict[str, Job] = {}


def register_job(job: Job) -> None:
    if job.every <= timedelta(0):
        raise ValueError(f"Job {job.name!r} needs a positive interval.")
    JOBS[job.name] = job


def next_after(due: datetime, every: timedelta, now: datetime) -> datetime:
    """The first time after `now` on `due`'s rhythm."""
    return due + every * ((now - due) // every + 1)


def _schedule_row(job: Job, now: datetime) -> None:
    """The job's row, made due now if it is new (a second scheduler may make it too)."""
    if ScheduledJob.objects.filter(name=job.name).exists():
        return
    try:
        with transaction.atomic():
            ScheduledJob.objects.create(name=job.name, next_run_at=now)
    except IntegrityError:
        pass  # the other scheduler made it first


def run_due_jobs(*, now: datetime | None = None) -> list[JobRun]:
    """Queue every registered job that is due at `now`, once; the runs it recorded."""
    now = now or timezone.now()
    runs = []
    for job in JOBS.values():
        _schedule_row(job, now)
        try:
            with transaction.atomic():
                row = ScheduledJob.objects.select_for_update().get(name=job.name)
                if row.next_run_at > now:
                    continue
                result = tasks.enqueue(job.task)
                runs.append(JobRun.objects.create(
                    job=row, due_at=row.next_run_at, enqueued_at=now,
                    task_result_id=result.id if result is not None else ""))
                row.next_run_at = next_after(row.next_run_at, job.every, now)
                row.last_enqueued_at = now
                row.save(update_fields=["next_run_at", "last_enqueued_at"])
        except IntegrityError:
            continue  # another scheduler recorded this due time first; its task stands
    return runs
