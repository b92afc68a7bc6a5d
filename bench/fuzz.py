"""Fuzz the running site: hostile GET requests to every public URL of a real gunicorn.

    .venv/bin/python bench/fuzz.py                                   # SQLite, 10,000 requests
    .venv/bin/python bench/fuzz.py --database-url postgres://postgres@127.0.0.1:5432/fuzz
    .venv/bin/python bench/fuzz.py --requests 50000 --seed 7 --count 2000

It migrates the database, loads the demo directory (`load_demo --count N`, skipped when it
already holds exactly N practitioners), collects the static files, starts gunicorn with the
production settings on loopback, and sends the requests over HTTP from a few threads. The
requests come from the same hypothesis strategies as tests/test_fuzz.py (tests/fuzzing.py),
drawn with a fixed seed, so a run is repeatable. It prints the totals by status class, the
number of 5xx answers (which must be 0) and every 5xx or failed URL, and exits non-zero if
there was any. Responses from /api/ must parse as JSON.

With no --database-url the database is var/fuzz.sqlite3. A PostgreSQL database named in the
URL is created when missing; no other database is touched.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import http.client
import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402


def create_postgres_database(url: str) -> None:
    """CREATE DATABASE for the URL's database when it does not exist yet."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"use a plain database name, not {name!r}")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return
        conn.execute(f'CREATE DATABASE "{name}"')  # checked above: letters, digits, "_"
        print(f"created database {name}")


def prepare(env: dict[str, str], count: int) -> dict[str, list[str]]:
    """Migrate and load the demo; real values for the path parameters."""
    servers.manage(env, "migrate", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from articles.models import Article
    from clinics.models import Clinic, Location, Practitioner

    if Practitioner.objects.count() != count:
        start = time.perf_counter()
        servers.manage(env, "load_demo", "--count", str(count))
        print(f"loaded {count:,} practitioners in {time.perf_counter() - start:.0f} s")
    servers.manage(env, "collectstatic", "--noinput", "-v0")
    users = list(get_user_model().objects.order_by("pk")[:3])
    practitioners = list(Practitioner.objects.order_by("pk")[:10])
    clinics = list(Clinic.objects.order_by("pk")[:10])
    return {
        "slug": [p.slug for p in practitioners] + [c.slug for c in clinics]
        + list(Article.objects.values_list("slug", flat=True)[:10]),
        "clinic_pk": [str(c.pk) for c in clinics],
        "pk": [str(pk) for pk in Location.objects.values_list("pk", flat=True)[:10]],
        "practitioner_pk": [str(p.pk) for p in practitioners],
        "uidb64": [urlsafe_base64_encode(force_bytes(u.pk)) for u in users],
        "token": [default_token_generator.make_token(u) for u in users],
    }


def generate(count: int, seed: int, real: dict[str, list[str]]) -> list[str]:
    """`count` request targets from tests/fuzzing.py's strategies, drawn with `seed`."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    from tests import fuzzing

    routes = fuzzing.public_routes()
    targets: list[str] = []

    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(fuzzing.requests(routes, real))
    def collect(target: str) -> None:
        targets.append(target)

    # Hypothesis may stop a run short of max_examples; the next seed tops it up.
    for next_seed in range(seed, seed + 100):
        with_seed(next_seed)(collect)()
        if len(targets) >= count:
            break
    print(f"{len(routes)} public URL patterns; {count:,} requests from seed {seed}")
    return targets[:count]


def send(base: str, target: str) -> tuple[int, str]:
    """(status, problem): status 0 when the connection failed; the problem, if any."""
    host = urlsplit(base)
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    try:
        conn.putrequest("GET", target, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException) as error:
        return 0, f"{type(error).__name__}: {error}"
    finally:
        conn.close()
    if target.startswith("/api/") and response.status in (200, 400):
        try:
            json.loads(body)
        except ValueError:
            return response.status, "API answer is not JSON"
    return response.status, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'fuzz.sqlite3'}")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--count", type=int, default=2000, help="demo practitioners")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=6, help="client threads")
    parser.add_argument("--log", type=Path, default=ROOT / "var" / "fuzz-gunicorn.log",
                        help="gunicorn's output, with the tracebacks of any 5xx")
    args = parser.parse_args()

    (ROOT / "var").mkdir(exist_ok=True)
    if args.database_url.startswith(("postgres://", "postgresql://")):
        create_postgres_database(args.database_url)
    env = {**servers.site_env(Path("unused")), "DATABASE_URL": args.database_url,
           "DJANGO_LOG_LEVEL": "ERROR",
           "GUNICORN_LOG_LEVEL": "warning"}
    real = prepare(env, args.count)
    targets = generate(args.requests, args.seed, real)
    print(f"database: {args.database_url}")

    args.log.unlink(missing_ok=True)
    by_class: collections.Counter[str] = collections.Counter()
    failures: list[tuple[int, str, str]] = []
    start = time.perf_counter()
    with servers.gunicorn(env, workers=args.workers, log=args.log) as base, \
            concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        for target, (status, problem) in zip(
                targets, pool.map(lambda t: send(base, t), targets), strict=True):
            by_class[f"{status // 100}xx" if status else "no answer"] += 1
            if status >= 500 or status == 0 or problem:
                failures.append((status, target, problem))
    elapsed = time.perf_counter() - start

    print(f"sent {len(targets):,} requests in {elapsed:.0f} s "
          f"({len(targets) / elapsed:.0f}/s, {args.workers} gunicorn workers)")
    for name in sorted(by_class):
        print(f"  {name:9} {by_class[name]:7,}")
    fivexx = sum(n for name, n in by_class.items() if name.startswith("5"))
    print(f"5xx: {fivexx}")
    for status, target, problem in failures:
        shown = target if len(target) <= 300 else target[:300] + f"... ({len(target)} chars)"
        print(f"  {status or '---'} {shown} {problem}")
    if failures:
        print(f"gunicorn's log: {args.log}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
