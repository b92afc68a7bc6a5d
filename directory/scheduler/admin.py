"""Scheduled jobs in the staff site, read-only: when each is next due and when it ran."""

from django.contrib import admin

from directory.admin import ReadOnlyAdmin

from .models import JobRun, ScheduledJob


class JobRunInline(admin.TabularInline):
    model = JobRun
    fields = ("due_at", "enqueued_at", "task_result_id")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-enqueued_at")


@admin.register(ScheduledJob)
class ScheduledJobAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("name", "next_run_at", "last_enqueued_at")
    readonly_fields = list_display
    inlines = [JobRunInline]
