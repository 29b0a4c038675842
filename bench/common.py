"""Helpers shared by the benchmarks: production-mode env, gunicorn, a lean load client.

Everything stays on the loopback interface and every loop is bounded.
"""

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

# One set of gunicorn settings for every server a benchmark starts, so that two
# servers compared with each other differ only in the Django code they run.
# The same worker count (WEB_CONCURRENCY, default 3) and --preload as `make serve`.
GUNICORN_WORKERS = int(os.environ.get("WEB_CONCURRENCY", "3"))
GUNICORN_ARGS = (
    "--preload",
    "--worker-class",
    "sync",
    "--backlog",
    "2048",
    "--timeout",
    "30",
)


def log(message):
    print(message, file=sys.stderr, flush=True)


def exit_on_signals():
    """Turn SIGTERM and SIGHUP into SystemExit, so `finally` blocks stop servers."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, handler)


def production_env(**extra):
    """The environment of `make serve`, with plain HTTP on the loopback interface."""
    env = dict(os.environ)
    if not env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit(
            "bench: DATABASE_URL must point at PostgreSQL "
            "(run through scripts/with-postgres.sh, e.g. `make bench-pages`)."
        )
    env.update(
        DEBUG="false",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        HTTPS_ONLY="false",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="clinic.settings",
    )
    pythonpath = [str(ROOT)]
    if env.get("PYTHONPATH"):
        pythonpath.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(pythonpath)
    env.update(extra)
    return env


def setup_django(env):
    """Configure Django in this process with `env` (see production_env)."""
    os.environ.update(env)
    import django

    django.setup()


def prepare_site(env):
    """What `make serve` does before starting gunicorn, plus the demo content."""
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "load_demo_content")


def manage(env, *args):
    """Run a manage.py command in a child process, failing loudly.

    Its output goes to stderr, so stdout holds only a benchmark's results.
    """
    sys.stdout.flush()
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=sys.stderr,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """A gunicorn child process serving `app` on 127.0.0.1:`port`."""

    def __init__(self, name, app, env, port=None):
        self.name = name
        self.port = port or free_port()
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix=f"bench-{name}-", suffix=".log", delete=False
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(GUNICORN_WORKERS),
                *GUNICORN_ARGS,
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log_tail(self, lines=30):
        self.log.flush()
        text = Path(self.log.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def wait_ready(self, path, timeout=30.0):
        """Wait until GET `path` answers 200; raise with the server log otherwise."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name}: gunicorn exited with {self.process.returncode}\n"
                    + self.log_tail()
                )
            try:
                status, _ = http_get(self.port, path, timeout=5)
            except OSError as exc:
                last = repr(exc)
            else:
                if status == 200:
                    return
                last = f"HTTP {status}"
            time.sleep(0.2)
        raise RuntimeError(
            f"{self.name}: {path} not ready after {timeout:.0f}s ({last})\n"
            + self.log_tail()
        )

    def stop(self, timeout=10.0):
        """Terminate gunicorn (and its workers); kill it if it does not go."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)


def request_bytes(path, method="GET", body=b"", headers=()):
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Connection: close"]
    lines.extend(headers)
    if body or method != "GET":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


def _exchange(port, request, timeout):
    """Send one request on a fresh connection; return (status, body, complete)."""
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return 0, b"", False
    status_line, _, header_block = head.partition(b"\r\n")
    parts = status_line.split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    complete = True
    for line in header_block.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            complete = len(body) == int(value.strip())
    return status, body, complete


def http_get(port, path, timeout=10.0):
    status, body, _ = _exchange(port, request_bytes(path), timeout)
    return status, body


def load(port, request, clients, seconds, timeout=10.0):
    """`clients` threads send `request` back to back for `seconds`.

    Gunicorn's sync workers close the connection after each response, so every
    request opens a new one. Returns (ok, errors, elapsed): the 200 responses, a
    Counter of everything else, and the seconds from start to the last response.
    """
    ok = [0] * clients
    errors = [Counter() for _ in range(clients)]
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client(i):
        start.wait()
        end = deadline[0]
        count, errs = 0, errors[i]
        while time.monotonic() < end:
            try:
                status, _, complete = _exchange(port, request, timeout)
            except OSError as exc:
                errs[type(exc).__name__] += 1
                time.sleep(0.01)
                continue
            if status == 200 and complete:
                count += 1
            elif status == 200:
                errs["short body"] += 1
            else:
                errs[f"HTTP {status}"] += 1
        ok[i] = count

    threads = [
        threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join(seconds + timeout + 5)
    elapsed = time.monotonic() - began
    return sum(ok), sum(errors, Counter()), elapsed


class CookieClient:
    """
    What the benchmarks need of a browser: a cookie jar of its own, a fresh
    connection per request (gunicorn's sync workers close each one), and the
    headers a browser sends with a form. Connection errors propagate.
    """

    timeout = 60.0  # longer than gunicorn's --timeout, so a stuck worker shows

    def __init__(self, port):
        self.port = port
        self.origin = f"http://{HOST}:{port}"
        self.cookies = {}

    def headers(self):
        """Headers every request of this client carries."""
        return {"User-Agent": "clinic-bench/1", "Accept": "text/html"}

    def request(self, method, path, body=None, headers=None):
        """Returns (status, location, body)."""
        headers = {**self.headers(), **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
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

    def post_form(self, path, fields):
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            },
        )
