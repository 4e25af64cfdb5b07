"""API load benchmark: the app as `strideback serve` runs it, a seeded database, bounded load.

    .venv/bin/python bench/api.py [--requests 3000] [--clients 16] [--time-limit 60]
        [--workers 2] [--cold] [--database-url postgres://postgres@127.0.0.1:5432/x]

Seeds a fresh database in a temporary data folder (SQLite by default; with --database-url the
PostgreSQL database is dropped and created again): 1,000 runners with 16 weeks of journal
(strength every other day, runs three times a week from week 9, pain now and then), 20
clinicians, one of whom follows 200 patients. Then runs the nightly job
(``refresh_snapshots``; ``--cold`` skips it, so every first answer of the day is computed),
starts the server with ``strideback serve``'s command line (granian, 2 workers) and, for each
scenario, drives a fixed number of requests from 16 keep-alive connections in a closed loop,
stopping early at the time limit:

- ``GET /bench/hello``: the smallest Django JSON view, served by the same server with the app's
  own settings and middleware (``bench/hello_settings.py``), the yardstick for GET today,
- ``GET /api/v1/me/today`` as a random runner (token auth), twice: first right after the
  server started, when most requests are a runner's first (the worker reads the user and the
  database pages, and the token's use is noted, a write), then once every runner has been seen,
- ``POST /api/v1/journal`` as a random runner (a new idempotency key each time),
- ``GET /api/v1/clinician/patients`` as the clinician with 200 patients.

Prints requests per second and p50/p95/p99 latency per scenario. A benchmark, not a test: it
asserts nothing about time. Targets on a 2-core machine: today p99 <= 20 ms at 16 clients and
at least 40 % of the hello-world view's requests per second, 200-patient list p99 <= 50 ms.
The load generator is one thread with a selector (little CPU), but it shares the two cores
with the server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import selectors
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

RUNNERS = 1_000
CLINICIANS = 20
BIG_LIST = 200  # the first clinician's patients
WEEKS = 16
SECRET_KEY = "bench-only-" + "k" * 50


# --- seeding -----------------------------------------------------------------------------


def _environment(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        STRIDEBACK_DATA_DIR=str(data_dir),
        STRIDEBACK_SECRET_KEY=SECRET_KEY,
        STRIDEBACK_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="strideback.web.settings",
    )
    env.pop("STRIDEBACK_DEBUG", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def _recreate_postgres(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed(env: dict[str, str], rng: random.Random) -> dict[str, object]:
    """Migrate and fill the database; returns the tokens to drive the load with."""
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
    from strideback.api.models import TOKEN_PREFIX, ApiToken, hash_secret
    from strideback.training.models import Enrollment, JournalEntry

    call_command("migrate", verbosity=0)
    today = dt.date.today()
    start = today - dt.timedelta(weeks=WEEKS)
    password = make_password("bench-password-1")
    with transaction.atomic():
        runners = User.objects.bulk_create(
            User(email=f"runner{i}@bench.test", name=f"Runner {i}", password=password)
            for i in range(RUNNERS)
        )
        clinicians = User.objects.bulk_create(
            User(email=f"physio{i}@bench.test", role=Role.CLINICIAN, password=password)
            for i in range(CLINICIANS)
        )
        runners = list(User.objects.filter(role=Role.RUNNER).order_by("id"))
        clinicians = list(User.objects.filter(role=Role.CLINICIAN).order_by("id"))
        TOTPDevice.objects.bulk_create(
            TOTPDevice(user=c, name="phone", confirmed=True) for c in clinicians
        )
        enrollments = Enrollment.objects.bulk_create(
            Enrollment(user=r, programme_id="anterior-knee-pain", start=start) for r in runners
        )
        enrollments = list(Enrollment.objects.order_by("id"))
        links = []
        for i, runner in enumerate(runners):
            if i < BIG_LIST:
                clinician = clinicians[0]
            else:
                clinician = clinicians[1 + (i - BIG_LIST) % (CLINICIANS - 1)]
            links.append(CareLink(clinician=clinician, runner=runner, status=CareLinkStatus.ACTIVE))
        CareLink.objects.bulk_create(links)
        for runner, enrollment in zip(runners, enrollments, strict=True):
            JournalEntry.objects.bulk_create(_journal(runner, enrollment, start, today, rng))
        tokens: dict[str, list[str]] = {"runners": [], "clinician": []}
        rows = []
        for user in [*runners, clinicians[0]]:
            secret = TOKEN_PREFIX + f"bench{user.pk:06d}" + "x" * 30
            rows.append(
                ApiToken(user=user, name="bench", key_hash=hash_secret(secret), hint=secret[:8])
            )
            tokens["clinician" if user.is_clinician else "runners"].append(secret)
        ApiToken.objects.bulk_create(rows)
    entries = JournalEntry.objects.count()
    return {"tokens": tokens, "entries": entries}


def refresh() -> str:
    """What the nightly job does (``refresh_snapshots``): keep every Today and list row."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("refresh_snapshots", stdout=out)
    return out.getvalue().strip()


def settle() -> str:
    """Leave the database as it is in daily use, not seconds after a bulk load: statistics for
    the planner, and on PostgreSQL no autovacuum or checkpoint of the load running during the
    measurement (on two cores it competed with the server for CPU)."""
    from django.db import connection

    began = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return f"VACUUM/ANALYZE and checkpoint in {time.perf_counter() - began:.1f} s"


def _journal(runner, enrollment, start: dt.date, today: dt.date, rng: random.Random) -> list:  # type: ignore[no-untyped-def]
    from strideback.training.models import JournalEntry

    sore = rng.random() * 0.4
    out = []
    day = start
    while day < today:
        offset = (day - start).days
        if offset % 2 == 0 and rng.random() > 0.1:
            hurt = rng.random() < sore
            out.append(
                JournalEntry(
                    user=runner,
                    enrollment=enrollment,
                    date=day,
                    kind="strength",
                    sets_done=3,
                    pain_during=rng.randint(0, 4) if hurt else 0,
                    pain_after=rng.randint(0, 3) if hurt else 0,
                    pain_next_morning=rng.choice((None, 0, 1)),
                )
            )
        if offset >= 56 and day.weekday() in (1, 3, 5) and rng.random() > 0.2:
            out.append(
                JournalEntry(
                    user=runner,
                    enrollment=enrollment,
                    date=day,
                    kind="run",
                    run_minutes=20,
                    pain_during=0,
                    pain_after=rng.choice((0, 0, 1)),
                )
            )
        day += dt.timedelta(days=1)
    return out


# --- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    """The app as ``strideback serve`` runs it (the same server command line)."""
    from strideback.commands.serve import server_argv

    cmd = server_argv("127.0.0.1", port, workers)
    # The app's settings plus one URL, /bench/hello (bench/hello_settings.py): the same server
    # and middleware serve the smallest Django JSON view, the yardstick for GET today.
    bench_dir = str(Path(__file__).resolve().parent)
    env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "hello_settings",
        "PYTHONPATH": os.pathsep.join(p for p in (bench_dir, env.get("PYTHONPATH")) if p),
    }
    process = subprocess.Popen(cmd, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise SystemExit("the server did not answer /healthz within 30 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


# --- the load ----------------------------------------------------------------------------

Request = tuple[str, str, bytes | None, dict[str, str]]


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0


def _request_bytes(request: Request) -> bytes:
    method, path, body, headers = request
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


class _Connection:
    """One client: a keep-alive socket with at most one request in flight."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = bytearray()
        self.began = 0.0

    def reconnect(self) -> None:
        self.sock.close()
        self.sock = socket.create_connection(("127.0.0.1", self.port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer.clear()

    def response(self) -> tuple[int, bool] | None:
        """(status, server closes) once the whole response is in the buffer, else None."""
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        head = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        fields = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:])}
        length = int(fields.get("content-length", "0"))
        if len(self.buffer) < end + 4 + length:
            return None
        del self.buffer[: end + 4 + length]
        return int(head[0].split()[1]), fields.get("connection", "").lower() == "close"


def drive(
    port: int, name: str, make: Callable[[int], Request], total: int, clients: int, limit: float
) -> Result:
    """``total`` requests from ``clients`` keep-alive connections, each sending its next request
    as soon as its last answer is in (a closed loop), from one thread with a selector: the
    load generator itself costs little CPU, which the server shares."""
    result = Result(name)
    counter = iter(range(total))
    deadline = time.monotonic() + limit
    selector = selectors.DefaultSelector()

    def send(conn: _Connection) -> bool:
        n = next(counter, None) if time.monotonic() < deadline else None
        if n is None:
            selector.unregister(conn.sock)
            conn.sock.close()
            return False
        payload = _request_bytes(make(n))
        conn.began = time.perf_counter()
        conn.sock.sendall(payload)
        return True

    began = time.perf_counter()
    active = 0
    for _ in range(clients):
        conn = _Connection(port)
        selector.register(conn.sock, selectors.EVENT_READ, conn)
        active += send(conn)
    while active:
        for key, _ in selector.select(timeout=30):
            conn = key.data
            data = conn.sock.recv(1 << 20)
            if not data:  # the server closed the connection mid-answer
                result.errors[599] = result.errors.get(599, 0) + 1
                selector.unregister(conn.sock)
                conn.reconnect()
                selector.register(conn.sock, selectors.EVENT_READ, conn)
                active -= not send(conn)
                continue
            conn.buffer += data
            answer = conn.response()
            if answer is None:
                continue
            status, closes = answer
            result.latencies.append(time.perf_counter() - conn.began)
            if status >= 400:
                result.errors[status] = result.errors.get(status, 0) + 1
            if closes:  # e.g. gunicorn's sync workers: one request per connection
                selector.unregister(conn.sock)
                conn.reconnect()
                selector.register(conn.sock, selectors.EVENT_READ, conn)
            active -= not send(conn)
    result.seconds = time.perf_counter() - began
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def scenarios(
    tokens: dict[str, list[str]], rng: random.Random
) -> dict[str, Callable[[int], Request]]:
    runners, clinician = tokens["runners"], tokens["clinician"][0]
    today = dt.date.today().isoformat()
    run_id = f"{os.getpid()}{int(time.time())}"

    def auth(secret: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {secret}", "Accept": "application/json"}

    def today_page(n: int) -> Request:
        return ("GET", "/api/v1/me/today", None, auth(rng.choice(runners)))

    def journal(n: int) -> Request:
        body = {
            "date": today,
            "kind": "check",
            "pain": {"next_morning": n % 3},
            "idempotency_key": f"bench-{run_id}-{n}",
        }
        headers = {**auth(rng.choice(runners)), "Content-Type": "application/json"}
        return ("POST", "/api/v1/journal", json.dumps(body).encode(), headers)

    def patients(n: int) -> Request:
        return ("GET", "/api/v1/clinician/patients", None, auth(clinician))

    def hello(n: int) -> Request:
        return ("GET", "/bench/hello", None, {"Accept": "application/json"})

    return {
        "GET hello (yardstick)": hello,
        "GET today": today_page,
        "POST journal": journal,
        f"GET patients ({BIG_LIST})": patients,
    }


def in_process(tokens: dict[str, list[str]], rng: random.Random, n: int) -> str:
    """Server time without HTTP or queueing: each scenario through Django's test client, one at
    a time, with its query count. Tells service time apart from waiting for a worker."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    lines = [
        "in-process (one request at a time, no HTTP)",
        f"{'scenario':<22} {'median ms':>10} {'p95 ms':>8} {'queries':>8}",
    ]
    for name, make in scenarios(tokens, rng).items():
        if name.startswith("GET hello"):
            continue  # served only by the benchmark's own settings
        times, queries = [], 0
        for i in range(n + 3):
            method, path, body, headers = make(i)
            extra = {"HTTP_AUTHORIZATION": headers["Authorization"]}
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                if method == "GET":
                    client.get(path, **extra)
                else:
                    client.post(path, body, content_type="application/json", **extra)
                elapsed = time.perf_counter() - began
            if i >= 3:  # the first few warm caches up
                times.append(elapsed * 1000)
                queries = len(captured)
        lines.append(
            f"{name:<22} {percentile(times, 50):>10.1f} {percentile(times, 95):>8.1f} {queries:>8}"
        )
    return "\n".join(lines)


def table(results: list[Result], header: str) -> str:
    lines = [
        header,
        f"{'scenario':<22} {'done':>6} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8}",
    ]
    for r in results:
        ms = [x * 1000 for x in r.latencies]
        errors = sum(r.errors.values())
        rps = len(ms) / r.seconds if r.seconds else 0
        lines.append(
            f"{r.name:<22} {len(ms):>6} {errors:>7} {rps:>8.0f} {percentile(ms, 50):>8.1f} "
            f"{percentile(ms, 95):>8.1f} {percentile(ms, 99):>8.1f} {max(ms, default=0):>8.1f}"
            + (f"  {r.errors}" if errors else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="per scenario")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per scenario")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=32, help="untimed requests first")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="skip the nightly refresh_snapshots: every first answer of the day is computed",
    )
    parser.add_argument(
        "--in-process", type=int, default=30, metavar="N", help="also time N requests in-process"
    )
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    data_dir = Path(tempfile.mkdtemp(prefix="strideback-bench-"))
    (data_dir / "static").mkdir()
    env = _environment(data_dir, args.database_url)
    if args.database_url:
        _recreate_postgres(args.database_url)
    db = "PostgreSQL" if args.database_url else "SQLite"
    began = time.perf_counter()
    seeded = seed(env, rng)
    print(
        f"seeded {RUNNERS} runners, {CLINICIANS} clinicians, {seeded['entries']} journal entries "
        f"in {time.perf_counter() - began:.1f} s ({db})"
    )
    if not args.cold:
        print(f"nightly job: {refresh()}")
    print(f"settled: {settle()}")
    if args.in_process:
        print(in_process(seeded["tokens"], rng, args.in_process))  # type: ignore[arg-type]
    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        results = []
        for name, make in scenarios(seeded["tokens"], rng).items():  # type: ignore[arg-type]
            drive(port, name, make, args.warmup, args.clients, args.time_limit)
            if name == "GET today":
                # Right after the start, a runner's first request makes the worker read the
                # user and the database pages, and notes the token's use (a write).
                first = drive(port, name, make, args.requests, args.clients, args.time_limit)
                first.name = "GET today (started)"
                results.append(first)
            results.append(drive(port, name, make, args.requests, args.clients, args.time_limit))
    finally:
        stop_server(server)
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    header = f"{db}, granian (strideback serve) {args.workers} workers, {args.clients} clients"
    print(table(results, f"{header}; load average at the end {load}"))
    rates = {r.name: len(r.latencies) / r.seconds for r in results if r.seconds}
    hello = rates.get("GET hello (yardstick)")
    if hello and "GET today" in rates:
        print(
            f"GET today: {rates['GET today'] / hello:.0%} of the hello-world view's requests/s "
            "(target >= 40 %)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
