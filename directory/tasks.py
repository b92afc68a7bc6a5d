"""Background work through Django's task API (the django-tasks backport of django.tasks).

Two rules every task of the site follows:

- enqueue() ties a task to the write that caused it. With the database backend the task row
  is written in the same transaction as the data, so both are kept or neither is. Queues
  outside the database (Redis) get the task only once the transaction commits, so a worker
  never runs it against rows it cannot see yet. The immediate backend (development, tests)
  runs it on the spot.
- A task that fails for a reason that may pass (a mail server down) calls retry_later(),
  which enqueues it again after a growing delay: a minute, then five, and so on up to a day,
  about two days in all. After the last attempt it fails for good, and staff see it under
  "Task results" in the admin, where they can run it again.

Retries need no cron: a backend that defers (database, RQ) runs a task at its `run_after`
time. Periodic jobs (daily purges, reminders) are queued by directory/scheduler/jobs.py,
from one cron line.
"""

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import Task, TaskResult
from django_tasks_db import DatabaseBackend

log = logging.getLogger(__name__)


def retry_delays() -> tuple[int, ...]:
    """Seconds before attempt 2, 3, ...; the attempt after the last delay is the final one
    (settings.TASK_RETRY_DELAYS, from DJANGO_TASK_RETRY_DELAYS)."""
    return tuple(settings.TASK_RETRY_DELAYS)


def max_attempts() -> int:
    return len(retry_delays()) + 1


def enqueue(task: Task, *args: Any, **kwargs: Any) -> TaskResult | None:
    """Queue `task` with the current transaction's writes (see the module docstring); its
    result, or None when the queue gets it only at the commit."""
    backend = task.get_backend()
    if isinstance(backend, DatabaseBackend | ImmediateBackend):
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs), using=None, robust=True)
    return None


def retry_later(task: Task, *, attempt: int, error: BaseException, **kwargs: Any) -> None:
    """Queue attempt + 1 of `task` after its delay, or raise `error` when none are left.

    `kwargs` are the task's own arguments; the task must take `attempt` as a keyword.
    Backends that cannot defer (immediate) get no retry: the error is logged and raised,
    which marks the task failed.
    """
    backend = task.get_backend()
    if attempt >= max_attempts() or not backend.supports_defer:
        log.error("task %s failed for good after %s attempt(s): %r", task.module_path,
                  attempt, error)
        raise error
    delay = retry_delays()[attempt - 1]
    log.warning("task %s attempt %s failed (%r); retrying in %s s", task.module_path,
                attempt, error, delay)
    task.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        attempt=attempt + 1, **kwargs)


def backend_description() -> str:
    """How tasks run here, for `make run` and the deployment checks."""
    backend = task_backends["default"]
    if isinstance(backend, ImmediateBackend):
        return "tasks run immediately, inside the request (DJANGO_TASKS=immediate)"
    if isinstance(backend, DatabaseBackend):
        return "tasks queue in the database; run `python manage.py db_worker`"
    return "tasks queue in Redis; run `python manage.py rqworker default --with-scheduler`"
