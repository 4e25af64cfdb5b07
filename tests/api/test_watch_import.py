"""POST /api/v1/journal/import: runs from a watch file, stored once, matched to the plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from fit_tool.profile.profile_type import Sport

from strideback.accounts.models import User
from strideback.training.journal import log_entry
from strideback.training.models import Enrollment, ImportedRun, JournalEntry
from strideback.training.schemas import EntryIn
from tests.api.conftest import session_client
from tests.training.watchfiles import fit, gpx, tcx, track

pytestmark = pytest.mark.django_db

URL = "/api/v1/journal/import"


@pytest.fixture
def runner() -> User:
    user = User.objects.create_user("r@example.org", "pw-r-long-enough", name="Rita")
    start = timezone.localdate() - dt.timedelta(days=2)
    Enrollment.objects.create(user=user, programme_id="return-to-run-5k", start=start)
    return user


def at(day: dt.date, hour: int = 7) -> dt.datetime:
    """``hour`` o'clock local time on ``day``, as a UTC datetime (watch files are UTC)."""
    local = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    return local.astimezone(dt.UTC)


def upload(client: Client, data: bytes, name: str = "run.gpx"):  # type: ignore[no-untyped-def]
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_a_run_is_stored_once_and_matched_to_the_planned_run(runner: User) -> None:
    client = session_client(runner)
    first_day = timezone.localdate() - dt.timedelta(days=2)  # the plan's week 1, day 1
    points = track(at(first_day), 30, 2.8, pause_s=60)
    response = upload(client, gpx(points))
    assert response.status_code == 201, response.content
    [stored] = response.json()["stored"]
    assert stored["date"] == first_day.isoformat()
    assert (stored["run_week"], stored["run_day"]) == (1, 1)
    assert stored["moving_s"] == 1800 and stored["duration_s"] == 1860
    assert stored["distance_m"] == pytest.approx(5040, abs=2)
    entry = JournalEntry.objects.get(user=runner)
    assert (entry.kind, entry.run_minutes, entry.completed) == ("run", 30.0, True)
    assert entry.pain_during is None  # pain is the runner's to give, never filled in

    # The same activity again, in any format: already there, nothing stored twice.
    for data, name in ((gpx(points), "run.gpx"), (fit(points), "run.fit"), (tcx(points), "a.tcx")):
        again = upload(client, data, name)
        assert again.status_code == 200
        body = again.json()
        assert body["stored"] == [] and len(body["already_there"]) == 1
    assert ImportedRun.objects.filter(user=runner).count() == 1
    assert JournalEntry.objects.filter(user=runner).count() == 1


def test_a_run_on_a_day_logged_by_hand_is_attached_not_counted_twice(runner: User) -> None:
    day = timezone.localdate() - dt.timedelta(days=1)
    entry, _ = log_entry(runner, EntryIn(date=day, kind="run", pain={"during": 2}))
    response = upload(session_client(runner), fit(track(at(day, 18), 25, 2.5)), "run.fit")
    assert response.status_code == 201
    assert response.json()["stored"][0]["entry_id"] == entry.pk
    entry.refresh_from_db()
    assert entry.run_minutes == 25.0 and entry.pain_during == 2
    assert JournalEntry.objects.filter(user=runner).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            fit(track(at(dt.date(2026, 11, 1)), 40, 7.0), Sport.CYCLING),
            "holds no run: the activity is a cycling activity, not a run",
        ),
        (b"", "is empty"),
        (b"GIF89a not a watch file", "is not a GPX, TCX or FIT file"),
        (gpx(track(at(dt.date(2026, 11, 1)), 10, 2.8))[:300], "is not a readable GPX file"),
    ],
)
def test_refused_files_name_the_field_and_store_nothing(
    runner: User, data: bytes, message: str
) -> None:
    response = upload(session_client(runner), data)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "file"
    assert error["message"].startswith(message)
    assert not JournalEntry.objects.filter(user=runner).exists()


def test_without_a_file_the_error_names_the_field(runner: User) -> None:
    response = session_client(runner).post(URL, {})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "file"


def test_the_schema_documents_the_multipart_upload() -> None:
    schema = Client().get("/api/v1/openapi.json", HTTP_HOST="localhost").json()
    operation = schema["paths"][URL]["post"]
    body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert "file" in str(body) or "file" in str(schema["components"])
    assert {"200", "201", "422"} <= set(operation["responses"])
