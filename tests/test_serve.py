"""`strideback serve` sets up a data folder on first run and serves with granian."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost only
        return response.status, response.read().decode()


def children(pid: int) -> set[int]:
    """The live processes whose parent is `pid` (granian's workers)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rpartition(")")[2].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(pid) for pid in pids):
        time.sleep(0.1)
    return {pid for pid in pids if alive(pid)}


@contextmanager
def serving(
    data_dir: Path,
    port: int,
    workers: int = 1,
    stop: signal.Signals = signal.SIGTERM,
    **settings: str,
) -> Iterator[tuple[subprocess.Popen[str], float]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRIDEBACK_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(settings)
    cmd = [
        sys.executable,
        "-m",
        "strideback",
        "serve",
        "--data-dir",
        str(data_dir),
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = started + 60
        while time.monotonic() < deadline:
            try:
                if get(f"http://127.0.0.1:{port}/healthz")[0] == 200:
                    break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stdout.read() if proc.stdout else "") from None
                time.sleep(0.2)
        yield proc, time.monotonic() - started
        workers_left = children(proc.pid)
        proc.send_signal(stop)  # to `strideback serve` alone, as a service manager or Ctrl+C does
        assert proc.wait(timeout=30) is not None
        assert not wait_until_gone(workers_left, 15), f"{stop.name} left workers running"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)


def test_first_run_sets_up_the_data_folder_and_serves_pages(tmp_path: Path) -> None:
    port = free_port()
    with serving(tmp_path, port) as (proc, first_start):
        assert get(f"http://127.0.0.1:{port}/healthz") == (200, "ok")
        status, html = get(f"http://127.0.0.1:{port}/")
        assert status == 200 and "Strideback" in html
        assert proc.stdout is not None
        printed = [proc.stdout.readline() for _ in range(2)]
        assert any(f"Open http://127.0.0.1:{port}/" in line for line in printed), printed
    key = (tmp_path / "secret_key").read_text()
    assert (tmp_path / "strideback.sqlite3").exists()
    with serving(tmp_path, port, stop=signal.SIGINT) as (_, second_start):
        assert get(f"http://127.0.0.1:{port}/healthz") == (200, "ok")
    assert (tmp_path / "secret_key").read_text() == key
    print(f"first start {first_start:.1f} s, second start {second_start:.1f} s")


def test_a_killed_worker_is_replaced_and_requests_are_answered_again(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    with serving(tmp_path, port, workers=2) as (proc, _):
        workers = children(proc.pid)
        assert len(workers) == 2, workers
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        refused = answered_after_respawn = 0
        replacement: set[int] = set()
        while time.monotonic() - killed_at < 20 and answered_after_respawn < 10:
            assert proc.poll() is None, "the server stopped when one worker died"
            replacement = children(proc.pid) - workers
            try:
                ok = get(url) == (200, "ok")
            except OSError:
                refused += 1
                time.sleep(0.05)
                continue
            if ok and replacement:
                answered_after_respawn += 1
        recovered = time.monotonic() - killed_at
        assert not alive(victim)
        assert replacement, "no new worker took the dead one's place"
        assert answered_after_respawn == 10, f"only {answered_after_respawn} answers after respawn"
        assert recovered < 10, f"took {recovered:.1f} s to answer again"
        assert len(children(proc.pid)) == 2
        print(f"worker replaced; {refused} refused; answering again after {recovered:.1f} s")


def test_the_login_throttle_counts_across_workers(tmp_path: Path) -> None:
    """Five wrong passwords lock the account whichever of the two workers answered them."""
    import http.cookiejar
    import re
    import urllib.error
    import urllib.parse

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    statuses = []
    with serving(tmp_path, port, workers=2):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        with opener.open(f"{base}/login/", timeout=10) as page:  # noqa: S310 - localhost only
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
        assert token is not None
        for _ in range(8):
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "email": "someone@example.org",
                    "password": "wrong",
                }
            ).encode()
            try:
                with opener.open(f"{base}/login/", data=body, timeout=10) as answer:  # noqa: S310
                    statuses.append(answer.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
    assert statuses == [400] * 5 + [429] * 3, statuses
