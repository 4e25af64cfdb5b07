"""Settings and my data: language, export as JSON and CSV, and deleting the account."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
from strideback.training import export, onboarding
from strideback.training.models import Enrollment, JournalEntry, Profile

from .conftest import ON


@pytest.mark.django_db
def test_export_has_the_account_the_plan_and_every_entry(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner)
    log(runner, ON, pain_during=2, note="stairs hurt")
    data = export.export_data(runner)
    assert data["account"]["email"] == "runner@example.org"  # type: ignore[index]
    assert data["enrollments"][0]["programme"] == "anterior-knee-pain"  # type: ignore[index]
    (entry,) = data["journal"]  # type: ignore[misc]
    assert entry["date"] == ON.isoformat() and entry["pain_during"] == 2
    assert entry["note"] == "stairs hurt"
    json.dumps(data)


@pytest.mark.django_db
def test_csv_export_has_one_row_per_entry(
    logged_in: Client, runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner)
    log(runner, ON, pain_during=1)
    onboarding.screen_red_flags(runner, ["calf_swelling"], ON)
    response = logged_in.get("/settings/my-journal.csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["kind"] for r in rows] == ["strength", "check"]
    assert rows[1]["red_flags"] == "calf_swelling"


@pytest.mark.django_db
def test_json_download(logged_in: Client, runner: User) -> None:
    response = logged_in.get("/settings/my-data.json")
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["format"] == "strideback-export/1"


@pytest.mark.django_db
def test_delete_needs_the_email_typed_and_then_removes_everything(
    logged_in: Client, runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner)
    log(runner, ON)
    physio = User.objects.create_user("p@example.org", "pw-12345678", role=Role.CLINICIAN)
    CareLink.objects.create(clinician=physio, runner=runner, status=CareLinkStatus.ACTIVE)
    wrong = logged_in.post("/settings/delete/", {"confirm": "someone@else.org"})
    assert wrong.status_code == 400
    assert "Type your e-mail to confirm: that&#x27;s not the e-mail" in wrong.content.decode()
    assert User.objects.filter(pk=runner.pk).exists()
    done = logged_in.post("/settings/delete/", {"confirm": "Runner@Example.org"})
    assert done["Location"] == "/"
    assert not User.objects.filter(email="runner@example.org").exists()
    for model in (JournalEntry, Enrollment, Profile):
        assert not model.objects.filter(user_id=runner.pk).exists()
    assert not CareLink.objects.filter(runner_id=runner.pk).exists()
    assert User.objects.filter(pk=physio.pk).exists()
    assert logged_in.get("/today/")["Location"].startswith("/login/")


@pytest.mark.django_db
def test_settings_page_has_language_data_delete_and_the_way_to_reminders(
    logged_in: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner)
    html = logged_in.get("/settings/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Einstellungen und meine Daten" in html
    assert 'href="/settings/my-data.json"' in html
    assert 'href="/settings/delete/"' in html
    assert "Training bei Schmerzen vorne am Knie" in html
    # Reminders are opt-in, chosen on their own page: settings links to it, nothing more.
    assert '<a href="/settings/reminders/">Erinnerungen wählen</a>' in html
    assert 'name="enabled"' not in html


@pytest.mark.django_db
def test_a_runner_can_stop_a_programme(
    logged_in: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    (enrollment,) = enrolled(runner)
    assert logged_in.post(f"/settings/programmes/{enrollment.pk}/stop/").status_code == 302
    enrollment.refresh_from_db()
    assert not enrollment.active


@pytest.mark.django_db
def test_the_chosen_language_is_remembered_on_the_account(logged_in: Client, runner: User) -> None:
    logged_in.post("/language", {"language": "nb", "next": "/settings/"})
    runner.refresh_from_db()
    assert runner.language == "nb"


@pytest.mark.django_db
def test_a_runner_can_stop_sharing_with_a_clinician_and_not_with_someone_elses(
    logged_in: Client, runner: User, make_runner: Callable[..., User]
) -> None:
    physio = User.objects.create_user("p@example.org", "pw-12345678", role=Role.CLINICIAN)
    mine = CareLink.objects.create(clinician=physio, runner=runner, status=CareLinkStatus.ACTIVE)
    other = make_runner("other@example.org")
    theirs = CareLink.objects.create(clinician=physio, runner=other, status=CareLinkStatus.ACTIVE)
    html = logged_in.get("/settings/").content.decode()
    assert "Clinicians who follow you" in html and "p@example.org" in html
    assert logged_in.post(f"/settings/clinicians/{physio.pk}/stop/").status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == CareLinkStatus.STOPPED
    assert theirs.status == CareLinkStatus.ACTIVE
    assert logged_in.post(f"/settings/clinicians/{physio.pk}/stop/").status_code == 404
