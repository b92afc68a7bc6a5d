"""One row per registered job (when it is next due), and one per time it was queued."""

from django.db import models


class ScheduledJob(models.Model):
    """The schedule's state for one job of directory.scheduler.jobs.JOBS, by name.

    Whoever queues the job moves next_run_at on in the same transaction, with the row locked,
    so two schedulers running at once queue it once.
    """

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class JobRun(models.Model):
    """The job was queued for the time it was due (the task's outcome is its task result)."""

    job = models.ForeignKey(ScheduledJob, on_delete=models.CASCADE, related_name="runs")
    due_at = models.DateTimeField()
    enqueued_at = models.DateTimeField()
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-enqueued_at"]
        # The lock above is the rule; this keeps it should a backend ignore the lock.
        constraints = [models.UniqueConstraint(fields=["job", "due_at"],
                                               name="one_run_per_due_time")]

    def __str__(self):
        return f"{self.job} due {self.due_at:%Y-%m-%d %H:%M}"
