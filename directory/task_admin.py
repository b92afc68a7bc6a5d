"""Background tasks in the staff site: failures are visible, and staff can run one again.

django-tasks-db registers a read-only admin for its task results; this one replaces it with
the same read-only view plus an action that queues a failed task afresh (as attempt 1, with
a full round of retries), and puts the count of failed tasks on the admin's index page.
"""

import dataclasses

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django_tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .admin import Queue, register_queue


class TaskResultAdmin(DBTaskResultAdmin):
    actions = ["run_again"]
    list_display = ("task_name", "status", "attempt", "enqueued_at",  # type: ignore[assignment]
                    "run_after_display", "finished_at", "exception_class_path")
    search_fields = ("task_path", "exception_class_path")

    @admin.display(description="attempt")
    def attempt(self, obj: DBTaskResult) -> int:
        return int(obj.args_kwargs.get("kwargs", {}).get("attempt", 1))

    @admin.display(description="run after")
    def run_after_display(self, obj: DBTaskResult) -> object:
        return self.display_run_after(obj)

    def has_change_permission(self, request: HttpRequest, obj: DBTaskResult | None = None
                              ) -> bool:
        # Nothing on the page can be edited, but the action needs change permission.
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")

    @admin.action(description="Run the selected failed tasks again",
                  permissions=["change"])
    def run_again(self, request: HttpRequest, queryset: QuerySet[DBTaskResult]) -> None:
        failed = queryset.filter(status=TaskResultStatus.FAILED)
        count = 0
        for result in failed:
            kwargs = {**result.args_kwargs.get("kwargs", {})}
            if "attempt" in kwargs:
                kwargs["attempt"] = 1
            task = dataclasses.replace(result.task, run_after=None)  # due now
            task.enqueue(*result.args_kwargs.get("args", []), **kwargs)
            count += 1
        skipped = queryset.count() - count
        self.message_user(request, f"{count} task(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(request, f"{skipped} task(s) skipped: only failed tasks run "
                              "again.", messages.WARNING)


def register(site: admin.AdminSite) -> None:
    if site.is_registered(DBTaskResult):
        site.unregister(DBTaskResult)
    site.register(DBTaskResult, TaskResultAdmin)
    register_queue(Queue(
        label="Failed background tasks",
        changelist="admin:django_tasks_database_dbtaskresult_changelist",
        query=f"status__exact={TaskResultStatus.FAILED}",
        count=lambda: DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count(),
        permission="django_tasks_database.view_dbtaskresult",
    ))
