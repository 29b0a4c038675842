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
import http.client
import os
import re
import secrets
import statistics
import sys
import time
from urllib.parse import urlencode

from bench.common import (
    HOST,
    Server,
    exit_on_signals,
    log,
    prepare_site,
    production_env,
    setup_django,
)

SMALL = 1_000
LARGE = int(os.environ.get("BENCH_LARGE") or 1_000_000)
CHUNK = int(os.environ.get("BENCH_CHUNK") or 200_000)
REQUESTS = int(os.environ.get("BENCH_REQUESTS") or 15)
WARMUP = 3
TIMEOUT = 60.0
GOAL = 2.0  # each 1M figure within this factor of its 1k figure

USERNAME = "bench-front-desk"
OTHER_FRONT_DESK = ("bench-desk-2", "bench-desk-3")
TARGET_NAME = "Zebulon Quartermaine"
TARGET_PHONE = "+12015550123"
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

# Fictional names; none contains "Quartermaine" or "Zebulon".
FIRST_NAMES = """
Ada Bram Celia Dorian Elsa Fabian Greta Hollis Ines Jasper Kira Lionel Mara
Niles Opal Pascal Quinn Rosa Silas Tessa Ulric Vera Wendell Xenia Yusuf Zora
Amos Bettina Cyrus Delphine Emmett Flora Gideon Hazel Ivo Juno Kasimir Lorna
Milo Nadia
""".split()  # noqa: SIM905
LAST_NAMES = """
Abernathy Blackwood Calloway Dunmore Ellery Fairbanks Galloway Hartwell
Ingram Jessup Kettering Lindqvist Marchetti Northcote Oakhurst Pemberton
Quimby Ravensworth Sterling Thistlewood Underhill Vantongeren Whitcombe
Yardley Zeller Ashdown Brightwater Crowther Delacroix Everhart Foxley
Greenhalgh Holloway Ivers Jennings Kingsley Loxley Merriweather Nettleton
Ormsby Pickering Rathbone Selwyn Trelawney Upton Voss Winterbourne Yelverton
Ziegler Ambrose
""".split()  # noqa: SIM905
MESSAGES = [
    "Lower back pain for three weeks, worse when sitting.",
    "My knee clicks and swells after running. Do you see sports injuries?",
    "Neck stiffness since a car accident last month. What are my options?",
    "Numbness in my right hand at night. Is this something you treat?",
    "Sciatica down my left leg, I would like a consultation.",
    "Shoulder pain when lifting my arm above my head.",
]
AREA_CODES = ["551", "732", "848", "908", "973", "862", "609", "856"]  # not 201
UTM = [  # source, medium, campaign
    ("google", "cpc", "back-pain-2026"),
    ("facebook", "social", "knee-clinic"),
    ("newsletter", "email", "spring-newsletter"),
    ("bing", "cpc", "sciatica-search"),
]

COLUMNS = """name, phone, email, preferred_contact, message, topic_id,
    consent_version, consented_at, article_id, source_page, first_touch, last_touch,
    utm_source, utm_medium, utm_campaign, status, owner_id, first_contacted_at,
    is_spam, spam_reasons, client_hash, form_token, fingerprint, created_at"""

# Rows for i in [start, stop): every value derived from i by cheap integer hashing
# (mod, not %, so that no % needs escaping), so a run is repeatable and the values
# vary like real ones.
SEED_SQL = f"""
INSERT INTO leads_lead ({COLUMNS}/*OTHER_COLUMNS*/)
SELECT
    r.first_name || ' ' || r.last_name,
    r.phone,
    CASE WHEN r.phone <> '' AND mod(r.h, 7) = 0 THEN ''
         ELSE lower(r.first_name || '.' || r.last_name) || r.i || '@example.test'
    END,
    CASE WHEN r.phone = '' THEN 'email'
         ELSE (ARRAY['call', 'call', 'text', 'email'])[1 + mod(r.i, 4)]
    END,
    (%(messages)s::text[])[1 + mod(r.h, cardinality(%(messages)s::text[]))],
    CASE WHEN mod(r.i, 4) <> 0 AND cardinality(%(topics)s::bigint[]) > 0
         THEN (%(topics)s::bigint[])[1 + mod(r.i, cardinality(%(topics)s::bigint[]))]
    END,
    '2026-11-01',
    r.created_at,
    r.article_id,
    CASE WHEN r.article_id IS NULL THEN '/contact/'
         ELSE (%(post_paths)s::text[])[1 + mod(r.i / 3, r.n_posts)]
    END,
    r.touch,
    r.touch,
    coalesce((%(utm_sources)s::text[])[1 + r.u], ''),
    coalesce((%(utm_mediums)s::text[])[1 + r.u], ''),
    coalesce((%(utm_campaigns)s::text[])[1 + r.u], ''),
    r.status,
    CASE WHEN r.status NOT IN ('new', 'spam')
         THEN (%(owners)s::bigint[])[1 + mod(r.i, cardinality(%(owners)s::bigint[]))]
    END,
    CASE WHEN r.status NOT IN ('new', 'spam')
         THEN r.created_at + make_interval(mins => 5 + mod(r.h, 240)::int)
    END,
    r.status = 'spam',
    CASE WHEN r.status = 'spam'
         THEN '["submitted too fast", "too many from one address"]'::jsonb
         ELSE '[]'::jsonb
    END,
    md5('client' || mod(r.i, 700000)) || md5('address' || mod(r.i, 700000)),
    md5('token' || r.i) || md5('form' || r.i),
    md5('fingerprint' || r.i) || md5('content' || r.i),
    r.created_at/*OTHER_VALUES*/
FROM (
    SELECT
        y.*,
        CASE WHEN y.u >= cardinality(%(utm_sources)s::text[]) THEN '{{}}'::jsonb
             ELSE jsonb_build_object(
                 'utm_source', (%(utm_sources)s::text[])[1 + y.u],
                 'utm_medium', (%(utm_mediums)s::text[])[1 + y.u],
                 'utm_campaign', (%(utm_campaigns)s::text[])[1 + y.u],
                 'landing_page', '/contact/',
                 'at', y.created_at - interval '1 day')
        END AS touch
    FROM (
        SELECT
            x.*,
            (%(first_names)s::text[])[
                1 + mod(x.h, cardinality(%(first_names)s::text[]))] AS first_name,
            (%(last_names)s::text[])[
                1 + mod(x.h / 64, cardinality(%(last_names)s::text[]))] AS last_name,
            CASE WHEN mod(x.i, 10) = 3 THEN ''
                 ELSE '+1' || (%(area_codes)s::text[])[
                          1 + mod(x.i, cardinality(%(area_codes)s::text[]))]
                      || (2000000 + mod(x.i * 7919, 8000000))::text
            END AS phone,
            CASE WHEN x.s < 15 THEN 'new'
                 WHEN x.s < 40 THEN 'contacted'
                 WHEN x.s < 60 THEN 'booked'
                 WHEN x.s < 78 THEN 'closed'
                 WHEN x.s < 90 THEN 'not_fit'
                 ELSE 'spam'
            END AS status,
            CASE WHEN mod(x.i, 3) = 0 AND x.n_posts > 0
                 THEN (%(posts)s::bigint[])[1 + mod(x.i / 3, x.n_posts)]
            END AS article_id,
            now() - make_interval(secs => mod(x.h2, 63072000)) AS created_at
        FROM (
            SELECT
                g.i,
                mod(g.i * 2654435761, 4294967291) AS h,
                mod(g.i * 1103515245 + 12345, 2147483648) AS h2,
                mod(mod(g.i * 2654435761, 4294967291) / 4096, 100) AS s,
                mod(mod(g.i * 2246822519, 4294967291) / 8, 10)::int AS u,
                cardinality(%(posts)s::bigint[]) AS n_posts
            FROM generate_series(%(start)s::bigint, %(stop)s::bigint - 1) AS g(i)
        ) x
    ) y
) r
"""

TARGET_SQL = f"""
INSERT INTO leads_lead ({COLUMNS}/*OTHER_COLUMNS*/)
VALUES (
    %(name)s, %(phone)s, 'zebulon.q@example.test', 'call',
    'Hip pain when climbing stairs.', NULL, '2026-11-01',
    now() - interval '3 days', NULL, '/contact/', '{{}}'::jsonb, '{{}}'::jsonb,
    '', '', '', 'contacted', %(owner)s, now() - interval '3 days' + interval '1 hour',
    false, '[]'::jsonb, md5('client-target') || md5('address-target'),
    md5('token-target') || md5('form-target'),
    md5('fingerprint-target') || md5('content-target'),
    now() - interval '3 days'/*OTHER_VALUES*/
)
RETURNING id
"""


# -- seeding ------------------------------------------------------------------


def prepare_database(env):
    """Migrate, load the demo topics and posts, create the front-desk users.

    Returns (the bench user's password, the seeding parameters).
    """
    prepare_site(env)
    setup_django(env)
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.models import Post, Topic
    from clinic.roles import FRONT_DESK, sync_roles
    from leads.models import Lead

    if Lead.objects.exists():
        raise SystemExit(
            "bench: the lead table is not empty; run on an empty database "
            "(`make bench-triage` makes a throwaway one)."
        )
    if not Topic.objects.exists():
        for name in ("Back pain", "Knee pain", "Neck pain", "Sciatica"):
            Topic.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    if not Group.objects.filter(name=FRONT_DESK).exists():
        sync_roles(apps)
    group = Group.objects.get(name=FRONT_DESK)
    password = secrets.token_urlsafe(24)
    User = get_user_model()
    owners = []
    for username in (USERNAME, *OTHER_FRONT_DESK):
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.test", "is_staff": True},
        )
        user.is_staff, user.is_active, user.is_superuser = True, True, False
        user.set_password(password)
        user.save()
        user.groups.set([group])
        owners.append(user.pk)
    posts = list(Post.objects.order_by("pk").values_list("pk", "slug"))
    params = {
        "first_names": FIRST_NAMES,
        "last_names": LAST_NAMES,
        "messages": MESSAGES,
        "area_codes": AREA_CODES,
        "utm_sources": [row[0] for row in UTM],
        "utm_mediums": [row[1] for row in UTM],
        "utm_campaigns": [row[2] for row in UTM],
        "topics": list(Topic.objects.order_by("pk").values_list("pk", flat=True)),
        "posts": [pk for pk, _ in posts],
        "post_paths": [f"/articles/{slug}/" for _, slug in posts] or ["/contact/"],
        "owners": owners,
        "other": other_columns(),
    }
    if params["other"]:
        other = ", ".join(params["other"])
        log(f"bench: other lead columns get their defaults: {other}")
    return password, params


def other_columns():
    """{column: value} for the lead's columns the SQL above does not name.

    Fields added to the model later get their default (columns with a database
    default are left to the database), so the seeding keeps up with the model.
    """
    from django.db import connection

    from leads.models import Lead

    named = {column.strip() for column in COLUMNS.split(",")}
    return {
        field.column: field.get_db_prep_save(field.get_default(), connection)
        for field in Lead._meta.concrete_fields
        if not field.primary_key
        and field.column not in named
        and not field.has_db_default()
    }


def with_other_columns(sql, params):
    """`sql` with the other columns (see other_columns) added to its INSERT."""
    from django.db import connection

    quote = connection.ops.quote_name
    other = params["other"]
    keys = [f"other_{n}" for n in range(len(other))]
    sql = sql.replace(
        "/*OTHER_COLUMNS*/", "".join(f", {quote(column)}" for column in other)
    ).replace("/*OTHER_VALUES*/", "".join(f", %({key})s" for key in keys))
    values = dict(zip(keys, other.values(), strict=True))
    return sql, {**{k: v for k, v in params.items() if k != "other"}, **values}


def insert_rows(params, start, stop):
    from django.db import connection

    sql, values = with_other_columns(SEED_SQL, {**params, "start": start, "stop": stop})
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.rowcount


def settle():
    """VACUUM ANALYZE (as autovacuum would have done on a live table), CHECKPOINT."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) leads_lead")
        try:
            cursor.execute("CHECKPOINT")
        except Exception as exc:  # not a superuser: fine, just less steady
            log(f"bench: note: CHECKPOINT skipped ({exc})")


def seed_small(params):
    """The target lead plus SMALL - 1 generated ones. Returns the target's id."""
    from django.db import connection

    began = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            *with_other_columns(
                TARGET_SQL,
                {
                    "name": TARGET_NAME,
                    "phone": TARGET_PHONE,
                    "owner": params["owners"][0],
                    "other": params["other"],
                },
            )
        )
        target = cursor.fetchone()[0]
    inserted = 1 + insert_rows(params, 1, SMALL)
    settle()
    return target, inserted, time.monotonic() - began


def seed_large(params):
    began = time.monotonic()
    inserted = 0
    for start in range(SMALL, LARGE, CHUNK):
        stop = min(start + CHUNK, LARGE)
        chunk_began = time.monotonic()
        inserted += insert_rows(params, start, stop)
        log(
            f"bench: inserted leads {start}..{stop - 1} "
            f"in {time.monotonic() - chunk_began:.1f}s"
        )
    settle()
    return inserted, time.monotonic() - began


def lead_count():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM leads_lead")
        return cursor.fetchone()[0]


# -- the admin through gunicorn -----------------------------------------------


class AdminSession:
    """A logged-in browser: its own cookie jar, a fresh connection per request."""

    def __init__(self, port):
        self.port = port
        self.origin = f"http://{HOST}:{port}"
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        headers.update({"User-Agent": "clinic-bench/1", "Accept": "text/html"})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(HOST, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or ():
            pair, _, attributes = header.partition(";")
            name, _, value = pair.partition("=")
            if re.search(r"max-age=0\b", attributes, re.IGNORECASE):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value.strip().strip('"')
        return response.status, response.getheader("Location", ""), data

    def login(self, username, password):
        """One attempt only: a failure must not count towards an axes lockout."""
        path = "/admin/login/?" + urlencode({"next": LIST})
        status, _, data = self.request("GET", path)
        match = CSRF_INPUT.search(data.decode("utf-8", "replace"))
        if status != 200 or not match:
            raise RuntimeError(f"bench: GET {path} answered {status} without a form")
        body = urlencode(
            {
                "csrfmiddlewaretoken": html.unescape(match.group(1)),
                "username": username,
                "password": password,
                "next": LIST,
            }
        ).encode()
        status, location, data = self.request(
            "POST",
            path,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
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
