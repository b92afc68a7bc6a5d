"""The staff site: Django admin with the moderation queues on its index page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.urls import reverse


@dataclass(frozen=True)
class Queue:
    label: str
    changelist: str  # admin URL name, e.g. "admin:clinics_clinic_changelist"
    query: str  # changelist filter, e.g. "status__exact=pending"
    count: Callable[[], int]
    permission: str  # the permission that lets someone work the queue


QUEUES: list[Queue] = []


def register_queue(queue: Queue) -> None:
    """Apps add their moderation queues here, so the admin never imports them."""
    QUEUES.append(queue)


class DirectoryAdminSite(admin.AdminSite):
    site_header = "Integrative Care Directory: staff"
    site_title = "Directory staff"
    index_title = "Moderation"
    index_template = "admin/directory_index.html"

    def index(self, request, extra_context=None):
        queues = [
            {
                "label": q.label,
                "count": q.count(),
                "url": f"{reverse(q.changelist, current_app=self.name)}?{q.query}",
            }
            for q in QUEUES
            if request.user.has_perm(q.permission)
        ]
        return super().index(request, {**(extra_context or {}), "queues": queues})
