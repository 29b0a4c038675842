"""How close the article page comes to the fastest page Django could serve.

Run through `make bench-pages` (a throwaway PostgreSQL cluster). In production mode
(DEBUG off, whitenoise, PostgreSQL) it serves the site under gunicorn and, on the
same gunicorn settings, a constant Django view (bench/ceiling_urls.py) returning a
page of the same size through the same middleware. Concurrent clients load the two
alternately; the last line printed is

    pages: article N req/s, ceiling N req/s, ratio R, queries Q, bytes B

Knobs (environment): BENCH_CLIENTS (16), BENCH_ROUNDS (5), BENCH_SECONDS (4),
BENCH_ARTICLE (a post slug; default: the newest published post).
"""

import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    ROOT,
    Server,
    http_get,
    load,
    log,
    manage,
    production_env,
    request_bytes,
    setup_django,
)

CLIENTS = int(os.environ.get("BENCH_CLIENTS") or 16)
ROUNDS = int(os.environ.get("BENCH_ROUNDS") or 5)
SECONDS = float(os.environ.get("BENCH_SECONDS") or 4)
WARMUP_SECONDS = 2.0


def prepare(env):
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    try:
        manage(env, "load_demo_content")
    except Exception:
        if (ROOT / "articles" / "demo_content.py").exists():
            raise
        return False
    return True


def _fallback_posts():  # TEMPORARY until articles/demo_content.py exists
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from articles.models import Post, Reviewer, Topic

    if Post.objects.exists():
        return
    author = get_user_model().objects.create(username="bench", first_name="Ann")
    reviewer = Reviewer.objects.create(
        name="Dana Whitfield", slug="dana", credentials="MD", specialty="Spine", bio="x"
    )
    topic = Topic.objects.create(name="Sciatica", slug="sciatica", description="x")
    para = "Sciatica is pain along the sciatic nerve. " * 20
    body = "\n\n".join(f"## Section {i}\n\n{para}\n\n- one\n- two" for i in range(6))
    for i in range(8):
        post = Post.objects.create(
            title=f"Living with sciatica, part {i}",
            slug=f"sciatica-{i}",
            excerpt="What helps.",
            body=body,
            author=author,
            reviewer=reviewer,
            reviewed_on=timezone.localdate(),
            status=Post.Status.PUBLISHED,
            published_at=timezone.now() - timezone.timedelta(days=i + 1),
        )
        post.topics.set([topic])


def measure_article(env, demo_loaded):
    """The article's path, its query count and its size, measured in-process."""
    setup_django(env)
    if not demo_loaded:
        _fallback_posts()
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
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(path)  # warm-up: template loading, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"bench: {path} answered {response.status_code}")
    connections.close_all()
    return path, len(queries.captured_queries), len(response.content)


def main():
    env = production_env()
    demo_loaded = prepare(env)
    path, queries, size = measure_article(env, demo_loaded)
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

        totals = {name: [0, 0.0, Counter()] for name in targets}
        for round_no in range(1, ROUNDS + 1):
            # Alternate which goes first so drift over time falls on both.
            order = list(targets) if round_no % 2 else list(reversed(targets))
            for name in order:
                ok, errors, elapsed = load(
                    targets[name].port, request, CLIENTS, SECONDS
                )
                total = totals[name]
                total[0] += ok
                total[1] += elapsed
                total[2].update(errors)
                log(
                    f"bench: round {round_no} {name}: {ok / elapsed:.0f} req/s"
                    + (f", errors {dict(errors)}" if errors else "")
                )
    finally:
        for server in servers:
            server.stop()

    rates = {name: ok / elapsed for name, (ok, elapsed, _) in totals.items()}
    errors = {name: dict(errs) for name, (_, _, errs) in totals.items() if errs}
    if errors:
        print(f"errors: {errors}")
    print(
        f"pages: article {rates['article']:.0f} req/s, "
        f"ceiling {rates['ceiling']:.0f} req/s, "
        f"ratio {rates['article'] / rates['ceiling']:.2f}, "
        f"queries {queries}, bytes {size}"
    )


if __name__ == "__main__":
    main()
