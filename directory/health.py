"""`/healthz` for load balancers and uptime checks: is this process able to serve?

It checks the database (a round trip on the default connection) and every configured cache
(a write and a read back), and answers 200 with each check's result, or 503 naming what
failed. It runs as the first middleware, ahead of the host check, the HTTPS redirect,
sessions and logins: a load balancer probes by IP address over plain HTTP, and the answer
must not depend on a session table or a cookie. It reveals nothing but "ok" or the kind of
failure.
"""

import functools
import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

PATH = "/healthz"
log = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def check_cache(alias: str) -> None:
    cache = caches[alias]
    key, token = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, 30)
    try:
        if cache.get(key) != token:
            raise RuntimeError("value not read back")
    finally:
        cache.delete(key)


def run_checks() -> dict[str, str]:
    """Each check's outcome: "ok", or the exception's class name (details go to the log)."""
    checks: dict[str, Callable[[], None]] = {"database": check_database}
    for alias, config in settings.CACHES.items():
        if not config["BACKEND"].endswith(".DummyCache"):  # turned off: nothing to check
            checks[f"cache:{alias}"] = functools.partial(check_cache, alias)
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as error:  # any failure means "not healthy", never a 500
            log.warning("health check %s failed: %r", name, error)
            results[name] = type(error).__name__
        else:
            results[name] = "ok"
    return results


def healthz() -> HttpResponse:
    start = time.perf_counter()
    results = run_checks()
    healthy = all(value == "ok" for value in results.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results,
         "ms": round((time.perf_counter() - start) * 1000, 1)},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """Answers GET/HEAD /healthz before any other middleware runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return healthz()
        return self.get_response(request)
