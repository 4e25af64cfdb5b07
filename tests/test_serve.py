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


@contextmanager
def serving(data_dir: Path, port: int) -> Iterator[tuple[subprocess.Popen[str], float]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRIDEBACK_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
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
        "1",
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
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
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
    with serving(tmp_path, port) as (_, second_start):
        assert get(f"http://127.0.0.1:{port}/healthz") == (200, "ok")
    assert (tmp_path / "secret_key").read_text() == key
    print(f"first start {first_start:.1f} s, second start {second_start:.1f} s")
