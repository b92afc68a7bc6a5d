"""The processes of bench/load.py: its own PostgreSQL cluster, the database it builds, gunicorn
and the task worker, locust, the SMTP server, and the CPU each of them uses."""

import contextlib
import io
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCRATCH = Path("/tmp/load")  # noqa: S108 (scratch space, by design)
PG_BIN = Path("/usr/lib/postgresql/15/bin")
RUNUSER = shutil.which("runuser") or "/usr/sbin/runuser"
PG_DIR = SCRATCH / "pg"
SQLITE_FILE = ROOT / "var" / "load.sqlite3"
SECRET_KEY = "load-benchmark-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"  # noqa: S105
SEARCHES = 80
RUNNING: list[subprocess.Popen] = []  # locust processes not yet finished, for clean-up


def say(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the database ---------------------------------------------------------------------------


class OwnPostgres:
    """A PostgreSQL 15 cluster of the script's own, in /tmp/load/pg on 127.0.0.1:<port>, so
    restarting it disturbs nobody. Created when missing; (re)started with this port."""

    def __init__(self, port: int):
        self.port = port
        self.data = PG_DIR / "data"
        self.log = PG_DIR / "server.log"
        self.options = (f"-p {port} -c listen_addresses=127.0.0.1 "
                        f"-c unix_socket_directories={PG_DIR}")

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        # The server refuses to run as root: everything runs as the postgres user.
        return subprocess.run([RUNUSER, "-u", "postgres", "--", *args], cwd=PG_DIR,  # noqa: S603
                              capture_output=True, text=True, check=check, timeout=120)

    def _ctl(self, action: str, *args: str, check: bool = True):
        return self._run(str(PG_BIN / "pg_ctl"), action, "-D", str(self.data), *args,
                         check=check)

    def ensure_running(self) -> None:
        PG_DIR.mkdir(parents=True, exist_ok=True)
        shutil.chown(PG_DIR, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            say(f"  creating the PostgreSQL cluster in {self.data}")
            self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                      "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions")
        if self._ctl("status", check=False).returncode == 0:
            self.stop()  # left running by an interrupted run: start it afresh with our port
        self._ctl("start", "-w", "-l", str(self.log), "-o", self.options)

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast", "-w", "-l", str(self.log), "-o", self.options)

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._ctl("stop", "-m", "fast", "-w", check=False)

    def processes(self) -> list[psutil.Process]:
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            return [psutil.Process(pid)]
        except (OSError, ValueError, IndexError, psutil.Error):
            return []

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/bench"


def fresh_database(url: str | None) -> str:
    """The URL of an empty database for this run: var/load.sqlite3, or `<name>_load` on
    the PostgreSQL server of `url`, dropped and created again."""
    if url is None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        SQLITE_FILE.parent.mkdir(exist_ok=True)
        return f"sqlite:///{SQLITE_FILE}"
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'postgres'}_load"
    maintenance = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        # The name is the URL's database name plus a suffix, never other input.
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def site_environment(database_url: str, base_url: str) -> dict[str, str]:
    """The environment of every process of the site: production settings, served over
    plain HTTP on loopback, with the benchmark's URLs (bench/load_settings.py)."""
    inherited = {key: value for key, value in os.environ.items()
                 if not key.startswith(("DJANGO_", "GUNICORN_", "SENTRY_"))
                 and key not in ("DATABASE_URL", "REDIS_URL", "WEB_CONCURRENCY", "PORT")}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_DEBUG": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_TASKS": "database",
        "DJANGO_SITE_URL": base_url,
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def build_database() -> str:
    """Migrate, load the demo directory and collect the static files, in this process."""
    import django

    django.setup()
    from django.core.management import call_command

    from clinics.models import Practitioner

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())  # quiet: it prints the demo logins
    call_command("collectstatic", interactive=False, verbosity=0)  # as a deployment would
    return (f"demo data: {Practitioner.objects.count()} practitioners "
            f"(load_demo default size), built in {time.monotonic() - started:.0f} s")


FILTERS = [
    ("accepting", lambda rng, vocab: "1"),
    ("telehealth", lambda rng, vocab: "1"),
    ("consultation", lambda rng, vocab: "1"),
    ("condition", lambda rng, vocab: rng.choice(sorted(vocab.conditions))),
    ("modality", lambda rng, vocab: rng.choice(["acupuncture", "dry-needling", "cupping"])),
    ("specialty", lambda rng, vocab: rng.choice(sorted(vocab.specialties))),
    ("payer", lambda rng, vocab: rng.choice(sorted(vocab.payers))),
    ("sort", lambda rng, vocab: "match"),
]


def make_plan(run_id: str, seed: int = 20261121) -> dict:
    """What the load asks for: searches around the demo clinics' ZIPs (radius 25, one to
    three filters each), the published condition pages, the bare view and a contact form."""
    from django.urls import reverse

    from articles.models import Article
    from clinics import vocabulary
    from clinics.models import Clinic, ClinicMembership, Location

    rng = random.Random(seed)
    vocab = vocabulary.get()
    zips = sorted(set(Location.objects.filter(clinic__status=Clinic.Status.PUBLISHED)
                      .values_list("zip_code", flat=True)))
    searches, points = [], []
    for zip_code in rng.sample(zips, min(SEARCHES, len(zips))):
        params = {"near": zip_code, "radius": "25"}
        for name, value in rng.sample(FILTERS, rng.randint(1, 3)):
            params[name] = value(rng, vocab)
        searches.append(urlencode(params))
        # Where that ZIP's clinics are: the unique-search phase asks for points around it.
        location = Location.objects.filter(zip_code=zip_code).order_by("pk").first()
        points.append([location.lat, location.lng])
    conditions = [article.get_absolute_url() for article in
                  Article.objects.published().condition_pages().order_by("slug")]
    membership = (ClinicMembership.objects.filter(clinic__status=Clinic.Status.PUBLISHED)
                  .exclude(user__email="").select_related("clinic").order_by("pk").first())
    if not (searches and conditions and membership):
        raise SystemExit("the demo data has no searches, condition pages or clinic owner")
    clinic = membership.clinic
    return {"run_id": run_id, "bare": "/bench/bare/", "searches": searches, "points": points,
            "conditions": conditions,
            "contact": {"path": reverse("visitors:clinic-contact", args=[clinic.slug]),
                        "clinic": clinic.pk, "name": clinic.name}}


# -- processes ------------------------------------------------------------------------------


def get(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


class Site:
    """gunicorn with the production configuration, and the task worker when asked."""

    def __init__(self, env: dict[str, str], port: int, workers: int):
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
        self.base = f"http://127.0.0.1:{port}"
        self.workers = workers
        self.log_path = SCRATCH / "gunicorn.log"
        self.gunicorn: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def start(self) -> None:
        self.log_path.unlink(missing_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 (the process keeps it)
        self.gunicorn = subprocess.Popen(  # noqa: S603 (our own command line)
            [str(BIN / "gunicorn"), "--config", "python:directory.gunicorn_conf",
             # Its own control socket, not the shared default in ~/.gunicorn/.
             "--control-socket", str(SCRATCH / "gunicorn.ctl"), "directory.wsgi"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 60
        while get(f"{self.base}/healthz", timeout=2) != 200:
            if self.gunicorn.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not come up; see {self.log_path}")
            time.sleep(0.2)

    def start_worker(self) -> None:
        log = open(SCRATCH / "worker.log", "wb")  # noqa: SIM115 (the process keeps it)
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "default",
             "--interval", "0.2"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)

    def processes(self) -> list[psutil.Process]:
        return [psutil.Process(self.gunicorn.pid)] if self.gunicorn else []

    def worker_pids(self) -> set[int]:
        try:
            return {child.pid for child in psutil.Process(self.gunicorn.pid).children()}
        except (psutil.Error, AttributeError):
            return set()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        for process in (self.worker, self.gunicorn):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in (self.worker, self.gunicorn):
            if process is None:
                continue
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def cpu_seconds(processes: list[psutil.Process]) -> float:
    """CPU time of these processes and all their descendants, the exited ones included
    (their time is added to the parent that waited for them)."""
    total = 0.0
    for top in processes:
        try:
            times = top.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
            children = top.children(recursive=True)
        except psutil.Error:
            continue
        for child in children:
            with contextlib.suppress(psutil.Error):
                times = child.cpu_times()
                total += times.user + times.system
    return total


def machine_busy_seconds() -> float:
    with open("/proc/stat") as stat:
        fields = [int(value) for value in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """CPU used during a phase, from the moment locust's users start to its exit: by the
    site (gunicorn), the load tool (locust, and this script), the own database cluster,
    and everything else on the machine."""

    def __init__(self, groups: dict):
        self.groups = groups  # name -> callable returning the processes to count

    def snapshot(self) -> dict[str, float]:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # locust, once waited for
        snap = {name: cpu_seconds(find()) for name, find in self.groups.items()}
        snap.update(time=time.monotonic(), machine=machine_busy_seconds(),
                    script=own.ru_utime + own.ru_stime,
                    load_tool=children.ru_utime + children.ru_stime)
        return snap

    def measure(self, process: subprocess.Popen, out: Path, duration: float) -> tuple:
        """(locust's figures, CPU seconds used per group, seconds measured)."""
        marker = Path(f"{out}.started")
        deadline = time.monotonic() + 60
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        try:  # locust's own start-up (imports) is not part of the phase
            times = psutil.Process(process.pid).cpu_times()
            startup = times.user + times.system
        except psutil.Error:
            startup = 0.0
        before = self.snapshot()
        data = finish_locust(process, out, duration)
        after = self.snapshot()
        used = {name: after[name] - before[name] for name in before}
        used["load_tool"] += used.pop("script") - startup
        wall = used.pop("time")
        ours = sum(value for name, value in used.items() if name != "machine")
        used["other"] = max(0.0, used.pop("machine") - ours)
        return data, used, wall


def start_locust(phase: str, *, kind: str, base: str, users: int, duration: float,
                 enquiry_users: int = 0) -> tuple[subprocess.Popen, Path]:
    """locust for one phase: `users` reading pages of `kind` (or a mix), and
    `enquiry_users` patients posting enquiries; its figures go to samples-<phase>.json."""
    out = SCRATCH / f"samples-{phase}.json"
    out.unlink(missing_ok=True)
    Path(f"{out}.started").unlink(missing_ok=True)
    env = {**os.environ, "LOAD_PLAN": str(SCRATCH / "plan.json"), "LOAD_KIND": kind,
           "LOAD_OUT": str(out), "LOAD_ENQUIRY_USERS": str(enquiry_users)}
    total = users + enquiry_users
    classes = ["PageUser", "EnquiryUser"] if enquiry_users else ["PageUser"]
    log = open(SCRATCH / f"locust-{phase}.log", "wb")  # noqa: SIM115 (the process keeps it)
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "load_locust.py"), "--headless",
         "--only-summary", "--users", str(total), "--spawn-rate", str(total),
         "--run-time", f"{duration:g}s", "--host", base, "--stop-timeout", "10",
         "--exit-code-on-error", "0", "--loglevel", "WARNING", *classes],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    RUNNING.append(process)
    return process, out


def kill_locust() -> None:
    for process in RUNNING:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def finish_locust(process: subprocess.Popen, out: Path, duration: float) -> dict:
    try:
        process.wait(timeout=duration + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        raise SystemExit(f"locust did not finish; see {SCRATCH}") from None
    RUNNING.remove(process)
    if not out.exists():
        raise SystemExit(f"locust wrote no figures; see {SCRATCH}/locust-*.log")
    return json.loads(out.read_text())


class Inbox:
    """aiosmtpd handler: keeps every message it accepts."""

    def __init__(self):
        self.messages: list[tuple[float, bytes]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            self.messages.append((time.time(), envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, inbox: Inbox, port: int):
        self.inbox, self.port, self.controller = inbox, port, None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
