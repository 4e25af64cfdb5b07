"""Where a Strideback installation keeps its data: database, secret key, static files."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import platformdirs

SECRET_FILE = "secret_key"
DATABASE_FILE = "strideback.sqlite3"


def data_dir() -> Path:
    configured = os.environ.get("STRIDEBACK_DATA_DIR")
    return (
        Path(configured).expanduser()
        if configured
        else Path(platformdirs.user_data_dir("strideback", appauthor=False))
    )


def ensure_data_dir(path: Path) -> Path:
    """The data folder, created readable by its owner only (0700), and in it the SQLite
    database file, created 0600 before SQLite opens it (SQLite gives its -wal and -shm files
    the database's permissions). An existing folder or file keeps the permissions it has."""
    if not path.exists():
        path.mkdir(parents=True, mode=0o700)
        path.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened
    database = path / DATABASE_FILE
    if not os.environ.get("DATABASE_URL") and not database.exists():
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path


def read_secret_key(path: Path) -> str:
    file = path / SECRET_FILE
    return file.read_text(encoding="utf-8").strip() if file.exists() else ""


def ensure_secret_key(path: Path) -> str:
    """Return the installation's secret key, generating and saving one on first run."""
    existing = read_secret_key(path)
    if existing:
        return existing
    key = secrets.token_urlsafe(50)
    file = path / SECRET_FILE
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key
