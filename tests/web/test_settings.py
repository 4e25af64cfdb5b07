"""Settings come from the environment and refuse unsafe production set-ups."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from strideback.datadir import ensure_secret_key


def import_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("STRIDEBACK_", "DJANGO_"))}
    clean.update({"STRIDEBACK_DATA_DIR": str(tmp_path), **env})
    code = "import strideback.web.settings as s; print('DEBUG', s.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True)


def test_starting_with_debug_off_and_no_secret_key_is_refused_clearly(tmp_path: Path) -> None:
    result = import_settings(tmp_path)
    assert result.returncode != 0
    assert "will not start without a secret key while STRIDEBACK_DEBUG is off" in result.stderr


def test_a_default_looking_secret_key_is_refused_too(tmp_path: Path) -> None:
    result = import_settings(tmp_path, STRIDEBACK_SECRET_KEY="django-insecure-abc")
    assert result.returncode != 0
    assert "secret key" in result.stderr


def test_debug_is_off_unless_asked_for(tmp_path: Path) -> None:
    result = import_settings(tmp_path, STRIDEBACK_SECRET_KEY="k" * 50)
    assert result.stdout.strip() == "DEBUG False"
    result = import_settings(tmp_path, STRIDEBACK_DEBUG="1")
    assert result.stdout.strip() == "DEBUG True"


def test_the_generated_key_is_kept_in_the_data_folder_and_reused(tmp_path: Path) -> None:
    first = ensure_secret_key(tmp_path)
    assert len(first) >= 50
    assert ensure_secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    result = import_settings(tmp_path)
    assert result.returncode == 0, result.stderr


def test_production_hashes_passwords_with_argon2(tmp_path: Path) -> None:
    code = "import strideback.web.settings as s; print(s.PASSWORD_HASHERS[0])"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRIDEBACK_")}
    env.update(STRIDEBACK_DATA_DIR=str(tmp_path), STRIDEBACK_SECRET_KEY="k" * 50)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_localhost_is_allowed_by_default_and_sqlite_runs_in_wal_mode() -> None:
    assert {"127.0.0.1", "localhost"} <= set(settings.ALLOWED_HOSTS)
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def _pg_options(tmp_path: Path, **env: str) -> str:
    code = (
        "import strideback.web.settings as s; "
        "print(sorted(s.DATABASES['default'].get('OPTIONS', {})))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("STRIDEBACK_", "DJANGO_"))}
    clean.update(
        STRIDEBACK_DATA_DIR=str(tmp_path),
        STRIDEBACK_SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://someone@db.example:5432/strideback",
        **env,
    )
    out = subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_postgresql_prepares_repeated_statements_unless_told_not_to(tmp_path: Path) -> None:
    assert _pg_options(tmp_path) == "['prepare_threshold', 'server_side_binding']"
    assert _pg_options(tmp_path, STRIDEBACK_PG_PREPARED="0") == "[]"


@pytest.mark.django_db
def test_on_postgresql_a_hot_statement_is_planned_once_per_connection() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        for user_id in range(8):
            cursor.execute("SELECT generation FROM training_snapshot WHERE user_id = %s", [user_id])
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ["SELECT generation FROM training_snapshot WHERE user_id = $1%"],
        )
        assert cursor.fetchone()[0] == 1
