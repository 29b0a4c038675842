"""The lead admin's triage pages at 1,000 and at 1,000,000 leads.

Run through `make bench-triage` (a throwaway PostgreSQL cluster, durable commits).
In production mode (DEBUG off, whitenoise, PostgreSQL) it seeds the lead table with
bulk SQL (INSERT ... SELECT FROM generate_series, never one ORM save per row),
serves the site under gunicorn and, logged in through /admin/login/ as a front-desk
user, times four admin pages one request after another:

    list    /admin/leads/lead/
    filter  /admin/leads/lead/?status__exact=contacted
    search  /admin/leads/lead/?q=Quartermaine          (one lead has that name)
    phone   /admin/leads/lead/?q=(201) 555-0123         (stored as +12015550123)

Each figure is the median of BENCH_REQUESTS (15) requests after a warm-up. Then the
table grows to 1,000,000 leads and the same four are timed again. The SQL queries
each page makes are counted in-process (Django's test client, same settings; the
same count at both sizes with 50 rows a page means no N+1), and for every page
that got more than 2x slower, each SELECT on the lead table is shown with its
EXPLAIN ANALYZE at 1,000,000 leads on stderr. The last line printed is

    triage: list Xms/Yms, filter Xms/Yms, search Xms/Yms, phone Xms/Yms (1k/1M)

The goal is each 1M figure within 2x of its 1k figure; the line before the last
names the figures that miss it. The exit status is non-zero only when something
breaks (a page not answering 200, a search not finding its lead, a failed login).

Knobs (environment): BENCH_REQUESTS (15), BENCH_LARGE (1000000),
BENCH_CHUNK (200000 rows per INSERT).
"""

import html
import os
import re
import statistics
import sys
import time
from urllib.parse import urlencode

from bench.common import (
    CookieClient,
    Server,
    exit_on_signals,
    log,
    production_env,
)
from bench.triage_seed import (
    USERNAME,
    lead_count,
    prepare_database,
    seed_large,
    seed_small,
)

REQUESTS = int(os.environ.get("BENCH_REQUESTS") or 15)
WARMUP = 3
GOAL = 2.0  # each 1M figure within this factor of its 1k figure

PHONE_QUERY = "(201) 555-0123"
LIST = "/admin/leads/lead/"
PAGES = {
    "list": LIST,
    "filter": LIST + "?status__exact=contacted",
    "search": LIST + "?" + urlencode({"q": "Quartermaine"}),
    "phone": LIST + "?" + urlencode({"q": PHONE_QUERY}),
}
LEAD_LINK = re.compile(r'href="/admin/leads/lead/(\d+)/change/')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# -- the admin through gunicorn -----------------------------------------------


class AdminSession(CookieClient):
    """A browser that signs in to the admin."""

    def login(self, username, password):
        """One attempt only: a failure must not count towards an axes lockout."""
        path = "/admin/login/?" + urlencode({"next": LIST})
        status, _, data = self.request("GET", path)
        match = CSRF_INPUT.search(data.decode("utf-8", "replace"))
        if status != 200 or not match:
            raise RuntimeError(f"bench: GET {path} answered {status} without a form")
        status, location, data = self.post_form(
            path,
            {
                "csrfmiddlewaretoken": html.unescape(match.group(1)),
                "username": username,
                "password": password,
                "next": LIST,
            },
        )
        if status != 302 or not location.endswith(LIST):
            snippet = re.sub(r"\s+", " ", data.decode("utf-8", "replace"))[:300]
            raise RuntimeError(
                f"bench: login as {username} answered {status} {location} {snippet}"
            )


def check_page(name, status, body, target):
    """Raise unless the page answered 200 and (searches) shows the target lead."""
    if status != 200:
        raise RuntimeError(f"bench: {name} {PAGES[name]} answered {status}")
    text = body.decode("utf-8", "replace")
    if 'id="result_list"' not in text:
        raise RuntimeError(f"bench: {name} {PAGES[name]} shows no result list")
    leads = set(LEAD_LINK.findall(text))
    if name in ("search", "phone") and str(target) not in leads:
        raise RuntimeError(f"bench: {name} {PAGES[name]} does not show lead {target}")
    return len(leads)


def time_pages(session, target, label):
    """Median milliseconds per page, sequential requests after a warm-up."""
    figures = {}
    for name, path in PAGES.items():
        for _ in range(WARMUP):
            status, _, body = session.request("GET", path)
            shown = check_page(name, status, body, target)
        samples = []
        for _ in range(REQUESTS):
            began = time.perf_counter()
            status, _, body = session.request("GET", path)
            samples.append((time.perf_counter() - began) * 1000)
            check_page(name, status, body, target)
        figures[name] = statistics.median(samples)
        log(
            f"bench: {label} {name}: median {figures[name]:.1f} ms "
            f"(min {min(samples):.1f}, max {max(samples):.1f}), {shown} leads shown"
        )
    return figures


# -- queries per page, in-process ---------------------------------------------


def page_queries(target):
    """{page: [(ms, sql), ...]} for one request to each page, as the bench user."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=USERNAME))
    captured = {}
    for name, path in PAGES.items():
        client.get(path)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        check_page(name, response.status_code, response.content, target)
        captured[name] = [
            (float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries
        ]
    return captured


def describe_queries(label, captured):
    for name, queries in captured.items():
        on_leads = [q for q in queries if "leads_lead" in q[1]]
        slowest = max(on_leads, default=(0.0, ""))
        log(
            f"bench: {label} {name}: {len(queries)} queries "
            f"({len(on_leads)} on leads_lead, slowest {slowest[0]:.1f} ms: "
            f"{shorten(slowest[1])})"
        )


def shorten(sql, width=160):
    sql = re.sub(r"\s+", " ", sql)
    sql = re.sub(
        r'SELECT "leads_lead"\."id", .*? FROM', 'SELECT "leads_lead".* FROM', sql
    )
    return sql if len(sql) <= width else sql[: width - 3] + "..."


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


# -- main ---------------------------------------------------------------------


def main():
    exit_on_signals()
    env = production_env()
    password, params = prepare_database(env)
    from django.db import connections

    target, inserted, seconds = seed_small(params)
    print(f"seed: {inserted} leads in {seconds:.1f}s (bulk SQL)")
    connections.close_all()

    figures, queries = {}, {}
    server, finished = None, False
    try:
        server = Server("triage", "clinic.wsgi:application", env)
        server.wait_ready("/admin/login/")
        session = AdminSession(server.port)
        session.login(USERNAME, password)

        for label in ("1k", "1M"):
            if label == "1M":
                inserted, seconds = seed_large(params)
                print(
                    f"seed: {inserted} more leads in {seconds:.1f}s "
                    f"({inserted / seconds:.0f} rows/s, bulk SQL, then VACUUM ANALYZE)"
                )
            count = lead_count()
            log(f"bench: {count} leads in the table")
            figures[label] = time_pages(session, target, label)
            queries[label] = page_queries(target)
            describe_queries(label, queries[label])
            print(
                f"queries {label} ({count} leads): "
                + ", ".join(f"{n} {len(q)}" for n, q in queries[label].items())
            )
            connections.close_all()
        finished = True
    finally:
        if server is not None:
            if not finished:
                log("bench: server log (tail):\n" + server.log_tail(40))
            server.stop()

    small, large = figures["1k"], figures["1M"]
    over = [name for name in PAGES if large[name] > GOAL * small[name]]
    for name in over:
        # Every query on the lead table, slowest first, with its plan.
        on_leads = sorted(
            (q for q in queries["1M"][name] if "leads_lead" in q[1]), reverse=True
        )
        for ms, sql in on_leads:
            if sql.lstrip().startswith("SELECT"):
                log(
                    f"bench: {name} at 1M, {ms:.1f} ms: {shorten(sql, 10_000)}\n"
                    + explain(sql)
                )
    connections.close_all()
    if over:
        print(
            f"over {GOAL:g}x: "
            + ", ".join(
                f"{name} {small[name]:.1f}ms -> {large[name]:.1f}ms "
                f"({large[name] / small[name]:.1f}x)"
                for name in over
            )
        )
    else:
        print(f"every 1M figure within {GOAL:g}x of its 1k figure")
    print(
        "triage: "
        + ", ".join(f"{name} {small[name]:.1f}ms/{large[name]:.1f}ms" for name in PAGES)
        + " (1k/1M)"
    )
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
