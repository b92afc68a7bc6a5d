"""Serving in production: /healthz, Sentry, and gunicorn workers that agree with each other.

The cross-process tests start real gunicorn workers on a real database file (and on the real
Redis at 127.0.0.1:6379), change a vocabulary term from another process, and read pages back.
"""

import gzip
import http.server
import importlib
import os
import subprocess
import threading

import pytest
from django.test import Client

from tests import servers
from tests.servers import PYTHON, ROOT, free_port, get

# /healthz


@pytest.mark.django_db
def test_healthz_checks_the_database_and_every_cache_without_a_login():
    # An unknown Host and plain HTTP, as a load balancer probing by IP address sends it.
    response = Client().get("/healthz", HTTP_HOST="10.0.0.5")

    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok", "cache:default": "ok", "cache:shared": "ok", "cache:pages": "ok",
        "cache:template_fragments": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_healthz_leaves_out_a_cache_that_is_turned_off(settings):
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    response = Client().get("/healthz")

    assert response.status_code == 200
    assert "cache:pages" not in response.json()["checks"]


@pytest.mark.django_db
def test_healthz_answers_503_naming_a_cache_that_is_down(settings):
    settings.CACHES = {**settings.CACHES, "shared": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
    }}

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["cache:shared"] == "ConnectionError"
    assert response.json()["checks"]["database"] == "ok"


def test_the_shared_cache_table_is_the_one_the_migration_makes(settings):
    migration = importlib.import_module("clinics.migrations.0009_shared_cache_table")
    if "REDIS_URL" in os.environ:
        pytest.skip("the shared cache is Redis in this run")
    assert settings.CACHES["shared"]["LOCATION"] == migration.TABLE


# Sentry


class Collector(http.server.BaseHTTPRequestHandler):
    """A stand-in Sentry ingestion endpoint on loopback: it keeps what is posted to it."""

    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # sentry-sdk prefers brotli when the module is installed
            import brotli

            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_errors_go_to_sentry_when_a_dsn_is_set():
    server = http.server.HTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Collector.received = []
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "from django.test.utils import override_settings;"
        "import sentry_sdk;"
        "client = Client(raise_request_exception=False);"
        "override = override_settings(ROOT_URLCONF='tests.directory.broken_urls');"
        "override.enable();"
        "print(client.get('/broken/').status_code);"
        "sentry_sdk.flush(5)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
           "SENTRY_DSN": f"http://public@127.0.0.1:{server.server_port}/1",
           "DATABASE_URL": "sqlite://:memory:"}
    try:
        result = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, capture_output=True,  # noqa: S603
                                text=True, timeout=60)
    finally:
        server.shutdown()

    assert result.stdout.strip() == "500", result.stderr
    events = b"".join(Collector.received)
    assert b"ZeroDivisionError" in events
    assert b"sessionid" not in events  # no cookies or other personal data


# Several gunicorn workers, one truth




@pytest.fixture(params=["database cache", "redis"])
def workers(request, tmp_path):
    """Three gunicorn workers on a fresh SQLite file, the site's own database rather than
    the test run's; yields (base URL, env for other processes)."""
    extra = {"REDIS_URL": servers.redis_url(14)} if request.param == "redis" else {}
    env = servers.site_env(tmp_path / "site.sqlite3", **extra)
    with servers.gunicorn(env, workers=3) as base:
        yield base, env


def test_three_workers_offer_an_insurer_as_soon_as_another_process_adds_it(workers):
    base, env = workers
    option = 'value="kind-mutual"'
    before = [get(f"{base}/practitioners/")[1] for _ in range(30)]  # every worker warm

    servers.manage(env, "shell", "--no-imports", "-c", "from clinics.models import Payer; "
                   "Payer.objects.create(name='Kind Mutual', slug='kind-mutual')")
    after = [get(f"{base}/practitioners/") for _ in range(30)]
    api = get(f"{base}/api/practitioners/?near=10001&payer=kind-mutual")

    assert not any(option in page for page in before)
    assert [status for status, _ in after] == [200] * 30
    assert all(option in page for _, page in after)
    assert api[0] == 200  # a known insurer, not "unknown value"
