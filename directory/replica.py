"""Reads from a PostgreSQL read replica, writes to the primary (DATABASE_REPLICA_URL).

settings.py installs the router and the middleware only when DATABASE_REPLICA_URL is set;
without it nothing here runs.

- Only web requests read from the replica. ReplicaMiddleware opens a read scope around each
  request; outside one (management commands, the shell, background work) every read goes
  to the primary, and so does a read inside a transaction on the primary.
- Pinning, so that nobody sees their own change vanish while the replica catches up: a
  request that is not safe (POST, PUT, ...) reads from the primary throughout, and any
  request reads from the primary once it has written. Either kind of response sets a
  cookie that lasts DATABASE_REPLICA_PIN_SECONDS, and while the browser sends it back
  every read goes to the primary.
- Fallback: the first read of a request checks the replica's connection (Django's health
  check: one ping on a kept connection, or a new connection, which has a connect timeout).
  When that fails, the replica counts as down for DATABASE_REPLICA_RETRY_SECONDS and reads
  go to the primary. A view that loses the replica halfway runs again on the primary, as
  long as it has not written.
- Migrations run on the primary only; the replica copies them.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase
from django.template.response import SimpleTemplateResponse

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "read_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
DOWN_CACHE_KEY = "directory.replica.down"
# What a lost or refused connection raises, and what a query cancelled by replay raises.
CONNECTION_ERRORS = (OperationalError, InterfaceError)

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class ReadScope:
    """Where the reads of the current request go. It is changed in place, so that a write
    made anywhere in the request, even in a copied context, is seen by the middleware."""

    replica: bool  # reads may go to the replica
    wrote: bool = False  # something was written: the response pins the reader to the primary
    checked: bool = False  # the replica's connection has been checked in this scope


_scope: ContextVar[ReadScope | None] = ContextVar("directory_replica_scope", default=None)


@contextmanager
def read_scope(*, replica: bool) -> Iterator[ReadScope]:
    """Reads inside the block may go to the replica (if `replica`) until something writes."""
    scope = ReadScope(replica=replica)
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def replica_available() -> bool:
    """Whether the replica answers; a failure is remembered for the retry interval."""
    if cache.get(DOWN_CACHE_KEY):
        return False
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    except CONNECTION_ERRORS as error:
        mark_replica_down(error)
        return False
    return True


def mark_replica_down(error: Exception) -> None:
    """Send reads to the primary for DATABASE_REPLICA_RETRY_SECONDS."""
    seconds = settings.DATABASE_REPLICA_RETRY_SECONDS
    logger.warning("Read replica unavailable; reading from the primary for %s s: %s",
                   seconds, error)
    cache.set(DOWN_CACHE_KEY, True, seconds)


# Django's DatabaseCache (the "shared" cache without REDIS_URL) routes its table as this app.
SHARED_CACHE_APP = "django_cache"


class PrimaryReplicaRouter:
    """Reads go to the replica inside a read scope that allows it; all else to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        if model._meta.app_label == SHARED_CACHE_APP:
            return PRIMARY  # what every process must agree on is read where it is written
        scope = _scope.get()
        if scope is None or not scope.replica or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if not scope.checked:
            scope.checked = True
            scope.replica = replica_available()
        return REPLICA if scope.replica else PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        scope = _scope.get()
        # A cache entry is not the visitor's write: it does not pin them to the primary.
        if scope is not None and model._meta.app_label != SHARED_CACHE_APP:
            scope.replica, scope.wrote = False, True
        return PRIMARY

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # The replica holds the primary's rows, so an object read from either is the same.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None,
                      **hints: Any) -> bool | None:
        return False if db == REPLICA else None


class ReplicaMiddleware:
    """Opens the read scope of each request, and pins a reader who wrote to the primary.

    Goes before the session middleware, so that a session saved on the way out counts as a
    write of this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        safe = request.method in SAFE_METHODS
        with read_scope(replica=safe and PIN_COOKIE not in request.COOKIES) as scope:
            response = self.get_response(request)
        if not safe or scope.wrote:
            response.set_cookie(
                PIN_COOKIE, "1", max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
            )
        return response

    def process_exception(self, request: HttpRequest,
                          exception: Exception) -> HttpResponseBase | None:
        """Run a view again on the primary when the replica failed under it.

        The check at the first read cannot see a replica that goes away a moment later, or
        a query that replay cancels ("conflict with recovery"); without this, those would
        be server errors. Only a view that has not written is run again (a write turns the
        scope's replica off), and only once, since it then reads from the primary."""
        scope = _scope.get()
        if (scope is None or not scope.replica or not isinstance(exception, CONNECTION_ERRORS)
                or not connections[REPLICA].errors_occurred):
            return None
        mark_replica_down(exception)
        scope.replica = False
        match = request.resolver_match
        if match is None:
            return None
        response: HttpResponseBase = match.func(request, *match.args, **match.kwargs)
        if isinstance(response, SimpleTemplateResponse):
            # The exception may have come from rendering, which would not be tried again.
            response.render()
        return response
