"""The watch upload in the app: on the run log and Today (the same service as the API), and
the installed app as a share target."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from fit_tool.profile.profile_type import Sport

from strideback.accounts.models import Role, User
from strideback.training.models import Enrollment, ImportedRun, JournalEntry
from tests.training.watchfiles import fit, gpx, tcx, track

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner() -> User:
    user = User.objects.create_user("r@example.org", "pw-r-long-enough", role=Role.RUNNER)
    start = timezone.localdate() - dt.timedelta(days=2)
    Enrollment.objects.create(user=user, programme_id="return-to-run-5k", start=start)
    return user


def client_for(user: User, lang: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["strideback_lang"] = lang
    return client


def at(day: dt.date, hour: int = 7) -> dt.datetime:
    local = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    return local.astimezone(dt.UTC)


def first_day() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=2)


def post(client: Client, url: str, data: bytes, name: str, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True, **headers)


def test_today_and_the_run_log_offer_the_upload(runner: User) -> None:
    client = client_for(runner)
    today = client.get("/today/").content.decode()
    assert 'enctype="multipart/form-data"' in today and 'action="/runs/"' in today
    log = client.get("/runs/").content.decode()
    assert 'type="file"' in log and 'accept=".gpx,.tcx,.fit' in log
    assert "No runs logged yet." in log


def test_an_upload_is_logged_once_and_shown_in_the_run_log(runner: User) -> None:
    client = client_for(runner)
    points = track(at(first_day()), 30, 2.8)
    page = post(client, "/runs/", gpx(points), "run.gpx").content.decode()
    assert f"Run of {first_day().isoformat()} logged: 30 min, 5.04 km." in page
    assert "<td>GPX</td>" in page and "<td>5:57</td>" in page and "week 1, day 1" in page
    again = post(client, "/runs/", fit(points), "run.fit").content.decode()
    assert "is already there; it is not logged twice." in again
    assert ImportedRun.objects.filter(user=runner).count() == 1
    assert JournalEntry.objects.filter(user=runner).count() == 1


def test_a_ride_and_a_broken_file_are_refused_with_the_reason(runner: User) -> None:
    client = client_for(runner)
    ride = fit(track(at(first_day()), 40, 7.0), Sport.CYCLING)
    page = post(client, "/runs/", ride, "ride.fit").content.decode()
    assert "is marked “cycling” in the file, not a run: Strideback logs runs only." in page
    broken = gpx(track(at(first_day()), 10, 2.8))[:300]
    page = post(client, "/runs/", broken, "cut.gpx").content.decode()
    assert "The file could not be read as GPX: it may be cut short or damaged." in page
    page = post(client, "/runs/", b"", "empty.tcx").content.decode()
    assert "The file is empty." in page
    page = client.post("/runs/", {}, follow=True).content.decode()
    assert "Choose a GPX, TCX or FIT file first." in page
    assert not ImportedRun.objects.exists() and not JournalEntry.objects.exists()


def test_the_reasons_are_in_the_runners_language(runner: User) -> None:
    client = client_for(runner, "de")
    ride = fit(track(at(first_day()), 40, 7.0), Sport.CYCLING)
    page = post(client, "/runs/", ride, "ride.fit").content.decode()
    assert "keine Laufeinheit" in page


def test_the_installed_app_is_a_share_target(runner: User) -> None:
    manifest = json.loads(Client().get("/manifest.webmanifest").content)
    share = manifest["share_target"]
    assert share["action"] == "/runs/share/" and share["method"] == "POST"
    assert share["enctype"] == "multipart/form-data"
    assert share["params"]["files"][0]["name"] == "file"
    client = client_for(runner)
    client.handler.enforce_csrf_checks = True  # the phone's share sheet sends no CSRF token
    points = track(at(first_day()), 25, 2.5)
    response = client.post(
        "/runs/share/",
        {"file": SimpleUploadedFile("a.tcx", tcx(points))},
        HTTP_SEC_FETCH_SITE="none",
    )
    assert response.status_code == 302 and response["Location"] == "/runs/"
    assert ImportedRun.objects.filter(user=runner, source="tcx").count() == 1
    # Another site cannot post into the runner's log.
    forged = client.post(
        "/runs/share/",
        {"file": SimpleUploadedFile("b.gpx", gpx(track(at(first_day(), 18), 20, 2.5)))},
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert forged.status_code == 403
    assert ImportedRun.objects.filter(user=runner).count() == 1
    # Logged out: to the log-in page, nothing stored.
    anonymous = Client().post("/runs/share/", {"file": SimpleUploadedFile("a.tcx", b"x")})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
