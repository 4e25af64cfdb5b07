"""`strideback serve`: prepare the data folder and run the app with granian (WSGI).

Granian rather than gunicorn: measured here for the same app (2 workers, 16 keep-alive
clients), /healthz went from ~700 to ~3,000 requests/s (gunicorn's sync workers close the
connection after every request; granian keeps it alive, and its HTTP side is Rust).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from strideback.datadir import data_dir, ensure_data_dir, ensure_secret_key
from strideback.errors import CommandError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("serve", help="start Strideback (first run sets up the data folder)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per-user data folder)")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("STRIDEBACK_WORKERS", "2")),
        help="number of worker processes (2; STRIDEBACK_WORKERS)",
    )
    parser.add_argument(
        "--access-log", action="store_true", help="print a line for every request (off)"
    )
    parser.set_defaults(handler=run)


def prepare(folder: Path, host: str) -> None:
    """Data folder, secret key, allowed host, migrations, static files, library check."""
    os.environ["STRIDEBACK_DATA_DIR"] = str(ensure_data_dir(folder))
    if not os.environ.get("STRIDEBACK_SECRET_KEY"):
        os.environ["STRIDEBACK_SECRET_KEY"] = ensure_secret_key(folder)
    if host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "::"):
        hosts = os.environ.get("STRIDEBACK_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
        os.environ["STRIDEBACK_ALLOWED_HOSTS"] = f"{hosts},{host}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.web.settings")

    from strideback.core.content.library import check_library

    library, problems = check_library()
    if library is None:
        raise CommandError("the programme library is broken:\n" + "\n".join(map(str, problems)))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    _collect_static_if_changed(folder / "static")


def _static_fingerprint() -> str:
    """A hash of every static source file's path, size and modification time."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _collect_static_if_changed(static_root: Path) -> None:
    """Collect and compress static files on first run and after an upgrade, not every start."""
    from django.core.management import call_command

    stamp = static_root / ".fingerprint"
    fingerprint = _static_fingerprint()
    if stamp.exists() and stamp.read_text(encoding="utf-8") == fingerprint:
        return
    print("Preparing static files (first run or after an upgrade)...", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint, encoding="utf-8")


def server_argv(
    host: str, port: int, workers: int, *, threads: int = 1, access_log: bool = False
) -> list[str]:
    """The server's command line (the API benchmark starts the app with the same one)."""
    argv = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        # HTTP/1.1 only (a proxy in front speaks it too): "auto" looks for HTTP/2 on every
        # connection, and the 200-patient list (~160 KB) went from ~60 to ~35 ms at p99.
        "--http",
        "1",
        "strideback.web.wsgi:application",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        # One Python thread per worker process: requests wait their turn in granian (Rust)
        # instead of fighting over the GIL, which made the slowest 1 % several times slower.
        "--blocking-threads",
        str(threads),
        # A worker that dies (killed, out of memory) is replaced at once instead of taking the
        # whole server down; a worker crashing again within seconds still stops it (a crash loop).
        "--respawn-failed-workers",
        # Ctrl+C / SIGTERM: workers get 10 s to finish their requests, then are killed, so that
        # stopping `serve` always stops everything it started.
        "--workers-kill-timeout",
        "10",
        "--log-level",
        "warning",
    ]
    return argv + (["--access-log"] if access_log else [])


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise CommandError(f"--port must be between 1 and 65535, got {args.port}")
    folder = (args.data_dir or data_dir()).expanduser().resolve()
    prepare(folder, args.host)
    shown = "localhost" if args.host in ("0.0.0.0", "::") else args.host
    print(f"Strideback is running. Open http://{shown}:{args.port}/ (data in {folder})", flush=True)
    print("Stop it with Ctrl+C.", flush=True)
    argv = server_argv(args.host, args.port, max(1, args.workers), access_log=args.access_log)
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover - execv does not return
