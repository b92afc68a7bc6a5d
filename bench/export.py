"""Bulk export benchmark: wall time and memory of `export_directory --format fhir-ndjson`.

    .venv/bin/python bench/export.py                       # N = 100,000 on SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/export.py
    .venv/bin/python bench/export.py --counts 10000 100000

For each N it uses the same databases as bench/search.py (var/bench_<N>.sqlite3, or
<database>_<N> on PostgreSQL), loading `load_demo --count N` only when the database does not
already hold exactly N practitioners. It then runs the export into a temporary directory and
prints the wall time (and the CPU time, which shows how much of it was waiting for a busy
machine), the lines per file, and the process's resident memory (RSS, psutil):
before the export, at every progress line, and the peak sampled every 50 ms during it. Flat
memory shows as an RSS that stops growing after the first file and a peak close to it.
"""

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from bench.search import ensure_data  # noqa: E402  (sets up Django as the search bench does)
from clinics.fhir.export import export_ndjson  # noqa: E402

MB = 1024 * 1024


class PeakRss:
    """Samples this process's RSS every `interval` seconds in a thread; .peak in bytes."""

    def __init__(self, interval: float = 0.05) -> None:
        self.process = psutil.Process()
        self.interval = interval
        self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(count: int, reload: bool) -> None:
    print(f"\nN = {count:,}")
    ensure_data(count, reload)
    process = psutil.Process()
    before = process.memory_info().rss

    def progress(line: str) -> None:
        print(f"  {line}  [RSS {process.memory_info().rss / MB:.0f} MB]", flush=True)

    with tempfile.TemporaryDirectory() as out, PeakRss() as peak:
        start, cpu_start = time.perf_counter(), process.cpu_times()
        counts = export_ndjson(Path(out), progress)
        elapsed, cpu_end = time.perf_counter() - start, process.cpu_times()
        size = sum(f.stat().st_size for f in Path(out).iterdir())
    print("  files: " + ", ".join(f"{name} {n:,}" for name, n in counts.items()))
    cpu = (cpu_end.user - cpu_start.user) + (cpu_end.system - cpu_start.system)
    print(f"  wall time {elapsed:.1f} s for {sum(counts.values()):,} resources "
          f"({size / MB:.0f} MB of NDJSON); this process's CPU time {cpu:.1f} s, "
          f"load average {psutil.getloadavg()[0]:.1f} on {psutil.cpu_count()} cores")
    print(f"  RSS before {before / MB:.0f} MB, peak during export {peak.peak / MB:.0f} MB "
          f"(+{(peak.peak - before) / MB:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[100_000])
    parser.add_argument("--reload", action="store_true", help="rebuild data even if N matches")
    args = parser.parse_args()
    for count in args.counts:
        run(count, args.reload)


if __name__ == "__main__":
    main()
