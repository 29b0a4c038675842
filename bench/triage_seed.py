"""Seeding the lead table for bench/triage.py with bulk SQL (INSERT ... SELECT
FROM generate_series, never one ORM save per row)."""

import os
import secrets
import time

from bench.common import log, prepare_site, setup_django

SMALL = 1_000
LARGE = int(os.environ.get("BENCH_LARGE") or 1_000_000)
CHUNK = int(os.environ.get("BENCH_CHUNK") or 200_000)
USERNAME = "bench-front-desk"
OTHER_FRONT_DESK = ("bench-desk-2", "bench-desk-3")
TARGET_NAME = "Zebulon Quartermaine"
TARGET_PHONE = "+12015550123"

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
