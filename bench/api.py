"""API load benchmark: gunicorn on 127.0.0.1 with a seeded database, bounded concurrent load.

    /work/venv/bin/python bench/api.py [--requests 3000] [--clients 16] [--time-limit 60]
        [--workers 2] [--threads 1] [--database-url postgres://postgres@127.0.0.1:5432/x]

Seeds a fresh database in a temporary data folder (SQLite by default; with --database-url the
PostgreSQL database is dropped and created again): 1,000 runners with 16 weeks of journal
(strength every other day, runs three times a week from week 9, pain now and then), 20
clinicians, one of whom follows 200 patients. Then starts ``gunicorn
strideback.web.wsgi:application`` (2 workers; ``--threads 4`` uses the gthread worker) and, for
each scenario, drives a fixed number of requests from a bounded pool of keep-alive client
threads (``http.client``), stopping early at the time limit:

- ``GET /api/v1/me/today`` as a random runner (token auth),
- ``POST /api/v1/journal`` as a random runner (a new idempotency key each time),
- ``GET /api/v1/clinician/patients`` as the clinician with 200 patients.

Prints requests per second and p50/p95/p99 latency per scenario. A benchmark, not a test: it
asserts nothing about time. Targets on a 2-core machine: today p99 <= 20 ms at 16 clients,
200-patient list p99 <= 50 ms. The client threads share the two cores with the server, so the
figures are on the pessimistic side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
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

    from strideback.accounts.models import Role, User
    from strideback.api.models import TOKEN_PREFIX, ApiToken, hash_secret
    from strideback.clinic.models import CareLink, CareLinkStatus
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


def start_server(
    env: dict[str, str], port: int, workers: int, threads: int
) -> subprocess.Popen[bytes]:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    cmd = [
        gunicorn,
        "strideback.web.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--keep-alive",
        "30",
    ]
    if threads > 1:
        cmd += ["--worker-class", "gthread", "--threads", str(threads)]
    server = subprocess.Popen(cmd, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit("gunicorn did not answer /healthz within 30 s")


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


def drive(
    port: int, name: str, make: Callable[[int], Request], total: int, clients: int, limit: float
) -> Result:
    result = Result(name)
    lock = threading.Lock()
    counter = iter(range(total))
    deadline = time.monotonic() + limit

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        errors: dict[int, int] = {}
        while time.monotonic() < deadline:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            method, path, body, headers = make(n)
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 599
            mine.append(time.perf_counter() - began)
            if status >= 400:
                errors[status] = errors.get(status, 0) + 1
        conn.close()
        with lock:
            result.latencies.extend(mine)
            for status, count in errors.items():
                result.errors[status] = result.errors.get(status, 0) + count

    began = time.perf_counter()
    pool = [threading.Thread(target=client) for _ in range(clients)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
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

    return {
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
        f"{'p99 ms':>8}",
    ]
    for r in results:
        ms = [x * 1000 for x in r.latencies]
        errors = sum(r.errors.values())
        rps = len(ms) / r.seconds if r.seconds else 0
        lines.append(
            f"{r.name:<22} {len(ms):>6} {errors:>7} {rps:>8.0f} {percentile(ms, 50):>8.1f} "
            f"{percentile(ms, 95):>8.1f} {percentile(ms, 99):>8.1f}"
            + (f"  {r.errors}" if errors else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="per scenario")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per scenario")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help=">1: gthread worker class")
    parser.add_argument("--warmup", type=int, default=32, help="untimed requests first")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folder")
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
    if args.in_process:
        print(in_process(seeded["tokens"], rng, args.in_process))  # type: ignore[arg-type]
    port = free_port()
    server = start_server(env, port, args.workers, args.threads)
    try:
        results = []
        for name, make in scenarios(seeded["tokens"], rng).items():  # type: ignore[arg-type]
            drive(port, name, make, args.warmup, args.clients, args.time_limit)
            results.append(drive(port, name, make, args.requests, args.clients, args.time_limit))
    finally:
        stop_server(server)
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    kind = f"gthread x{args.threads}" if args.threads > 1 else "sync"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    header = f"{db}, gunicorn {args.workers} workers ({kind}), {args.clients} clients"
    print(table(results, f"{header}; load average at the end {load}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
