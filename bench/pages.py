"""Page weight and server time for the runner's Today page (and the player it links to).

    .venv/bin/python bench/pages.py [--requests 50]

Sets up a throw-away data folder (SQLite), collects the static files and seeds one runner who
is 16 weeks into the front-of-knee programme with its run plan and the heel programme (pain
now and then, runs from phase 4). Then, in-process through the whole Django stack (middleware,
GZip, WhiteNoise), it

- fetches Today and the player with ``Accept-Encoding: gzip, br`` and adds up the bytes on the
  wire for the HTML and every stylesheet and script the page links to (a response the server
  does not compress is counted as sent);
- prints the public exercise library's weight with all its stills, too;
- times Today: median, p95 and max server time over ``--requests`` requests.

Prints the figures. A benchmark, not a test: it asserts nothing. Targets: Today <= 60 KB,
the player with its session's figures <= 120 KB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TARGET_KB = 60
PLAYER_TARGET_KB = 120


def _setup(data_dir: Path) -> None:
    os.environ.update(
        STRIDEBACK_DATA_DIR=str(data_dir),
        STRIDEBACK_SECRET_KEY="bench-only-" + "p" * 50,
        STRIDEBACK_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="strideback.web.settings",
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("STRIDEBACK_DEBUG", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


def _seed(on: dt.date) -> object:
    from strideback.accounts.models import User
    from strideback.training import onboarding
    from strideback.training.models import Enrollment, JournalEntry

    user = User.objects.create_user("bench@example.org", "pw-bench-12345", language="da")
    start = on - dt.timedelta(weeks=16)
    onboarding.save_areas(user, ["front_of_knee", "heel"])
    onboarding.save_goal(user, "back_to_5k")
    ids = ["anterior-knee-pain", "return-to-run-5k", "plantar-heel-pain"]
    onboarding.enroll(user, ids, start, start)
    by_id = {e.programme_id: e for e in Enrollment.objects.filter(user=user)}
    rows = []
    for i in range(0, 16 * 7, 2):
        day = start + dt.timedelta(days=i)
        pain = 1 if i % 10 == 0 else 0
        for pid in ("anterior-knee-pain", "plantar-heel-pain"):
            rows.append(
                JournalEntry(
                    user=user,
                    enrollment=by_id[pid],
                    date=day,
                    kind="strength",
                    pain_during=pain,
                    pain_after=pain,
                    pain_next_morning=0,
                )
            )
    # yesterday's heel session; the knee programme's session (its most exercises) is due today
    rows.append(
        JournalEntry(
            user=user,
            enrollment=by_id["plantar-heel-pain"],
            date=on - dt.timedelta(days=1),
            kind="strength",
            pain_during=0,
            pain_after=0,
            pain_next_morning=0,
        )
    )
    JournalEntry.objects.bulk_create(rows)
    return user


def _wire_bytes(client: object, path: str) -> tuple[int, str, str]:
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, br")  # type: ignore[attr-defined]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return (
        len(body),
        response.headers.get("Content-Encoding", "none"),
        body.decode("utf-8", "replace") if not response.headers.get("Content-Encoding") else "",
    )


def _page_weight(client: object, path: str) -> list[tuple[str, int, str]]:
    plain = client.get(path).content.decode()  # type: ignore[attr-defined]
    size, encoding, _ = _wire_bytes(client, path)
    parts = [(path, size, encoding)]
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', plain)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', plain)
    assets += [a.replace("&amp;", "&") for a in re.findall(r'<img[^>]+src="([^"]+)"', plain)]
    seen = dict.fromkeys(assets)
    queue = list(seen)
    while queue:
        asset = queue.pop(0)
        size, encoding, _ = _wire_bytes(client, asset)
        parts.append((asset, size, encoding))
        if asset.endswith(".js"):  # a module's own imports load with it (player.js: figure.js)
            source = client.get(asset)  # type: ignore[attr-defined]
            text = b"".join(source.streaming_content) if source.streaming else source.content
            base = asset.rsplit("/", 1)[0]
            for name in re.findall(r'from "\./([\w.-]+\.js)"', text.decode()):
                url = f"{base}/{name}"
                if url not in seen:
                    seen[url] = None
                    queue.append(url)
    return parts


def _print_weight(title: str, parts: list[tuple[str, int, str]]) -> int:
    total = sum(size for _, size, _ in parts)
    print(f"{title}: {total / 1024:.1f} KB on the wire")
    for path, size, encoding in parts:
        print(f"  {size / 1024:7.1f} KB  {encoding:5}  {path}")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="strideback-bench-pages-") as tmp:
        _setup(Path(tmp))
        from django.test import Client
        from django.utils import timezone

        on = timezone.localdate()
        user = _seed(on)
        client = Client(HTTP_ACCEPT_LANGUAGE="da", HTTP_HOST="localhost")
        client.force_login(user)  # type: ignore[arg-type]
        client.get("/today/?later=1")  # warm up: the library, templates, catalogue
        today = _page_weight(client, "/today/?later=1")
        total = _print_weight("Today", today)
        print(f"  target <= {TARGET_KB} KB: {'met' if total <= TARGET_KB * 1024 else 'MISSED'}")
        player = f"/play/{on.isoformat()}/strength/?programme=anterior-knee-pain"
        began, cpu = time.perf_counter(), time.process_time()
        first = client.get(player)
        cold = (time.perf_counter() - began) * 1000
        cold_cpu = (time.process_time() - cpu) * 1000
        began = time.perf_counter()
        client.get(player)
        warm = (time.perf_counter() - began) * 1000
        print(
            f"Player server time: first request {cold:.0f} ms, {cold_cpu:.0f} ms CPU (its "
            "figures' frames computed), "
            f"then {warm:.0f} ms (kept)"
        )
        if first.status_code == 200:
            weight = _print_weight("Player", _page_weight(client, player))
            met = "met" if weight <= PLAYER_TARGET_KB * 1024 else "MISSED"
            print(f"  target <= {PLAYER_TARGET_KB} KB: {met}")
        _print_weight("Exercise library (every still)", _page_weight(client, "/exercises/"))
        times = []
        for _ in range(args.requests):
            began = time.perf_counter()
            response = client.get("/today/?later=1", HTTP_ACCEPT_ENCODING="gzip")
            times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"Today server time over {args.requests} requests: median "
            f"{statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
        )


if __name__ == "__main__":
    main()
