"""The figures of bench/load.py and its two fault runs: PostgreSQL restarted, and the SMTP
server stopped, while patients post enquiries."""

import json
import re
import statistics
import time
from collections import Counter

from bench.load_services import (
    SCRATCH,
    Inbox,
    OwnPostgres,
    Site,
    SmtpServer,
    finish_locust,
    get,
    say,
    start_locust,
)

# Short retries for the mail fault: an outage of a few seconds must not take minutes to
# recover from. Production keeps directory/settings.py's default (a minute, then five, ...).
MAIL_RETRY_DELAYS = "1,2,4,8,15,30,60,120"


def percentile(values: list[float], cut: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[cut - 1]


def figures(samples: list[list], names: set[str] | None = None) -> dict:
    """requests, per second, p50 and p99 (ms), errors, over the span of the samples."""
    chosen = [s for s in samples if names is None or s[0] in names]
    if not chosen:
        return {"requests": 0, "rps": 0.0, "p50": float("nan"), "p99": float("nan"),
                "errors": 0}
    start = min(s[1] for s in chosen)
    end = max(s[1] + s[2] / 1000 for s in chosen)
    times = [s[2] for s in chosen]
    return {"requests": len(chosen), "rps": len(chosen) / (end - start),
            "p50": percentile(times, 50), "p99": percentile(times, 99),
            "errors": sum(1 for s in chosen if not s[3])}


def print_by_name(samples: list[list]) -> None:
    names = sorted({s[0] for s in samples})
    say(ROW_BY_NAME.format("requests of", "requests", "req/s", "p50 ms", "p99 ms", "errors"))
    for name in names:
        figs = figures(samples, {name})
        say(ROW_BY_NAME.format(name, figs["requests"], f"{figs['rps']:.1f}",
                               f"{figs['p50']:.1f}", f"{figs['p99']:.1f}", figs["errors"]))


ROW_BY_NAME = "  {:<14} {:>9} {:>9} {:>8} {:>8} {:>7}"


def worker_state(site: Site) -> str:
    worker = site.worker
    if worker is not None and worker.poll() is None:
        return "task worker (db_worker): still running"
    lines = (SCRATCH / "worker.log").read_text(errors="replace").strip().splitlines()
    return (f"task worker (db_worker): EXITED with code {worker.returncode if worker else '?'}"
            f": {lines[-1][:160] if lines else ''} (whole log: {SCRATCH}/worker.log); the "
            f"enquiries stay pending until a process manager starts it again")


def error_kinds(samples: list[list]) -> str:
    kinds = Counter(f"HTTP {s[4]}" if s[4] else "no answer" for s in samples if not s[3])
    return ", ".join(f"{kind}: {n}" for kind, n in kinds.most_common()) or "none"


def worker_boots(log: str) -> tuple[int, int]:
    """(worker processes started after the first ones, of which recycled after
    GUNICORN_MAX_REQUESTS requests, as gunicorn does by design)."""
    return (log.count("Booting worker with pid"),
            log.count("Autorestarting worker after current request"))


def enquiry_outcome(plan: dict, data: dict) -> tuple[dict[int, int], dict[int, object]]:
    """(status the client got per enquiry number, saved ContactRequest per number)."""
    from django.db import connections

    from clinics.owners.models import ContactRequest

    connections.close_all()  # the database may have restarted under this process
    answered = {number: status for number, _start, status in data["enquiries"]}
    marker = re.compile(rf"Load run {re.escape(plan['run_id'])} enquiry (\d+):")
    saved = {}
    for row in ContactRequest.objects.filter(message__contains=f"Load run {plan['run_id']} "):
        found = marker.search(row.message)
        if found:
            saved[int(found.group(1))] = row
    return answered, saved


def report_enquiries(answered: dict[int, int], saved: dict) -> bool:
    accepted = {n for n, status in answered.items() if status == 302}
    lost = sorted(accepted - set(saved))
    unconfirmed = sorted(set(saved) - accepted)
    say(f"enquiries posted: {len(answered)}; accepted (302): {len(accepted)}; "
        f"other answers: {error_kinds([['', 0, 0, False, s] for s in answered.values() if s != 302])}")
    say(f"saved (ContactRequest rows of this run): {len(saved)}; "
        f"accepted but not saved (lost): {len(lost)}{' ' + str(lost[:10]) if lost else ''}; "
        f"saved though the client saw no 302: {len(unconfirmed)}")
    return not lost


def timeline(samples: list[list], zero: float, first: int, last: int) -> None:
    say("per second, relative to the fault (requests / errors):")
    cells = []
    for second in range(first, last):
        inside = [s for s in samples if zero + second <= s[1] < zero + second + 1]
        cells.append(f"{second:+d}s {len(inside)}/{sum(1 for s in inside if not s[3])}")
    for i in range(0, len(cells), 6):
        say("  " + "   ".join(cells[i:i + 6]))


def postgres_fault(site: Site, postgres: OwnPostgres, args) -> bool:
    say(f"  mixed load for {args.fault_duration:g} s ({args.users} readers, "
        f"{args.enquiry_users} patients posting enquiries); PostgreSQL restarts at "
        f"+{args.fault_at:g} s")
    master, pids_before = site.gunicorn.pid, site.worker_pids()
    log_before = len(site.log_text())
    process, out = start_locust("fault-postgres", kind="mixed", base=site.base, users=args.users,
                                duration=args.fault_duration,
                                enquiry_users=args.enquiry_users)
    started = time.time()
    time.sleep(args.fault_at)
    restart_begin = time.time()
    postgres.restart()
    restart_end = time.time()
    data = finish_locust(process, out, args.fault_duration)
    healthz = get(f"{site.base}/healthz")
    samples = data["samples"]
    failed = [s for s in samples if not s[3]]
    figs = figures(samples)
    say("")
    say(f"PostgreSQL restart (pg_ctl restart -m fast) began at +{restart_begin - started:.2f} s "
        f"of the load and took {restart_end - restart_begin:.2f} s")
    say(f"requests: {figs['requests']} ({figs['rps']:.1f}/s), errors: {len(failed)} "
        f"({error_kinds(samples)})")
    recovered = True
    if failed:
        first = min(s[1] for s in failed) - restart_begin
        last = max(s[1] + s[2] / 1000 for s in failed) - restart_begin
        after = [s for s in samples if s[1] > restart_begin + last]
        took = restart_end - restart_begin
        say(f"error window: the failed requests started at {first:+.2f} s at the earliest and "
            f"had all ended by {last:+.2f} s, relative to the restart's start ({last - first:.2f}"
            f" s; the restart itself took {took:.2f} s, so the last error came "
            f"{abs(last - took):.2f} s {'after' if last >= took else 'before'} it finished); "
            f"after that {len(after)} requests, "
            f"{sum(1 for s in after if not s[3])} errors")
        recovered = last - took <= args.recovery_limit
    say(f"site answering again within {args.recovery_limit:g} s of the restart ending: "
        f"{'yes' if recovered else 'NO'}; /healthz after the load: {healthz}")
    boots, recycled = worker_boots(site.log_text()[log_before:])
    say(f"gunicorn: master pid {master} {'unchanged' if site.gunicorn.poll() is None else 'GONE'}"
        f"; workers started during the load: {boots} ({recycled} recycled after "
        f"GUNICORN_MAX_REQUESTS, {boots - recycled} for other reasons); "
        f"workers before/after the same: {pids_before == site.worker_pids()}")
    say(worker_state(site))
    print_by_name(samples)
    timeline(samples, restart_begin, -3, 7)
    plan = json.loads((SCRATCH / "plan.json").read_text())
    answered, saved = enquiry_outcome(plan, data)
    kept = report_enquiries(answered, saved)
    no_restart = site.gunicorn.poll() is None and boots == recycled
    return recovered and kept and no_restart and healthz == 200


def delivered_per_enquiry(inbox: Inbox) -> Counter:
    """Messages received per ContactRequest id, read from the inbox link each carries."""
    from email import message_from_bytes, policy

    link = re.compile(r"/inbox/(\d+)/")
    counts: Counter = Counter()
    with inbox.lock:
        raw = [content for _when, content in inbox.messages]
    for content in raw:
        message = message_from_bytes(content, policy=policy.default)
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        found = link.search(text)
        counts[int(found.group(1)) if found else -1] += 1
    return counts


def mail_fault(site: Site, smtp: SmtpServer, args) -> bool:
    from clinics.owners.models import ContactRequest

    say(f"  mixed load for {args.fault_duration:g} s ({args.users} readers, "
        f"{args.enquiry_users} patients posting enquiries); the SMTP server stops at "
        f"+{args.fault_at:g} s for {args.outage:g} s")
    process, out = start_locust("fault-mail", kind="mixed", base=site.base, users=args.users,
                                duration=args.fault_duration,
                                enquiry_users=args.enquiry_users)
    started = time.time()
    time.sleep(args.fault_at)
    smtp.stop()
    down = time.time()
    received_before = len(smtp.inbox.messages)
    time.sleep(args.outage)
    smtp.start()
    up = time.time()
    data = finish_locust(process, out, args.fault_duration)
    load_end = time.time()
    plan = json.loads((SCRATCH / "plan.json").read_text())
    deadline = time.monotonic() + args.deliver_timeout
    while True:
        answered, saved = enquiry_outcome(plan, data)
        pending = [n for n, row in saved.items()
                   if row.email_status != ContactRequest.EmailStatus.SENT]
        if not pending or time.monotonic() > deadline:
            break
        time.sleep(1)
    time.sleep(3)  # a duplicate would arrive now
    answered, saved = enquiry_outcome(plan, data)
    counts = delivered_per_enquiry(smtp.inbox)
    figs = figures(data["samples"])
    say("")
    say(f"SMTP server down from +{down - started:.1f} s to +{up - started:.1f} s of the load "
        f"({up - down:.1f} s); messages received before it stopped: {received_before}")
    say(f"requests: {figs['requests']} ({figs['rps']:.1f}/s), errors: {figs['errors']} "
        f"({error_kinds(data['samples'])})")
    kept = report_enquiries(answered, saved)
    ids = {row.pk for row in saved.values()}
    once = sum(1 for pk in ids if counts[pk] == 1)
    missing = sorted(pk for pk in ids if counts[pk] == 0)
    twice = sorted(pk for pk in ids if counts[pk] > 1)
    strays = sum(n for pk, n in counts.items() if pk not in ids)
    retried = [row for row in saved.values() if row.email_attempts > 1]
    during = [row for row in saved.values() if down <= row.created_at.timestamp() < up]
    say(f"enquiries posted while the SMTP server was down: {len(during)}; enquiries whose "
        f"first send failed and were retried: {len(retried)} (most attempts: "
        f"{max((row.email_attempts for row in saved.values()), default=0)})")
    say(f"emails received: {sum(counts.values())}; enquiries emailed exactly once: {once} of "
        f"{len(ids)}; never: {len(missing)}{' ' + str(missing[:10]) if missing else ''}; "
        f"more than once: {len(twice)}{' ' + str(twice[:10]) if twice else ''}; "
        f"other messages: {strays}")
    sent_at = [row.emailed_at.timestamp() for row in saved.values() if row.emailed_at]
    if sent_at:
        say(f"last delivery {max(sent_at) - up:.1f} s after the SMTP server came back "
            f"({max(sent_at) - load_end:.1f} s after the load ended); retry delays "
            f"DJANGO_TASK_RETRY_DELAYS={MAIL_RETRY_DELAYS}")
    say(worker_state(site))
    print_by_name(data["samples"])
    return kept and not missing and not twice and bool(ids)
