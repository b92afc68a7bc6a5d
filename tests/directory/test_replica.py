"""The read replica (directory/replica.py): pages read from a real streaming replica, a
visitor who writes reads their own change, and pages keep answering while the replica is down.

Tests marked `replica` need two PostgreSQL servers: DATABASE_URL, the primary, and
DATABASE_REPLICA_URL, a streaming replica of it (`.ci/replica.sh` makes one on port 5433).
The replica alias is a test mirror: it opens the primary's test database, by name, on the
replica server, where streaming replication has copied it. A row reaches it only once it is
committed and replayed, so these tests are transactional and wait for replay.
Without DATABASE_REPLICA_URL they are skipped, except under CI, where they fail.
"""

import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import close_old_connections, connections, transaction
from django.test import Client
from django.urls import reverse

from clinics.models import Practitioner
from directory.replica import (
    PIN_COOKIE,
    PRIMARY,
    REPLICA,
    PrimaryReplicaRouter,
    read_scope,
)
from tests.factories import ArticleFactory

ROOT = Path(__file__).resolve().parents[2]
REPLICA_CONFIGURED = REPLICA in settings.DATABASES


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def settings_in_subprocess(code: str, **environ: str) -> str:
    """Run `code` after django.setup() with the production settings and `environ`."""
    env = {
        **{k: v for k, v in os.environ.items()
           if not k.startswith("DJANGO_") and not k.startswith("DATABASE_")},
        "DJANGO_SETTINGS_MODULE": "directory.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        **environ,
    }
    result = subprocess.run(  # noqa: S603 (the tests' own code)
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# Settings and routing rules: no replica server needed.


def test_settings_without_replica_url_install_no_router_and_no_middleware():
    printed = settings_in_subprocess(
        "from django.conf import settings as s; "
        "print(list(s.DATABASES), s.DATABASE_ROUTERS, "
        "any('replica' in m for m in s.MIDDLEWARE))",
    )

    assert printed == "['default'] [] False"


def test_settings_with_replica_url_route_reads_and_mirror_the_test_database():
    printed = settings_in_subprocess(
        "from django.conf import settings as s; r = s.DATABASES['replica']; "
        "print(r['HOST'], r['PORT'], r['NAME'], r['TEST']['MIRROR'], r['OPTIONS']['connect_timeout'], "
        "r['OPTIONS']['prepare_threshold'], r['CONN_HEALTH_CHECKS'], s.DATABASE_ROUTERS, "
        "s.MIDDLEWARE[s.MIDDLEWARE.index('directory.replica.ReplicaMiddleware') + 1])",
        DATABASE_URL="postgres://someone@primary.example.org:5432/directory",
        DATABASE_REPLICA_URL="postgres://someone@replica.example.org:5432/directory",
    )

    assert printed == (
        "replica.example.org 5432 directory default 2 5 True "
        "['directory.replica.PrimaryReplicaRouter'] "
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def test_reads_outside_a_request_go_to_the_primary():
    assert PrimaryReplicaRouter().db_for_read(Practitioner) == PRIMARY


def test_reads_after_a_write_in_the_same_request_go_to_the_primary():
    router = PrimaryReplicaRouter()

    with read_scope(replica=True) as scope:
        written_to = router.db_for_write(Practitioner)
        read_from = router.db_for_read(Practitioner)

    assert (written_to, read_from, scope.wrote) == (PRIMARY, PRIMARY, True)


@pytest.mark.django_db
def test_reads_inside_a_transaction_on_the_primary_go_to_the_primary():
    router = PrimaryReplicaRouter()

    with read_scope(replica=True), transaction.atomic():
        read_from = router.db_for_read(Practitioner)

    assert read_from == PRIMARY


def test_migrations_run_on_the_primary_only():
    router = PrimaryReplicaRouter()

    assert (router.allow_migrate(PRIMARY, "clinics"), router.allow_migrate(REPLICA, "clinics")) == (
        None, False)


# Against a real streaming replica.


def replica_test(test):
    """A test against the real replica: transactional, since a row reaches the replica only
    once committed, and allowed both aliases."""
    marks = [
        pytest.mark.replica,
        # Without a replica alias, the `replica` fixture fails the test (under CI) with a
        # message that says what to do, rather than the database set-up with another.
        pytest.mark.django_db(transaction=True, serialized_rollback=True,
                              databases=[PRIMARY, REPLICA] if REPLICA_CONFIGURED else [PRIMARY]),
    ]
    if not REPLICA_CONFIGURED and not in_ci():
        marks.append(pytest.mark.skip(
            reason="DATABASE_REPLICA_URL is not set (.ci/replica.sh starts a local replica)"))
    for mark in marks:
        test = mark(test)
    return test


@pytest.fixture
def replica(empty_database_for_serialized_rollback):
    """The replica alias's connection. (Serialized rollback reloads the seeded vocabularies
    for each test; see tests/conftest.py.)"""
    if not REPLICA_CONFIGURED:
        pytest.fail("CI is set but DATABASE_REPLICA_URL is not: run .ci/replica.sh and set it",
                    pytrace=False)
    return connections[REPLICA]


def fetch_one(alias: str, query: str, params: list | None = None) -> tuple:
    with connections[alias].cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()


def wait_for_replay(timeout_s: float = 15) -> None:
    """Until the replica has replayed everything committed on the primary so far."""
    (lsn,) = fetch_one(PRIMARY, "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + timeout_s
    while not fetch_one(REPLICA, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])[0]:
        if time.monotonic() > deadline:
            pytest.fail(f"the replica did not replay up to {lsn} in {timeout_s} s")
        time.sleep(0.02)


@contextmanager
def queries_by_alias() -> Iterator[dict[str, list[str]]]:
    """The SQL that each alias runs inside the block."""
    seen: dict[str, list[str]] = {PRIMARY: [], REPLICA: []}

    def recorder(alias):
        def record(execute, sql, params, many, context):
            if "directory_shared_cache" not in sql:  # the shared cache: always the primary
                seen[alias].append(sql)
            return execute(sql, params, many, context)
        return record

    with (connections[PRIMARY].execute_wrapper(recorder(PRIMARY)),
          connections[REPLICA].execute_wrapper(recorder(REPLICA))):
        yield seen


@contextmanager
def replay_paused() -> Iterator[None]:
    """The replica stops applying the primary's changes: it lags until the block ends."""
    fetch_one(REPLICA, "SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        fetch_one(REPLICA, "SELECT pg_wal_replay_resume()")


def terminate(replica) -> None:
    """End the replica's session for its connection, from another session."""
    pid = replica.connection.info.backend_pid
    side = replica.copy()
    try:
        with side.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [pid])
    finally:
        side.close()


@contextmanager
def replica_stopped(replica) -> Iterator[None]:
    """As if the replica server had stopped: its session for the kept connection, if there
    is one, is ended, and its address refuses new connections."""
    if replica.connection is not None:
        terminate(replica)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    port = replica.settings_dict["PORT"]
    replica.settings_dict["PORT"] = closed_port
    try:
        yield
    finally:
        replica.close()
        replica.settings_dict["PORT"] = port


def get(client, url: str):
    """A GET as a server makes it: Django's WSGI handler checks kept connections at the start
    of each request (close_old_connections), which the test client leaves out. A kept results
    page (the "pages" cache) answers without a query, so it is dropped: these tests follow
    where each request's queries go."""
    close_old_connections()
    caches["pages"].clear()
    return client.get(url)


@pytest.fixture
def published(listing):
    """The listing and a condition page, committed and replayed on the replica."""
    listing.article = ArticleFactory(slug="fibromyalgia", title="Fibromyalgia")
    wait_for_replay()
    return listing


# Each page, and a text it shows only when it could read the rows of `published`.
PAGES = {
    "search": ("/practitioners/?near=78704", "rosa-imai"),
    "api": ("/api/practitioners/?near=78704", "rosa-imai"),
    "profile": ("/practitioners/rosa-imai/", "Rosa Imai"),
    "clinic": ("/clinics/eastside-needle-clinic/", "rosa-imai"),
    "condition page": ("/conditions/fibromyalgia/", "A calm summary of what the research says"),
    "sitemap index": ("/sitemap.xml", "/sitemap-practitioners.xml"),
    "sitemap": ("/sitemap-practitioners.xml", "/practitioners/rosa-imai/"),
}
SEARCH = PAGES["search"][0]


@replica_test
@pytest.mark.parametrize("alias", [PRIMARY, REPLICA])
def test_replica_alias_is_a_hot_standby_holding_the_test_database(replica, alias):
    in_recovery, database = fetch_one(alias, "SELECT pg_is_in_recovery(), current_database()")

    assert (in_recovery, database) == (alias == REPLICA, settings.DATABASES[PRIMARY]["NAME"])


@replica_test
@pytest.mark.parametrize(("url", "shows"), PAGES.values(), ids=PAGES.keys())
def test_pages_read_from_the_replica(client, replica, published, url, shows):
    with queries_by_alias() as queries:
        response = get(client, url)

    assert response.status_code == 200
    assert shows in response.content.decode()
    assert queries[PRIMARY] == []
    assert queries[REPLICA] != []
    assert PIN_COOKIE not in response.cookies


@replica_test
def test_search_queries_run_on_a_connection_in_recovery(client, replica, published):
    with queries_by_alias() as queries:
        get(client, SEARCH)
    (in_recovery,) = fetch_one(REPLICA, "SELECT pg_is_in_recovery()")

    assert [q for q in queries[REPLICA] if "clinics_searchentry" in q] != []
    assert queries[PRIMARY] == []
    assert in_recovery is True


@replica_test
def test_owner_reads_their_own_edit_while_the_replica_lags(client, replica, published):
    client.force_login(published.owner)
    wait_for_replay()  # the session
    clinic_page = published.clinic.get_absolute_url()

    with replay_paused():
        edit = client.post(reverse("owners:clinic-edit", args=[published.clinic.pk]), {
            "name": published.clinic.name, "phone": "512-555-0999",
            "email": published.clinic.email})
        with queries_by_alias() as queries:
            owner_sees = get(client, clinic_page).content.decode()
        others_see = get(Client(), clinic_page).content.decode()
    wait_for_replay()
    others_see_later = get(Client(), clinic_page).content.decode()

    assert edit.status_code == 302
    assert edit.cookies[PIN_COOKIE]["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS
    assert "512-555-0999" in owner_sees
    assert (queries[REPLICA], queries[PRIMARY] != []) == ([], True)
    # The pin made the difference: the replica had not caught up yet.
    assert ("512-555-0999" in others_see, "512-555-0999" in others_see_later) == (False, True)


@replica_test
def test_login_while_the_replica_lags_reaches_the_dashboard(client, replica, published):
    with replay_paused():
        login = client.post(reverse("accounts:login"), {
            "username": published.owner.username, "password": "correct-horse-battery"})
        dashboard = get(client, reverse("owners:dashboard"))

    assert (login.status_code, login["Location"]) == (302, reverse("owners:dashboard"))
    assert dashboard.status_code == 200
    assert published.clinic.name in dashboard.content.decode()


@replica_test
def test_a_get_that_writes_pins_its_reader(client, replica, mailoutbox):
    client.post(reverse("accounts:signup"), {
        "email": "new.owner@example.org", "password1": "a-fresh-staple-9021",
        "password2": "a-fresh-staple-9021"})
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[0].body).group(1)
    wait_for_replay()
    reader = Client()

    confirm = get(reader, link)  # activates the account

    assert confirm.status_code == 302
    assert confirm.cookies[PIN_COOKIE]["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS


@replica_test
@pytest.mark.parametrize(("url", "shows"), PAGES.values(), ids=PAGES.keys())
def test_pages_answer_from_the_primary_while_the_replica_is_down(
        client, replica, published, url, shows, caplog):
    get(client, url)  # keeps a connection to the replica open

    with replica_stopped(replica), queries_by_alias() as queries:
        response = get(client, url)

    assert response.status_code == 200
    assert shows in response.content.decode()
    assert (queries[REPLICA], queries[PRIMARY] != []) == ([], True)
    assert [r.levelno for r in caplog.records if r.name == "directory.replica"] == [
        logging.WARNING]


@replica_test
def test_a_replica_that_refuses_connections_is_not_tried_again_for_a_while(
        client, replica, published, caplog):
    replica.close()

    with replica_stopped(replica):
        first = get(client, SEARCH)
        second = get(client, SEARCH)

    assert (first.status_code, second.status_code) == (200, 200)
    assert "rosa-imai" in second.content.decode()
    # One refused connection, one warning: the second request went straight to the primary.
    assert len([r for r in caplog.records if r.name == "directory.replica"]) == 1


@replica_test
def test_reads_return_to_the_replica_after_the_retry_interval(
        client, replica, published, settings):
    settings.DATABASE_REPLICA_RETRY_SECONDS = 1
    with replica_stopped(replica):
        get(client, SEARCH)
    time.sleep(1.1)

    with queries_by_alias() as queries:
        response = get(client, SEARCH)

    assert response.status_code == 200
    assert (queries[REPLICA] != [], queries[PRIMARY]) == (True, [])


@replica_test
def test_a_view_that_loses_the_replica_midway_runs_again_on_the_primary(
        client, replica, published, caplog):
    def lose_the_replica(execute, sql, params, many, context):
        if "clinics_searchentry" in sql:
            terminate(replica)
        return execute(sql, params, many, context)

    with replica.execute_wrapper(lose_the_replica), queries_by_alias() as queries:
        response = get(client, SEARCH)

    assert response.status_code == 200
    assert "rosa-imai" in response.content.decode()
    assert [q for q in queries[PRIMARY] if "clinics_searchentry" in q] != []
    assert [r.levelno for r in caplog.records if r.name == "directory.replica"] == [
        logging.WARNING]
