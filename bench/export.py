"""Bulk export benchmark: time and peak memory of `export_directory` at several sizes.

    .venv/bin/python bench/export.py                                  # N = 10k and 100k, SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/export.py
    .venv/bin/python bench/export.py --counts 100000 --format hsds-json

For each N it uses the same databases as bench/search.py (var/bench_<N>.sqlite3, or
<database>_<N> on PostgreSQL, loaded with `load_demo --count N` when they do not hold exactly
N practitioners), then runs each export format in a fresh process, which reports its wall
time, its CPU time (on a shared machine the wall time includes waiting for a core; the CPU
time is what the export process itself costs, not counting PostgreSQL's), its peak resident
memory after Django started and at the end, and the objects per file. "Flat in memory" reads as: the peak barely moves from one N to the next.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux carries that
    over from the parent across exec, so a child would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


def child(database_url: str, export_format: str, out_dir: str) -> None:
    """Run one export in this process and print its figures as JSON."""
    os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghij")
    import django

    django.setup()
    from clinics.management.commands.export_directory import FORMATS

    at_start = peak_mb()
    started, cpu_started = time.perf_counter(), time.process_time()
    counts = FORMATS[export_format](Path(out_dir), lambda line: None)
    print(json.dumps({"seconds": time.perf_counter() - started,
                      "cpu_seconds": time.process_time() - cpu_started, "start_mb": at_start,
                      "peak_mb": peak_mb(), "counts": counts}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--format", action="append", dest="formats")
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--child", nargs=3, metavar=("URL", "FORMAT", "DIR"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    import search  # bench/search.py: the benchmark databases and how they are filled
    from django.db import connection

    from clinics.management.commands.export_directory import FORMATS

    formats = args.formats or sorted(FORMATS)
    print(f"{connection.vendor}; formats: {', '.join(formats)}")
    for count in args.counts:
        print(f"N = {count:,} practitioners")
        search.ensure_data(count, args.reload)
        settings_dict = connection.settings_dict
        if connection.vendor == "sqlite":
            url = f"sqlite:///{settings_dict['NAME']}"
        else:
            url = (f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@"
                   f"{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}")
        connection.close()
        for export_format in formats:
            with tempfile.TemporaryDirectory(dir=ROOT / "var") as out_dir:
                result = subprocess.run(  # noqa: S603 (our own script, our own arguments)
                    [sys.executable, __file__, "--child", url, export_format, out_dir],
                    check=True, capture_output=True, text=True)
                figures = json.loads(result.stdout.strip().splitlines()[-1])
                size_mb = sum(p.stat().st_size for p in Path(out_dir).iterdir()) / 2**20
            counts = ", ".join(f"{name} {n:,}" for name, n in figures["counts"].items())
            print(f"  {export_format}: {figures['seconds']:.1f} s wall, "
                  f"{figures['cpu_seconds']:.1f} s CPU of the export process, peak memory "
                  f"{figures['peak_mb']:.0f} MB ({figures['start_mb']:.0f} MB after start-up), "
                  f"{size_mb:.0f} MB written: {counts}")


if __name__ == "__main__":
    main()
