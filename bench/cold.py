"""Cost without a kept answer: does it run away with the amount of data?

    .venv/bin/python bench/cold.py [--repeat 15]

Seeds a fresh SQLite database in a temporary data folder and measures, in-process, through
Django's test client (the same request a client sends, the full stack), with the kept answers
made stale first (the runner's generation bumped, as any write does):

- ``GET /api/v1/me/today`` for a runner with 4 weeks of journal and one with 104 weeks;
- ``GET /api/v1/clinician/patients`` for a clinician with 200 patients and one with 1,000
  (each patient with 24 weeks of journal);
- the nightly ``refresh_snapshots`` for runners with 24 weeks of journal, in runners per second
  of CPU time (one process: one core).

Prints the best and the median of ``--repeat`` runs and the ratios (104/4 weeks, 1,000/200
patients), in CPU time of this process (``time.process_time``; SQLite runs in-process, so its
work counts) unless ``--clock wall``: on a machine shared with other work, CPU time is the
stable figure, wall-clock time measures the neighbours too. Targets: 104 weeks <= 2x 4 weeks,
1,000 patients <= 6x 200, refresh >= 300 runners per second per core. A benchmark, not a test:
it asserts nothing about time. It uses only the HTTP API, the ORM and the management command,
so it runs unchanged against older versions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from api import SECRET_KEY, _journal  # noqa: E402 - the same journals as the load benchmark

PATIENTS = (200, 1_000)
TODAY_WEEKS = (4, 104)
LIST_WEEKS = 24


def _setup() -> Path:
    data_dir = Path(tempfile.mkdtemp(prefix="strideback-cold-"))
    (data_dir / "static").mkdir()
    os.environ.update(
        STRIDEBACK_DATA_DIR=str(data_dir),
        STRIDEBACK_SECRET_KEY=SECRET_KEY,
        STRIDEBACK_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="strideback.web.settings",
    )
    os.environ.pop("STRIDEBACK_DEBUG", None)
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return data_dir


def _runners(prefix: str, count: int, weeks: int, rng: random.Random) -> list:  # type: ignore[type-arg]
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from strideback.accounts.models import User
    from strideback.training.models import Enrollment, JournalEntry

    today = dt.date.today()
    start = today - dt.timedelta(weeks=weeks)
    password = make_password("bench-password-1")
    with transaction.atomic():
        User.objects.bulk_create(
            User(email=f"{prefix}{i}@bench.test", name=f"{prefix} {i}", password=password)
            for i in range(count)
        )
        users = list(User.objects.filter(email__startswith=prefix).order_by("id"))
        Enrollment.objects.bulk_create(
            Enrollment(user=u, programme_id="anterior-knee-pain", start=start) for u in users
        )
        by_user = {e.user_id: e for e in Enrollment.objects.filter(user__in=users)}
        entries = []
        for user in users:
            entries += _journal(user, by_user[user.pk], start, today, rng)
        JournalEntry.objects.bulk_create(entries, batch_size=2000)
    return users


def _clinician(name: str, patients: list) -> str:  # type: ignore[type-arg]
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
    from strideback.api.models import TOKEN_PREFIX, ApiToken, hash_secret

    clinician = User.objects.create(email=f"{name}@bench.test", role=Role.CLINICIAN)
    TOTPDevice.objects.create(user=clinician, name="phone", confirmed=True)
    CareLink.objects.bulk_create(
        CareLink(clinician=clinician, runner=r, status=CareLinkStatus.ACTIVE) for r in patients
    )
    return _token(clinician, ApiToken, TOKEN_PREFIX, hash_secret)


def _token(user, ApiToken, prefix: str, hash_secret) -> str:  # type: ignore[no-untyped-def]  # noqa: N803
    secret = prefix + f"cold{user.pk:06d}" + "x" * 30
    ApiToken.objects.create(user=user, name="bench", key_hash=hash_secret(secret), hint="x")
    return secret


def _stale(user_ids: list[int]) -> None:
    """What any write does to the runners' kept answers: their generation goes up."""
    from django.db.models import F

    from strideback.training.models import Snapshot

    Snapshot.objects.filter(user_id__in=user_ids).update(generation=F("generation") + 1)


CLOCK: Callable[[], float] = time.process_time


def _time(call: Callable[[], object], before: Callable[[], object], repeat: int) -> list[float]:
    call()  # the first fills Django's and the library's caches
    out = []
    for _ in range(repeat):
        before()
        began = CLOCK()
        call()
        out.append((CLOCK() - began) * 1000)
    return out


def _get(client, path: str, secret: str) -> Callable[[], object]:  # type: ignore[no-untyped-def]
    def call() -> object:
        response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}")
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code} {response.content[:200]!r}")
        return response

    return call


def _line(name: str, ms: list[float]) -> str:
    return f"{name:<34} best {min(ms):>8.2f} ms   median {statistics.median(ms):>8.2f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = parser.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    print(f"clock: {args.clock} time of this process")
    rng = random.Random(args.seed)
    data_dir = _setup()
    try:
        return _run(args, rng)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _run(args: argparse.Namespace, rng: random.Random) -> int:
    from django.core.management import call_command
    from django.test import Client

    from strideback.api.models import TOKEN_PREFIX, ApiToken, hash_secret
    from strideback.training.models import JournalEntry

    began = time.perf_counter()
    patients = _runners("patient", max(PATIENTS), LIST_WEEKS, rng)
    tokens = {
        n: _clinician(f"physio{n}", patients[:n]) for n in PATIENTS
    }  # the first 200 are in both lists
    today_runners = {w: _runners(f"today{w}w", 1, w, rng)[0] for w in TODAY_WEEKS}
    today_tokens = {
        w: _token(u, ApiToken, TOKEN_PREFIX, hash_secret) for w, u in today_runners.items()
    }
    print(
        f"seeded {len(patients) + len(today_runners)} runners, "
        f"{JournalEntry.objects.count()} journal entries in {time.perf_counter() - began:.1f} s"
    )
    for w, u in today_runners.items():
        print(f"  Today runner with {w} weeks: {JournalEntry.objects.filter(user=u).count()} rows")
    client = Client(HTTP_HOST="127.0.0.1")

    # The nightly job first (it also makes every kept row exist), on a subset of the patients:
    # every runner's kept answers stale, then the command, timed by CPU.
    out = io.StringIO()
    call_command("refresh_snapshots", stdout=out)  # warm-up: creates the rows, fills caches
    _stale([p.pk for p in patients])
    cpu, wall = time.process_time(), time.perf_counter()
    call_command("refresh_snapshots", stdout=out)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    runners = len(patients) + len(today_runners)
    print(
        f"refresh_snapshots: {runners} runners (24 weeks; and 2 Today runners) and "
        f"{len(PATIENTS)} lists in {cpu:.2f} s CPU ({wall:.2f} s wall): "
        f"{runners / cpu:.0f} runners per second per core"
    )

    results: dict[str, list[float]] = {}
    for w, u in today_runners.items():
        name = f"Today, {w} weeks of journal"
        call = _get(client, "/api/v1/me/today", today_tokens[w])
        results[name] = _time(call, lambda u=u: _stale([u.pk]), args.repeat)
        print(_line(name, results[name]))
    for n in PATIENTS:
        name = f"patient list, {n} patients (cold)"
        ids = [p.pk for p in patients[:n]]
        call = _get(client, "/api/v1/clinician/patients", tokens[n])
        results[name] = _time(call, lambda ids=ids: _stale(ids), args.repeat)
        print(_line(name, results[name]))
    for n in PATIENTS:
        name = f"patient list, {n} patients (kept)"
        call = _get(client, "/api/v1/clinician/patients", tokens[n])
        results[name] = _time(call, lambda: None, args.repeat)
        print(_line(name, results[name]))

    def ratio(a: str, b: str) -> str:
        best = min(results[a]) / min(results[b])
        median = statistics.median(results[a]) / statistics.median(results[b])
        return f"{best:.2f}x (medians {median:.2f}x)"

    print(
        f"Today 104 weeks / 4 weeks: "
        f"{ratio('Today, 104 weeks of journal', 'Today, 4 weeks of journal')} (target <= 2x)"
    )
    print(
        "cold list 1,000 / 200 patients: "
        f"{ratio('patient list, 1000 patients (cold)', 'patient list, 200 patients (cold)')} "
        "(target <= 6x)"
    )
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
