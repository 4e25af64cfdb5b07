"""What Strideback keeps about a runner, and for how long: deleting the account leaves no row
and no readable byte naming the runner; the export holds all of it; a new password revokes
the API tokens; the data folder and database are private to their owner."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from strideback.accounts import services as account_services
from strideback.accounts.models import CareLink, PhysioInvite, User
from strideback.api.models import ApiToken
from strideback.clinic.models import ClinicalNote
from strideback.datadir import DATABASE_FILE, ensure_data_dir
from strideback.training.export import delete_account, export_data
from tests.api.conftest import SECRET, World, make_world, session_client
from tests.api.conftest import world as world  # noqa: F401 - the fixture

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the -wal file and free pages are SQLite's"
)


def _on_disk() -> bytes:
    name = Path(connection.settings_dict["NAME"])
    wal = name.with_name(name.name + "-wal")
    return name.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_deleted_account_leaves_nothing_readable_on_disk() -> None:
    world = make_world()
    invited = "anna.private@example.org"
    world.a.email = invited
    world.a.save(update_fields=["email"])
    # another clinician's invitation to the same e-mail, still waiting
    CareLink.objects.create(clinician=world.other_clinician, invited_email=invited)
    PhysioInvite.objects.create(runner=world.a, email="her-physio@example.org")
    ClinicalNote.objects.create(clinician=world.clinician, runner=world.a, text="private note")
    assert SECRET.encode() in _on_disk()

    delete_account(world.a, invited)

    assert not User.objects.filter(pk=world.a.pk).exists()
    assert not CareLink.objects.filter(invited_email__iexact=invited).exists()
    assert not PhysioInvite.objects.filter(email="her-physio@example.org").exists()
    disk = _on_disk()
    for text in (SECRET, invited, "her-physio@example.org", "private note"):
        assert text.encode() not in disk, f"{text!r} is still in the database files"


def test_the_export_holds_tokens_invites_and_the_clinicians_shared_words(world: World) -> None:
    world.enrollment.note_to_runner = "Slow down on the stairs"
    world.enrollment.save(update_fields=["note_to_runner"])
    PhysioInvite.objects.create(runner=world.a, email="her-physio@example.org")
    ClinicalNote.objects.create(clinician=world.clinician, runner=world.a, text="private note")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens['runner_a']}")
    for data in (export_data(world.a), client.get("/api/v1/me/export").json()):
        assert [t["name"] for t in data["api_tokens"]] == ["runner_a laptop"]
        token = data["api_tokens"][0]
        assert token["created_at"] and "revoked_at" in token and "last_used_at" in token
        assert "key_hash" not in token and "secret" not in token
        assert data["physio_invites"][0]["email"] == "her-physio@example.org"
        assert data["enrollments"][0]["note_to_runner"] == "Slow down on the stairs"
        assert "rule_set_changes" in data
        # the physiotherapist's own working notes are theirs (README: "Your data")
        assert "private note" not in str(data)
    page = session_client(world.a).get("/settings/my-data.json").json()
    assert page["api_tokens"][0]["name"] == "runner_a laptop"


def _working(world: World, name: str) -> bool:
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens[name]}")
    return client.get("/api/v1/me").status_code == 200


def test_a_password_reset_revokes_the_accounts_tokens(world: World) -> None:
    assert _working(world, "runner_a")
    account_services.set_password(world.a, "a-new-long-password")
    assert not _working(world, "runner_a")
    assert ApiToken.objects.filter(user=world.a, revoked_at__isnull=True).count() == 0
    assert _working(world, "runner_b")  # nobody else's


def test_a_password_changed_anywhere_revokes_the_tokens(world: World) -> None:
    user = User.objects.get(pk=world.clinician.pk)  # as the admin or `manage` would
    user.set_password("another-long-password")
    user.save()
    assert not _working(world, "a_clinician")
    user.name = "Dr C, renamed"
    user.save()  # no new password: tokens made afterwards keep working
    world.clinician.last_login = timezone.now()
    world.clinician.save(update_fields=["last_login"])
    assert _working(world, "runner_a")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "revokes all your tokens"),
        ("da", "tilbagekaldes alle dine nøgler"),
        ("de", "werden alle Ihre Schlüssel widerrufen"),
        ("nb", "trekkes alle nøklene dine tilbake"),
    ],
)
def test_the_tokens_page_says_a_new_password_revokes_them(
    world: World, lang: str, words: str
) -> None:
    client = session_client(world.a)
    client.cookies["strideback_lang"] = lang
    assert words in client.get("/settings/tokens").content.decode()


def test_the_data_folder_and_database_are_created_private(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    old = os.umask(0o022)  # the usual umask: files 0644, folders 0755
    try:
        folder = ensure_data_dir(tmp_path / "new" / "strideback")
        database = folder / DATABASE_FILE
        db = sqlite3.connect(database)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (x TEXT)")
        db.execute("INSERT INTO t VALUES ('x')")
        db.commit()
        wal = folder / (DATABASE_FILE + "-wal")
        assert wal.exists()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(database.stat().st_mode) == 0o600
        assert stat.S_IMODE(wal.stat().st_mode) == 0o600
        db.close()
    finally:
        os.umask(old)


def test_an_existing_data_folder_keeps_its_permissions(tmp_path: Path) -> None:
    tmp_path.chmod(0o750)
    ensure_data_dir(tmp_path)
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o750
