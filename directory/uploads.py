"""Request bodies over settings.MAX_REQUEST_BODY_BYTES are refused before they are read.

DATA_UPLOAD_MAX_MEMORY_SIZE bounds form fields only: Django streams file parts to memory or
disk whatever their size, so a 60 MB "document" used to be read in full before the form said
no. This middleware looks at Content-Length alone and answers 413 with a page that says what
to do, reading nothing. A body without a Content-Length (chunked) is not read by Django
either: it takes the length as 0. The proxy in front has its own, outer limit
(docs/deploy.md).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def declared_length(request: HttpRequest) -> int:
    """The body's length as the client declares it; 0 if absent or malformed."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    """Ahead of anything that reads the body (CSRF checks read the form)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_REQUEST_BODY_BYTES
        if declared_length(request) > limit:
            return render(request, "413.html", {"limit_mb": limit // (1024 * 1024)},
                          status=413)
        return self.get_response(request)
