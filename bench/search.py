"""Search speed benchmark: p50/p95/p99 of the search query and of the whole page.

    .venv/bin/python bench/search.py                      # N = 100,000 and 1,000,000 on SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py --counts 100000 --searches 500
    .venv/bin/python bench/search.py --clock cpu   # on a busy machine: CPU time, not wall

For each N it rebuilds the directory with `load_demo --count N` (skipped when the database
already holds exactly N practitioners; --reload forces it; in a database it reuses the
index's table gets ANALYZE, and VACUUM on PostgreSQL, after the migrations; on PostgreSQL it then waits for
the visibility map to cover the search index, see settle_visibility_map), then runs the
same seeded list of searches: centres at random real ZIP centroids, radius 10, 25 or 50
miles, and 0-3 filters each. It reports
  (a) query: database time of the search itself for page 1, timed around cursor.execute:
      the ring probe and the ordered rows;
  (a2) details: database time of the query that then loads what the page shows (the index
      rows with practitioner, location and clinic) for the 20 ids found;
  (a+) search call: find_practitioners() end to end: form validation, cached geocoding, ORM
      compilation, the queries and building the result rows;
  (api) GET /api/practitioners/?... through Django's test client;
  (b) page: GET /practitioners/?... through Django's test client, template included;
  (0) baseline: a bare view returning "ok" and the about page (a template, no queries),
      through the same client and middleware, timed in the same passes, so the page's
      figure can be read as a multiple of what any request costs on this machine now.
After one untimed pass, every figure is timed over --passes passes (default 3), each pass
running every search once; the percentiles are over all those samples. With two or more N
it ends with the cost of the smallest to the largest over the searches whose result count
(page 1 and total) is the same at both, from each search's median pass and from its fastest
pass (the figure that a busy machine disturbs least). The same fastest-pass p50 is printed
for each figure: these machines have spells, seconds long, in which everything runs at
about half speed, and it is the figure those spells move least.
With no DATABASE_URL the databases are var/bench_<N>.sqlite3, never the development one;
with a PostgreSQL URL they are <its database>_<N>, created when missing.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghijklmnop")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
# The results page is measured as it is rendered, not as the page kept for the same search
# asked again (clinics/views.py): every search here runs once per pass, so kept pages would
# answer every timed one. bench/load.py measures both.
os.environ["DJANGO_PAGE_CACHE_ENTRIES"] = "0"
(ROOT / "var").mkdir(exist_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402

from clinics import geocoding, search, vocabulary  # noqa: E402
from clinics.models import Practitioner, SearchEntry  # noqa: E402
from clinics.search import index  # noqa: E402

# What the figures are timed with: the wall clock, or with --clock cpu this thread's CPU time
# (see main).
clock = time.perf_counter

# The site's URLs plus one bare view, for the baseline (bench/urls.py).
settings.ROOT_URLCONF = "bench.urls"

FILTERS = [
    ("accepting", lambda r, v: "1"),
    ("consultation", lambda r, v: "1"),
    ("telehealth", lambda r, v: "1"),
    ("sliding_scale", lambda r, v: "1"),
    ("condition", lambda r, v: r.choice(list(v.conditions))),
    ("modality", lambda r, v: r.choice(["acupuncture", "dry-needling", "cupping"])),
    ("specialty", lambda r, v: r.choice(list(v.specialties))),
    ("payer", lambda r, v: r.choice(list(v.payers))),
    ("language", lambda r, v: r.choice(["es", "zh", "ko", "vi"])),
]


def make_searches(count: int, seed: int = 20261121) -> list[dict]:
    rng = random.Random(seed)
    vocab = vocabulary.get()
    centroids = geocoding.zip_centroids()
    searches = []
    for _ in range(count):
        zip_code = rng.choice(centroids)[0]
        params = {"near": zip_code, "radius": str(rng.choice([10, 25, 50]))}
        for name, value in rng.sample(FILTERS, rng.randint(0, 3)):
            params[name] = value(rng, vocab)
        searches.append(params)
    return searches


def run_query(params: dict) -> tuple[int, int, bool]:
    """One search as the page runs it: (results on page 1, total shown, whether capped)."""
    found = search.find_practitioners(QueryDict(urlencode(params)))
    if found.errors:
        raise SystemExit(f"invalid benchmark search {params}: {found.errors}")
    paginator = found.page.paginator
    return len(found.results), paginator.count, paginator.is_capped


def percentiles(samples_ms: list[float]) -> str:
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return f"p50 {cuts[49]:6.2f} ms   p95 {cuts[94]:6.2f} ms   p99 {cuts[98]:6.2f} ms"


class SqlTimer:
    """Adds up time spent inside cursor.execute: the search's own statements (the probe and
    the ordered rows, see clinics/search/paginator.py) apart from the ones loading details."""

    SEARCH_PREFIXES = ("SELECT * FROM (SELECT COUNT", "SELECT COUNT(*) FROM (SELECT DISTINCT",
                       "SELECT b.id")

    def __init__(self):
        self.search = self.details = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = clock()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = clock() - start
            if sql.startswith(self.SEARCH_PREFIXES):
                self.search += elapsed
            else:
                self.details += elapsed


def sql_time(params: dict) -> tuple[float, float]:
    """Database ms of one search: (the search's own statements, the details)."""
    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        run_query(params)
    return timer.search * 1000, timer.details * 1000


def wall_time(fn):
    def measure(params: dict) -> tuple[float]:
        start = clock()
        fn(params)
        return ((clock() - start) * 1000,)
    return measure


def run_passes(measure, searches: list[dict], passes: int) -> list[list[tuple]]:
    """Every search once per pass (so no search runs twice in a row with a warm cache);
    for each search, the samples `measure` returned."""
    samples: list[list[tuple]] = [[] for _ in searches]
    for _ in range(passes):
        for i, params in enumerate(searches):
            samples[i].append(measure(params))
    return samples


def column(samples: list[list[tuple]], index: int) -> list[float]:
    """All samples of one figure, every pass of every search: what the percentiles use."""
    return [sample[index] for per_search in samples for sample in per_search]


def per_search_median(samples: list[list[tuple]], index: int) -> list[float]:
    return [statistics.median(sample[index] for sample in per_search) for per_search in samples]


def per_search_min(samples: list[list[tuple]], index: int) -> list[float]:
    """Each search's fastest pass: what it costs when nothing else on the machine gets in
    the way. The growth figure uses it too, because on a busy machine a median of three
    passes of a sub-millisecond query moves by more than the growth being measured."""
    return [min(sample[index] for sample in per_search) for per_search in samples]


def use_database_for(count: int) -> None:
    """One database per N (bench_100000, bench_1000000, ...), so switching N never has to
    delete a million rows first: on PostgreSQL that wipe takes longer than the load."""
    settings_dict = connection.settings_dict
    base = settings_dict.setdefault("BENCH_BASE_NAME", str(settings_dict["NAME"]))
    if connection.vendor == "sqlite":
        name = base.replace(".sqlite3", f"_{count}.sqlite3")
    else:
        name = f"{base}_{count}"
        # The maintenance database, as Django's own test-database creation does.
        with connection._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                # The name is built from the URL's database name and an int, not from input.
                cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    settings_dict["NAME"] = name


def ensure_data(count: int, reload: bool) -> None:
    use_database_for(count)
    call_command("migrate", verbosity=0)
    if not reload and Practitioner.objects.count() == count:
        # A migration may have rewritten the index since the load, leaving the planner with
        # stale figures and PostgreSQL's index-only scans visiting the table for every row
        # (the visibility map stays empty until a VACUUM), which the figures would then show.
        # The index's table only: the rest is read by primary key. (The whole database took
        # eleven minutes at 100k on a busy machine.)
        start = time.perf_counter()
        index.refresh_statistics()
        print(f"  reusing the {count:,} practitioners already loaded "
              f"(ANALYZE{', VACUUM' if connection.vendor == 'postgresql' else ''}: "
              f"{time.perf_counter() - start:.0f} s)")
    else:
        start = time.perf_counter()
        call_command("load_demo", count=count)
        print(f"  loaded {count:,} practitioners in {time.perf_counter() - start:.0f} s")
    if connection.vendor == "postgresql":
        settle_visibility_map()


def all_visible_share() -> float:
    """The share of the index table's pages that PostgreSQL's visibility map marks
    all-visible: an index-only scan reads the table for every row on the other pages."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE oid = %s::regclass",
                       [SearchEntry._meta.db_table])
        pages, visible = cursor.fetchone()
    return visible / pages if pages else 1.0


def settle_visibility_map(wait_s: float = 120) -> None:
    """VACUUM until the visibility map covers the index table, for up to `wait_s` seconds.

    VACUUM marks a page all-visible only once every transaction that might not see its
    rows has ended, anywhere in the cluster when a standby sends hot_standby_feedback. A
    VACUUM run while another database's bulk load is still open, or while a replica is
    still replaying the load, leaves the map empty. At 100k, two searches' ring counts took
    7.2 and 2.3 ms that way (bitmap scans visiting the table) instead of 0.5 and 0.7."""
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    deadline = time.monotonic() + wait_s
    while (share := all_visible_share()) < 0.95 and time.monotonic() < deadline:
        time.sleep(5)
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {table}")
    print(f"  visibility map: {share:.0%} of the index table's pages all-visible")
    if share < 0.95:
        print("  WARNING: index-only scans will read the table; an open transaction or a "
              "standby's hot_standby_feedback is holding VACUUM back (pg_stat_activity, "
              "pg_stat_replication): the query figures below are not representative")


def explain(params: dict) -> None:
    """Print the database's plan for the full-radius rows query, to show the index in use."""
    print(f"  EXPLAIN of the rows query for {params}:")
    for line in search.find_practitioners(QueryDict(urlencode(params))).query_plan():
        print("   ", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--passes", type=int, default=3,
                        help="timed passes over the searches (each search once per pass)")
    parser.add_argument("--reload", action="store_true", help="rebuild data even if N matches")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="cpu: time this thread's CPU time, which waiting for a core on a "
                             "busy machine does not inflate; on PostgreSQL it leaves out the "
                             "server's own work, so only SQLite's figures are whole")
    args = parser.parse_args()
    global clock
    clock = time.thread_time if args.clock == "cpu" else time.perf_counter

    call_command("collectstatic", interactive=False, verbosity=0)  # as a deployment would
    print(f"database: {connection.vendor}, timed by {args.clock} clock")
    client = Client()
    runs = {}  # N -> (result counts, query ms, page ms), per search
    for count in args.counts:
        print(f"\nN = {count:,}")
        ensure_data(count, args.reload)
        print(f"  database: {connection.settings_dict['NAME']}")
        vocabulary.invalidate()
        searches = make_searches(args.searches)
        sizes = []
        for params in searches:  # one untimed pass: geocoder cache, page cache, connection
            geocoding.geocode(params["near"])
            sizes.append(run_query(params))

        sql = run_passes(sql_time, searches, args.passes)
        calls = run_passes(wall_time(run_query), searches, args.passes)
        apis = run_passes(wall_time(lambda p: client.get("/api/practitioners/", p)), searches,
                          args.passes)
        pages = run_passes(wall_time(lambda p: client.get("/practitioners/", p)), searches,
                           args.passes)
        bare = run_passes(wall_time(lambda p: client.get("/bench/bare/")), searches,
                          args.passes)
        about = run_passes(wall_time(lambda p: client.get("/about/")), searches, args.passes)
        shown = [size[0] for size in sizes]
        full = sum(1 for n in shown if n == search.RESULTS_PER_PAGE)
        print(f"  searches: {len(searches)}, {full} with a full page of "
              f"{search.RESULTS_PER_PAGE}, mean results on page 1: {statistics.mean(shown):.1f}")
        print(f"  timed {args.passes} passes: {args.passes * len(searches)} samples a figure")
        print(f"  (a)  query        {percentiles(column(sql, 0))}")
        print(f"  (a2) details      {percentiles(column(sql, 1))}")
        print(f"  (a+) search call  {percentiles(column(calls, 0))}")
        print(f"  (api) API         {percentiles(column(apis, 0))}")
        print(f"  (b)  page         {percentiles(column(pages, 0))}")
        print(f"  (0)  bare view    {percentiles(column(bare, 0))}")
        print(f"  (0)  about page   {percentiles(column(about, 0))}")
        fastest = {name: statistics.median(per_search_min(samples, 0)) for name, samples in (
            ("query", sql), ("search call", calls), ("API", apis), ("page", pages),
            ("bare view", bare))}
        print("  p50 of each search's fastest pass (what a busy machine disturbs least): "
              + ", ".join(f"{name} {ms:.2f} ms" for name, ms in fastest.items())
              + f"; page = {fastest['page'] / fastest['bare view']:.1f} x bare view, "
              f"API = {fastest['API'] / fastest['bare view']:.1f} x")
        base = statistics.median(column(bare, 0))
        print(f"  page p50 = {statistics.median(column(pages, 0)) / base:.1f} x bare view p50, "
              f"API p50 = {statistics.median(column(apis, 0)) / base:.1f} x, "
              f"SQL of the page (query + details) p50 = "
              f"{statistics.median(a + b for a, b in zip(column(sql, 0), column(sql, 1), strict=True)):.2f} ms")
        explain({"near": "10001", "radius": "50", "accepting": "1"})
        runs[count] = (sizes, per_search_median(sql, 0), per_search_median(pages, 0),
                       per_search_min(sql, 0), per_search_min(pages, 0))
    compare_sizes(runs)


def compare_sizes(runs: dict) -> None:
    """How much the smallest N to the largest costs, over the searches with the same result
    count at both: the same results on page 1 and the same total ("200+" included). A
    bigger directory fills more of each circle, and counting more results costs more."""
    if len(runs) < 2:
        return
    small, large = min(runs), max(runs)
    same = [i for i, size in enumerate(runs[small][0]) if size == runs[large][0][i]]
    if not same:
        return

    def ratio(figure: int) -> float:  # of the per-search figures (medians or minimums)
        return (statistics.median(runs[large][figure][i] for i in same)
                / statistics.median(runs[small][figure][i] for i in same))

    print(f"\n{small:,} -> {large:,}, over the {len(same)} searches with the same result count "
          f"at both:\n  from each search's median pass: query p50 x{ratio(1):.2f}, "
          f"page p50 x{ratio(2):.2f}\n  from each search's fastest pass: query p50 "
          f"x{ratio(3):.2f}, page p50 x{ratio(4):.2f}")


if __name__ == "__main__":
    main()
