"""Real server processes for tests: gunicorn workers on a database file of their own."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def redis_url(db: int) -> str:
    """The real Redis at 127.0.0.1:6379 (TEST_REDIS_URL overrides), database `db` emptied;
    skips the test when there is none, except in CI, where Redis is part of the run."""
    import pytest
    import redis

    url = os.environ.get("TEST_REDIS_URL", f"redis://127.0.0.1:6379/{db}")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except Exception as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {url}: {error}")
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, data: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    """(status, body, headers), without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with opener.open(req, timeout=30) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def get(url: str) -> tuple[int, str]:
    status, body, _ = request(url)
    return status, body


def site_env(database: Path, **extra: str) -> dict[str, str]:
    """The production settings on a SQLite file, served over plain HTTP on loopback."""
    env = {**{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
           "DJANGO_SETTINGS_MODULE": "directory.settings",
           "DATABASE_URL": f"sqlite:///{database}",
           "DJANGO_SECRET_KEY": "server-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
           "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "0",
           "DJANGO_SECURE_COOKIES": "0", "DJANGO_TASKS": "immediate",
           "GUNICORN_MAX_REQUESTS": "0", **extra}
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,  # noqa: S603
                   timeout=300)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int = 3, log: Path | None = None) -> Iterator[str]:
    """Migrate, collect static files, start gunicorn with the site's config and `workers` workers; yields its base
    URL once /healthz answers 200, and stops it afterwards. Its output (access log, errors)
    goes to `log` when given, else nowhere."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")  # the build step: pages need its manifest
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "--config", "python:directory.gunicorn_conf",
         "directory.wsgi"], cwd=ROOT, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                if get(f"{base}/healthz")[0] == 200:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not isinstance(output, int):
            output.close()
