"""How close the article page comes to the fastest page Django could serve.

Run through `make bench-pages` (a throwaway PostgreSQL cluster). In production mode
(DEBUG off, whitenoise, PostgreSQL) it serves the site under gunicorn and, on the
same gunicorn settings, a constant Django view (bench/ceiling_urls.py) returning a
page of the same size through the same middleware. Concurrent clients load the two
alternately in rounds; each figure is the median round. The last line printed is

    pages: article N req/s, ceiling N req/s, ratio R, queries Q, bytes B

Knobs (environment): BENCH_CLIENTS (16), BENCH_ROUNDS (5), BENCH_SECONDS (4),
BENCH_ARTICLE (a post slug; default: the newest published post).
"""

import os
import statistics
from collections import Counter

from bench.common import (
    Server,
    exit_on_signals,
    http_get,
    load,
    log,
    prepare_site,
    production_env,
    request_bytes,
    setup_django,
)

CLIENTS = int(os.environ.get("BENCH_CLIENTS") or 16)
ROUNDS = int(os.environ.get("BENCH_ROUNDS") or 5)
SECONDS = float(os.environ.get("BENCH_SECONDS") or 4)
WARMUP_SECONDS = 2.0


def prepare(env):
    prepare_site(env)


def measure_article(env):
    """The article's path, its query count and its size, measured in-process."""
    setup_django(env)
    from django.db import connection, connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Post

    slug = os.environ.get("BENCH_ARTICLE")
    if not slug:
        post = Post.objects.published().order_by("-published_at", "pk").first()
        if post is None:
            raise SystemExit("bench: no published post to load")
        slug = post.slug
    path = f"/articles/{slug}/"
    from clinic import pagecache

    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)  # warm-up: template loading
    # Q is the cost of rendering the page (a page-cache miss); repeat views within
    # PAGE_CACHE_SECONDS cost no queries at all.
    pagecache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    with CaptureQueriesContext(connection) as repeat:
        client.get(path)
    log(f"bench: repeat view (page cache hit) makes {len(repeat)} queries")
    if response.status_code != 200:
        raise SystemExit(f"bench: {path} answered {response.status_code}")
    connections.close_all()
    return path, len(queries.captured_queries), len(response.content)


def main():
    exit_on_signals()
    env = production_env()
    prepare(env)
    path, queries, size = measure_article(env)
    log(f"bench: {path} makes {queries} queries and {size} bytes")

    ceiling_env = dict(
        env,
        DJANGO_SETTINGS_MODULE="bench.ceiling_settings",
        BENCH_CEILING_BYTES=str(size),
    )
    servers = []
    try:
        article = Server("article", "clinic.wsgi:application", env)
        servers.append(article)
        ceiling = Server("ceiling", "clinic.wsgi:application", ceiling_env)
        servers.append(ceiling)
        article.wait_ready(path)
        ceiling.wait_ready(path)
        for name, server in (("article", article), ("ceiling", ceiling)):
            served = len(http_get(server.port, path)[1])
            if served != size:
                log(f"bench: note: {name} served {served} bytes, not {size}")
        request = request_bytes(path)
        targets = {"article": article, "ceiling": ceiling}

        for name, server in targets.items():
            ok, errors, _ = load(server.port, request, CLIENTS, WARMUP_SECONDS)
            log(f"bench: warm-up {name}: {ok} responses, errors {dict(errors)}")

        rates = {name: [] for name in targets}
        failures = {name: Counter() for name in targets}
        for round_no in range(1, ROUNDS + 1):
            # Alternate which goes first so drift over time falls on both.
            order = list(targets) if round_no % 2 else list(reversed(targets))
            for name in order:
                ok, errors, elapsed = load(
                    targets[name].port, request, CLIENTS, SECONDS
                )
                rates[name].append(ok / elapsed)
                failures[name].update(errors)
                log(
                    f"bench: round {round_no} {name}: {ok / elapsed:.0f} req/s"
                    + (f", errors {dict(errors)}" if errors else "")
                )
    finally:
        for server in servers:
            server.stop()

    # The median round: a passing disturbance on the machine moves one round, not
    # the result.
    rate = {name: statistics.median(values) for name, values in rates.items()}
    errors = {name: dict(errs) for name, errs in failures.items() if errs}
    if errors:
        print(f"errors: {errors}")
    print(
        f"pages: article {rate['article']:.0f} req/s, "
        f"ceiling {rate['ceiling']:.0f} req/s, "
        f"ratio {rate['article'] / rate['ceiling']:.2f}, "
        f"queries {queries}, bytes {size}"
    )


if __name__ == "__main__":
    main()
