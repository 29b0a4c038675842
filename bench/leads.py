"""Contact-form submissions under load, with a worker killed mid-run.

Run through `make bench-leads` (a throwaway PostgreSQL cluster, durable commits).
In production mode (DEBUG off, whitenoise, PostgreSQL) it serves the site under
gunicorn with LEADS_MIN_SECONDS=0 and the rate limit raised, and on the same
gunicorn settings a constant form whose POST touches no database
(bench/post_ceiling_urls.py). Concurrent clients, each with its own cookie jar,
submit as a browser would: GET /contact/, then POST the form with the CSRF token
and the signed form token read from the page. Each submission is unique and
carries a marker (its e-mail address), so afterwards the stored leads can be
matched one by one with what the server answered.

A third of the way into the site's run one gunicorn worker gets SIGKILL (the
master starts a new one). Per submission: accepted = a 303 to the thank-you page,
errors = a 5xx answer (to the GET or the POST), dropped = the POST's connection
cut before an answer (a GET cut that way is loaded again, as a person would, and
only reported on stderr). R/s = accepted submissions per second of the run; p50
and p99 are over the POSTs. The last two lines printed are

    ceiling: constant POST N req/s, ratio R
    leads: A accepted, S stored, D duplicates, E errors, K dropped, R/s,
        p50 X ms, p99 Y ms   (on one line)

and the exit status is non-zero unless A <= S <= A + K, D = 0 and E = 0 (and
every accepted submission's own marker is stored, and nothing else went wrong).

Knobs (environment): BENCH_CLIENTS (50), BENCH_SUBMISSIONS (2000),
BENCH_CEILING_SUBMISSIONS (same as BENCH_SUBMISSIONS) per ceiling round,
BENCH_CEILING_ROUNDS (3: all but one before the site's run, one after; the
median counts), BENCH_KILL_AT (0.33, the fraction of submissions done when the
worker is killed).
"""

import contextlib
import math
import os
import random
import secrets
import signal
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from bench.common import (
    GUNICORN_WORKERS,
    Server,
    exit_on_signals,
    log,
    prepare_site,
    production_env,
    setup_django,
)
from bench.lead_client import MARKER_DOMAIN, Browser, submit

CLIENTS = int(os.environ.get("BENCH_CLIENTS") or 50)
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS") or 2000)
CEILING_SUBMISSIONS = int(os.environ.get("BENCH_CEILING_SUBMISSIONS") or SUBMISSIONS)
CEILING_ROUNDS = max(1, int(os.environ.get("BENCH_CEILING_ROUNDS") or 3))
KILL_AT = float(os.environ.get("BENCH_KILL_AT") or 0.33)
WARMUP_PER_CLIENT = 1
PHASE_LIMIT = 240.0  # seconds; a phase that takes longer is abandoned


# -- a run of many clients ----------------------------------------------------


class Run:
    """`clients` threads, each with its own Browser, share `total` submissions."""

    def __init__(self, port, prefix, total, clients):
        self.port, self.prefix, self.total, self.clients = port, prefix, total, clients
        self.results = [None] * total
        self._next = 0
        self.done = 0
        self._lock = threading.Lock()
        self.elapsed = 0.0

    def _take(self):
        with self._lock:
            if self._next >= self.total:
                return None
            number, self._next = self._next, self._next + 1
            return number

    def _client(self, start, index):
        browser = Browser(self.port, f"198.18.{index // 250}.{index % 250 + 1}")
        start.wait()
        while (number := self._take()) is not None:
            try:
                result = submit(browser, self.prefix, number)
            except Exception as exc:  # a bug in the client: record, keep going
                result = (None, "other", f"client {exc!r}", None, 0)
            self.results[number] = result
            with self._lock:
                self.done += 1

    def run(self, during=None):
        """Run to the end; `during(run)` runs in this thread meanwhile."""
        start = threading.Barrier(self.clients + 1)
        threads = [
            threading.Thread(target=self._client, args=(start, i), daemon=True)
            for i in range(self.clients)
        ]
        for thread in threads:
            thread.start()
        began = time.monotonic()
        start.wait()
        if during:
            during(self)
        deadline = began + PHASE_LIMIT
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        self.elapsed = time.monotonic() - began
        if any(thread.is_alive() for thread in threads):
            raise RuntimeError(f"bench: run {self.prefix} still busy after the limit")
        return self

    def summary(self):
        outcomes = Counter(r[1] for r in self.results if r)
        details = Counter(r[2] for r in self.results if r and r[2])
        latencies = sorted(r[3] for r in self.results if r and r[3] is not None)
        cut_gets = sum(r[4] for r in self.results if r)
        return outcomes, details, latencies, cut_gets


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


# -- the killed worker --------------------------------------------------------


def children(pid):
    """Process ids whose parent is `pid`."""
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found.update(int(x) for x in task.read_text().split())
    if found:
        return sorted(found)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces.
        fields = text.rpartition(")")[2].split()
        if len(fields) > 1 and fields[1] == str(pid):
            found.add(int(stat.parent.name))
    return sorted(found)


class Killer:
    """SIGKILLs one gunicorn worker once a fraction of the submissions is done."""

    def __init__(self, server, fraction):
        self.server, self.fraction = server, fraction
        self.pid = None
        self.at = None

    def __call__(self, run):
        target = max(1, int(run.total * self.fraction))
        deadline = time.monotonic() + PHASE_LIMIT
        while run.done < target and time.monotonic() < deadline:
            time.sleep(0.005)
        workers = children(self.server.process.pid)
        if not workers:
            log("bench: no gunicorn worker found to kill")
            return
        self.pid, self.at = random.choice(workers), run.done
        os.kill(self.pid, signal.SIGKILL)
        log(f"bench: SIGKILL to worker {self.pid} after {self.at} submissions")

    def respawned(self, timeout=15.0):
        """Whether the master is back to its full set of workers, without the dead."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            workers = children(self.server.process.pid)
            if len(workers) >= GUNICORN_WORKERS and self.pid not in workers:
                return True
            time.sleep(0.2)
        return False


# -- the stored leads ---------------------------------------------------------


def stored_markers(env, prefix):
    """Counter of marker -> stored leads, plus how many of them were flagged spam."""
    setup_django(env)
    from django.db import connections
    from django.db.models import Count

    from leads.models import Lead

    rows = (
        Lead.objects.filter(
            email__startswith=f"{prefix}-", email__endswith=MARKER_DOMAIN
        )
        .values("email")
        .annotate(n=Count("id"))
    )
    stored = Counter({row["email"]: row["n"] for row in rows})
    spam = Lead.objects.filter(email__startswith=f"{prefix}-", is_spam=True).count()
    connections.close_all()
    return stored, spam


# -- main ---------------------------------------------------------------------


def report_phase(name, run):
    outcomes, details, latencies, cut_gets = run.summary()
    log(
        f"bench: {name}: {dict(outcomes)} in {run.elapsed:.1f}s, "
        f"POST p50 {percentile(latencies, 50) * 1000:.0f} ms"
        + (f", {cut_gets} GET connections cut (retried)" if cut_gets else "")
    )
    for detail, count in details.most_common(5):
        log(f"bench:   {count} x {detail}")
    return outcomes, latencies, cut_gets


def main():
    exit_on_signals()
    env = production_env(
        LEADS_MIN_SECONDS="0",
        LEADS_RATE_LIMIT="1000000",
        # Each bench client sends 40 forms: every one is notified one by one,
        # as it was before the hourly allowance, so the work measured is alike.
        LEADS_NOTIFY_PER_CLIENT_HOUR="1000000",
        TRUSTED_PROXIES="127.0.0.1",
    )
    prepare_site(env)
    run_id = secrets.token_hex(3)
    failures = []
    prefix = f"bench-{run_id}"
    run, outcomes, latencies, cut_gets, ceiling_rate = measure(
        env, run_id, prefix, failures
    )
    stored, spam = stored_markers(env, prefix)
    figures = check_stored(run, outcomes, stored, spam, cut_gets, failures)
    rate = figures["a"] / run.elapsed
    if rate < ceiling_rate / 2:
        log("bench: note: submissions reach less than half of the constant POST view")
    for failure in failures:
        log(f"bench: FAILED: {failure}")
    p50, p99 = percentile(latencies, 50) * 1000, percentile(latencies, 99) * 1000
    print(
        f"ceiling: constant POST {ceiling_rate:.0f} req/s, "
        f"ratio {rate / ceiling_rate:.2f}"
    )
    print(
        f"leads: {figures['a']} accepted, {figures['s']} stored, "
        f"{figures['d']} duplicates, {figures['e']} errors, {figures['k']} dropped, "
        f"{rate:.0f} R/s, p50 {p50:.0f} ms, p99 {p99:.0f} ms"
    )
    sys.stdout.flush()
    return 1 if failures else 0


def measure(env, run_id, prefix, failures):
    """The site's run (one worker killed a third of the way in) between rounds
    of the constant POST view; (run, outcomes, latencies, cut GETs, ceiling)."""
    servers = []
    try:
        site = Server("leads", "clinic.wsgi:application", env)
        servers.append(site)
        site.wait_ready("/contact/")
        ceiling = start_ceiling(env, site)
        servers.append(ceiling)
        warm = CLIENTS * WARMUP_PER_CLIENT
        for name, server in (("ceiling", ceiling), ("leads", site)):
            report_phase(
                f"warm-up {name}",
                Run(server.port, f"warm-{run_id}", warm, CLIENTS).run(),
            )
        # Rounds before and after the site's run; the median round counts, so a
        # passing disturbance on the machine moves one round, not the result.
        ceiling_rates = [
            measure_ceiling(ceiling, run_id, round_no, failures)
            for round_no in range(1, CEILING_ROUNDS)
        ]
        killer = Killer(site, KILL_AT)
        run = Run(site.port, prefix, SUBMISSIONS, CLIENTS).run(during=killer)
        outcomes, latencies, cut_gets = report_phase("leads", run)
        ceiling_rates.append(measure_ceiling(ceiling, run_id, CEILING_ROUNDS, failures))
        check_server(site, killer, outcomes, failures)
    finally:
        for server in servers:
            server.stop()
    return run, outcomes, latencies, cut_gets, statistics.median(ceiling_rates)


def start_ceiling(env, site):
    """The constant POST view, serving a form page of the real one's size, so
    both runs move and parse the same bytes; only the views behind them differ."""
    form_bytes = len(Browser(site.port, "198.18.255.1").request("GET", "/contact/")[2])
    log(f"bench: the contact page is {form_bytes} bytes")
    ceiling_env = dict(
        env,
        DJANGO_SETTINGS_MODULE="bench.post_ceiling_settings",
        BENCH_FORM_BYTES=str(form_bytes),
    )
    ceiling = Server("post-ceiling", "clinic.wsgi:application", ceiling_env)
    ceiling.wait_ready("/contact/")
    return ceiling


def measure_ceiling(ceiling, run_id, round_no, failures):
    """One round of the constant POST view; its rate."""
    ceiling_run = Run(
        ceiling.port, f"ceiling{round_no}-{run_id}", CEILING_SUBMISSIONS, CLIENTS
    ).run()
    outcomes, _, _ = report_phase(f"ceiling round {round_no}", ceiling_run)
    if outcomes["accepted"] != CEILING_SUBMISSIONS:
        failures.append(f"ceiling round {round_no}: {dict(outcomes)}")
    return outcomes["accepted"] / ceiling_run.elapsed


def check_server(site, killer, outcomes, failures):
    """A worker was killed and replaced, and none timed out."""
    if killer.pid is None:
        failures.append("no worker was killed")
    elif killer.respawned():
        log(f"bench: gunicorn replaced worker {killer.pid}")
    else:
        failures.append(f"gunicorn did not replace worker {killer.pid}")
    server_log = Path(site.log.name).read_text(errors="replace")
    if "WORKER TIMEOUT" in server_log:
        failures.append("a gunicorn worker timed out (see the log below)")
    if outcomes["error"] or outcomes["other"] or "WORKER TIMEOUT" in server_log:
        log("bench: leads server log (tail):\n" + site.log_tail(60))


def check_stored(run, outcomes, stored, spam, cut_gets, failures):
    """Every accepted submission stored once: A <= S <= A + K, D = 0, E = 0."""
    accepted = {r[0] for r in run.results if r and r[1] == "accepted"}
    dropped = {r[0] for r in run.results if r and r[1] == "dropped"}
    a, e, k = len(accepted), outcomes["error"], len(dropped)
    s = sum(stored.values())
    d = sum(n - 1 for n in stored.values() if n > 1)
    missing = sum(1 for r in run.results if r is None)
    if missing:
        failures.append(f"{missing} submissions never ran")
    lost = accepted - set(stored)
    unexpected = set(stored) - accepted - dropped
    log(
        f"bench: {len(set(stored) & dropped)} of {k} dropped submissions were stored"
        + (f"; {cut_gets} GETs cut and retried" if cut_gets else "")
    )
    if lost:
        failures.append(
            f"{len(lost)} accepted submissions not stored, e.g. {min(lost)}"
        )
    if unexpected:
        failures.append(f"{len(unexpected)} stored leads never accepted or dropped")
    if spam:
        log(f"bench: note: {spam} stored leads were flagged as spam")
    if outcomes["other"]:
        failures.append(f"{outcomes['other']} submissions neither accepted nor 5xx")
    if not (a <= s <= a + k):
        failures.append(f"stored {s} outside [{a}, {a + k}]")
    if d:
        failures.append(f"{d} duplicates")
    if e:
        failures.append(f"{e} 5xx answers")
    return {"a": a, "s": s, "d": d, "e": e, "k": k}


if __name__ == "__main__":
    sys.exit(main())
