"""Load and fault benchmark: the site under gunicorn, driven by locust, on loopback only.

    .venv/bin/python bench/load.py                    # SQLite (var/load.sqlite3)
    .venv/bin/python bench/load.py --postgres         # its own PostgreSQL 15 cluster (port 5441)
    .venv/bin/python bench/load.py --database-url postgres://postgres@127.0.0.1:5432/bench
    .venv/bin/python bench/load.py --fault postgres   # restart its PostgreSQL in the load
    .venv/bin/python bench/load.py --fault mail       # stop the SMTP server in the load

Each run builds its database from scratch (migrate, then `load_demo` at its default size),
starts gunicorn with the production configuration (`directory.gunicorn_conf`,
WEB_CONCURRENCY from --workers, on 127.0.0.1 at a free port; GUNICORN_MAX_REQUESTS from
--max-requests, 0 by default so that no worker restarts cold in the middle of a phase) and,
after a warm-up, runs
locust (bench/load_locust.py) with --users users that ask again as soon as they have an
answer. It prints a table: requests per second, p50, p99 and errors.

The load run has five phases of --duration seconds each, in this order: a trivial view
(bench/urls.py's bare view: "ok", no template, no queries), the search page
(/practitioners/?near=<ZIP>&radius=25 with one to three filters, from a seeded list of
searches around the demo clinics, which repeat, so after the warm-up the site answers them
from the results pages it keeps: see clinics/views.py), the search page with only searches
never asked before (the same searches from a random point near each ZIP's clinics, so no
kept page answers them), the condition pages (/conditions/<slug>/) and the JSON API
(the same searches). It ends with the search page's requests per second as a multiple of
the trivial view's. Locust runs on the same two cores as the site, so the table shows the
CPU that each side (and anything else on the machine) used in each phase.

--fault postgres (needs its own cluster, so it implies --postgres) runs one mixed load with
patients posting enquiries through a clinic's contact form, restarts PostgreSQL
(`pg_ctl restart -m fast`) --fault-at seconds in, and reports the errors, the window they
fell in, whether gunicorn restarted anything, and whether every enquiry the site accepted
(302) was saved. The task worker runs beside it (emails to its log).

--fault mail runs a real SMTP server (aiosmtpd) on a loopback port, gunicorn and the task
worker (`manage.py db_worker`) sending to it with short retry delays
(DJANGO_TASK_RETRY_DELAYS), posts enquiries in a mixed load, stops the SMTP server for
--outage seconds, starts it again, and waits until the worker has delivered: every accepted
enquiry must be saved and emailed exactly once.

Where things go: the SQLite file var/load.sqlite3, or the database `<URL's database>_load`
(dropped and created again each run) on the PostgreSQL server; everything else under
/tmp/load/ (the plan, per-phase samples, gunicorn, worker and locust logs, and the own
cluster in /tmp/load/pg, run as the postgres user with trust authentication on 127.0.0.1).
Every process the script starts is stopped when it ends, the own cluster included.
"""

import argparse
import contextlib
import json
import os
import signal
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.load_faults import (  # noqa: E402
    MAIL_RETRY_DELAYS,
    figures,
    mail_fault,
    postgres_fault,
    worker_boots,
)
from bench.load_services import (  # noqa: E402
    SCRATCH,
    SQLITE_FILE,
    CpuMeter,
    Inbox,
    OwnPostgres,
    Site,
    SmtpServer,
    build_database,
    finish_locust,
    free_port,
    fresh_database,
    get,
    kill_locust,
    make_plan,
    say,
    site_environment,
    start_locust,
)

PHASES = [("bare", "trivial view"), ("search", "search page"), ("unique", "search, unique"),
          ("condition", "condition page"), ("api", "JSON API")]


ROW = "{:<16} {:>9} {:>9} {:>8} {:>8} {:>7}   {:>6} {:>9} {:>8} {:>6}  {:>8} {:>8}"


def print_table(rows: list[tuple[str, dict, dict, float, int]]) -> None:
    say(ROW.format("phase", "requests", "req/s", "p50 ms", "p99 ms", "errors",
                   "site", "load tool", "database", "other", "site ms", "recycled"))
    for label, figs, used, wall, recycled in rows:
        say(ROW.format(label, figs["requests"], f"{figs['rps']:.1f}", f"{figs['p50']:.1f}",
                       f"{figs['p99']:.1f}", figs["errors"], f"{used['site'] / wall:.2f}",
                       f"{used['load_tool'] / wall:.2f}",
                       f"{used['database'] / wall:.2f}" if "database" in used else "-",
                       f"{used['other'] / wall:.2f}", f"{site_ms(figs, used):.2f}", recycled))
    say(f"  (site, load tool, database, other: CPU cores each used during the phase, of the "
        f"machine's {os.cpu_count()}: gunicorn's processes; locust and this script; the "
        f"own PostgreSQL cluster; everything else on the machine. site ms: gunicorn's CPU "
        f"time per request, which depends less on what else runs. recycled: gunicorn workers "
        f"replaced after GUNICORN_MAX_REQUESTS requests)")


def site_ms(figs: dict, used: dict) -> float:
    return used["site"] * 1000 / figs["requests"] if figs["requests"] else float("nan")


# -- runs -----------------------------------------------------------------------------------


def warm_up(site: Site, plan: dict, users: int) -> None:
    """Every URL once (each must answer 200), then a short mixed load, untimed. A worker's
    first search loads the ZIP gazetteer, which takes seconds."""
    paths = ([plan["bare"]] + plan["conditions"]
             + [f"/practitioners/?{q}" for q in plan["searches"]]
             + [f"/api/practitioners/?{q}" for q in plan["searches"]])
    bad, slowest = [], 0.0
    for path in paths:
        started = time.monotonic()
        if (status := get(site.base + path, timeout=60)) != 200:
            bad.append((path, status))
        slowest = max(slowest, time.monotonic() - started)
    if bad:
        raise SystemExit(f"these URLs do not answer 200: {bad[:5]}")
    say(f"  warm-up: each URL once, the slowest in {slowest:.1f} s (a fresh worker's first "
        f"search: it loads the ZIP gazetteer), then 5 s of mixed load")
    process, out = start_locust("warmup", kind="mixed", base=site.base, users=users, duration=5)
    finish_locust(process, out, 5)


def load_run(site: Site, meter: CpuMeter, args) -> None:
    rows = []
    results, used = {}, {}
    for phase, label in PHASES:
        say(f"  phase {label}: {args.duration:g} s, {args.users} users")
        log_before = len(site.log_text())
        process, out = start_locust(phase, kind=phase, base=site.base, users=args.users,
                                    duration=args.duration)
        data, used[phase], wall = meter.measure(process, out, args.duration)
        recycled = worker_boots(site.log_text()[log_before:])[1]
        results[phase] = figures(data["samples"])
        rows.append((label, results[phase], used[phase], wall, recycled))
    say("")
    print_table(rows)
    ratio = results["search"]["rps"] / results["bare"]["rps"]
    say(f"\nsearch page req/s = {ratio:.2f} x the trivial view's "
        f"(target >= 0.40: {'met' if ratio >= 0.4 else 'NOT met'})")
    say(f"search page, only searches never asked before (no kept page can answer them) = "
        f"{results['unique']['rps'] / results['bare']['rps']:.2f} x")
    say(f"condition page = {results['condition']['rps'] / results['bare']['rps']:.2f} x, "
        f"JSON API = {results['api']['rps'] / results['bare']['rps']:.2f} x")
    costs = {phase: site_ms(results[phase], used[phase]) for phase in results}
    say(f"by gunicorn's CPU time per request: search page {costs['search'] / costs['bare']:.1f}"
        f" x the trivial view, unique searches {costs['unique'] / costs['bare']:.1f} x, "
        f"condition page {costs['condition'] / costs['bare']:.1f} x, "
        f"JSON API {costs['api'] / costs['bare']:.1f} x")
    errors = sum(r["errors"] for r in results.values())
    if errors:
        say(f"errors: {errors}; see {SCRATCH}/samples-*.json and {site.log_path}")


# -- main -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=3, help="WEB_CONCURRENCY (default 3)")
    parser.add_argument("--users", type=int, default=10, help="concurrent locust users")
    parser.add_argument("--max-requests", type=int,
                        default=0, help="GUNICORN_MAX_REQUESTS (default 0: no worker is "
                        "recycled while measuring; the configuration's default is 2000)")
    parser.add_argument("--duration", type=float, default=20, help="seconds per phase")
    parser.add_argument("--postgres", action="store_true",
                        help="use the script's own PostgreSQL cluster (/tmp/load/pg)")
    parser.add_argument("--pg-port", type=int, default=5441)
    parser.add_argument("--database-url", help="a PostgreSQL server to use instead (the "
                        "database <name>_load on it is dropped and created)")
    parser.add_argument("--fault", choices=["postgres", "mail"])
    parser.add_argument("--fault-duration", type=float, default=40,
                        help="seconds of load in a fault run")
    parser.add_argument("--fault-at", type=float, default=12,
                        help="seconds into the load when the fault starts")
    parser.add_argument("--outage", type=float, default=15, help="seconds the SMTP server is down")
    parser.add_argument("--enquiry-users", type=int, default=2)
    parser.add_argument("--recovery-limit", type=float, default=5,
                        help="seconds after a PostgreSQL restart by which errors must stop")
    parser.add_argument("--deliver-timeout", type=float, default=180)
    args = parser.parse_args()
    if args.fault == "postgres":
        if args.database_url:
            parser.error("--fault postgres restarts the script's own cluster; "
                         "drop --database-url")
        args.postgres = True
    if args.postgres and args.database_url:
        parser.error("choose --postgres or --database-url")

    def terminate(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    passed = True
    say(f"bench/load.py {' '.join(sys.argv[1:])}".rstrip())
    with contextlib.ExitStack() as cleanup:
        postgres = None
        if args.postgres:
            postgres = OwnPostgres(args.pg_port)
            cleanup.callback(postgres.stop)
            postgres.ensure_running()
        database_url = fresh_database(postgres.url() if postgres else args.database_url)
        port = free_port()
        env = site_environment(database_url, f"http://127.0.0.1:{port}")
        inbox, smtp = Inbox(), None
        # A worker recycled mid-phase starts cold (the app, then the gazetteer on its first
        # search), and which phase that lands in depends on the machine's speed: measure
        # steady state unless asked (--max-requests 2000 is the production configuration).
        env["GUNICORN_MAX_REQUESTS"] = str(args.max_requests)
        if args.fault:
            env["DJANGO_TRUSTED_PROXY_COUNT"] = "1"  # each enquiry from its own address
        if args.fault == "mail":
            smtp = SmtpServer(inbox, free_port())
            cleanup.callback(smtp.stop)
            smtp.start()
            env.update(DJANGO_EMAIL_HOST="127.0.0.1", DJANGO_EMAIL_PORT=str(smtp.port),
                       DJANGO_EMAIL_USE_TLS="0", DJANGO_EMAIL_TIMEOUT="5",
                       DJANGO_TASK_RETRY_DELAYS=MAIL_RETRY_DELAYS)
        os.environ.update(env)
        if database_url.startswith("sqlite"):
            database = f"SQLite {SQLITE_FILE.relative_to(ROOT)}"
        else:
            where = urlsplit(database_url)
            database = (f"PostgreSQL {where.netloc}{where.path}"
                        + (" (the script's own cluster)" if postgres else ""))
        say(f"  database: {database}")
        say(f"  {build_database()}")
        plan = make_plan(run_id=f"{int(time.time())}-{os.getpid()}")
        (SCRATCH / "plan.json").write_text(json.dumps(plan))
        site = Site(env, port, args.workers)
        cleanup.callback(site.stop)
        cleanup.callback(kill_locust)  # first: the load stops before the site
        site.start()
        if args.fault:
            site.start_worker()
        say(f"  gunicorn --config python:directory.gunicorn_conf directory.wsgi on "
            f"{site.base}: WEB_CONCURRENCY={args.workers} sync workers, 1 thread each, "
            f"GUNICORN_MAX_REQUESTS={args.max_requests}"
            f"{' (no recycling while measuring)' if not args.max_requests else ''}; "
            f"DJANGO_SETTINGS_MODULE=bench.load_settings "
            f"(production settings, debug off, plus bench/urls.py's bare view)")
        say(f"  locust {args.users} users (FastHttpUser, no think time), one process; "
            f"{len(plan['searches'])} searches, {len(plan['conditions'])} condition pages; "
            f"machine: {os.cpu_count()} cores, load average before: "
            f"{os.getloadavg()[0]:.2f}")
        say(f"  note: locust shares the machine's {os.cpu_count()} cores with gunicorn (and "
            f"with anything else running on it)")
        warm_up(site, plan, args.users)
        meter = CpuMeter({"site": site.processes,
                          **({"database": postgres.processes} if postgres else {})})
        if args.fault == "postgres":
            passed = postgres_fault(site, postgres, args)
        elif args.fault == "mail":
            passed = mail_fault(site, smtp, args)
        else:
            load_run(site, meter, args)
        say(f"load average after: {os.getloadavg()[0]:.2f}; logs and samples in {SCRATCH}/")
    if args.fault:
        say(f"fault check: {'PASSED' if passed else 'FAILED'}")
        sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
