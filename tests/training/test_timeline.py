"""One timeline for the runner (/progress/) and their physio (/clinic/patients/<id>/timeline/):
the same service and template; pain, sessions, runs with distance, heel-raise load,
questionnaire scores with their smallest important change, phases and rule sets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import Role, User
from strideback.training.models import (
    Enrollment,
    ImportedRun,
    JournalEntry,
    QuestionnaireResponse,
    SetLoad,
)
from tests.clinic.conftest import link, verified_client

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def history() -> User:
    """A heel-pain runner five weeks in: sessions with pain, a run from the watch, heel-raise
    loads, two FFI scores (the second an important improvement) and a switch of rule set."""
    on = timezone.localdate()
    start = on - 35 * DAY
    user = User.objects.create_user("h@example.org", "pw-12345678", role=Role.RUNNER)
    heel = Enrollment.objects.create(user=user, programme_id="plantar-heel-pain", start=start)
    Enrollment.objects.create(user=user, programme_id="return-to-run-5k", start=start)
    for n in range(0, 35, 2):
        JournalEntry.objects.create(
            user=user, enrollment=heel, date=start + n * DAY, kind="strength", completed=True,
            pain_during=2, pain_after=1, pain_next_morning=1, sets_done=3,
        )  # fmt: skip
    run = JournalEntry.objects.create(
        user=user, date=on - 3 * DAY, kind="run", completed=True, run_minutes=30
    )
    ImportedRun.objects.create(
        user=user, entry=run, start=timezone.now() - 3 * DAY, duration_s=1860, moving_s=1800,
        distance_m=5040, source="gpx",
    )  # fmt: skip
    for day, kg, reps in ((on - 10 * DAY, 4.0, (12, 12, 11)), (on - 3 * DAY, 6.0, (13, 12, 12))):
        for n, r in enumerate(reps, start=1):
            SetLoad.objects.create(
                user=user, date=day, exercise="single-leg-heel-raise-towel", set_number=n,
                load_kg=kg, reps=r,
            )  # fmt: skip
    QuestionnaireResponse.objects.create(
        user=user, questionnaire_id="ffi", answered_on=start, score=48.0
    )
    QuestionnaireResponse.objects.create(
        user=user, questionnaire_id="ffi", answered_on=on - 7 * DAY, score=31.5
    )
    heel.rule_set, heel.rule_set_at = "silbernagel", timezone.now() - 14 * DAY
    heel.save()
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sections(html: str) -> list[str]:
    import re

    return re.findall(r'<h2 id="[\w-]+">([^<]+)</h2>', html)


def test_the_runner_sees_everything_over_time_with_charts_and_tables(history: User) -> None:
    html = client_for(history).get("/progress/").content.decode()
    assert sections(html) == [
        "Pain over time",
        "Sessions: done against planned",
        "Your phases",
        "Running: minutes and distance",
        "Load added: Single-leg heel raise with a towel under the toes",
        "Questionnaire scores",
        "Rule sets",
    ]
    # Every chart is server-drawn SVG with a title and description, and has its table.
    assert html.count('<svg class="chart') == 6
    assert html.count("<table>") == 5  # minutes and distance share the runs' table
    assert "5.0</td>" in html  # km in the week of the watch run
    assert "<td>6</td><td>13, 12, 12</td>" in html
    assert "-16.5 · better, a change that matters" in html
    assert "A change of 7 points or more is one that matters." in html
    assert "Landorf" in html  # the smallest important change names its source
    assert "chosen by the physiotherapist" in html and "the programme's own" in html
    # No script but files of the app's own: the offline queue and the print helper.
    scripts = [line.strip() for line in html.splitlines() if "<script" in line]
    assert all('src="/static/strideback/' in s for s in scripts)
    assert any("timeline.js" in s for s in scripts)
    assert "<script>" not in html and "style=" not in html


def test_the_physio_sees_the_same_timeline_for_their_own_patients_only(history: User) -> None:
    physio = User.objects.create_user("p@example.org", "pw-12345678", role=Role.CLINICIAN)
    link(physio, history)
    url = f"/clinic/patients/{history.pk}/timeline/"
    html = verified_client(physio).get(url).content.decode()
    runner_html = client_for(history).get("/progress/").content.decode()
    assert sections(html)[2] == "Phases"
    assert sections(html)[:2] == sections(runner_html)[:2]
    assert sections(html)[3:] == sections(runner_html)[3:]
    assert html.count('<svg class="chart') == runner_html.count('<svg class="chart')
    assert (
        f'href="/clinic/patients/{history.pk}/timeline/"'
        in verified_client(physio).get(f"/clinic/patients/{history.pk}/").content.decode()
    )
    stranger = User.objects.create_user("s@example.org", "pw-12345678", role=Role.CLINICIAN)
    assert verified_client(stranger).get(url).status_code == 404
    assert client_for(history).get(url).status_code == 403


def test_a_new_runner_sees_no_empty_sections(history: User) -> None:
    fresh = User.objects.create_user("n@example.org", "pw-12345678", role=Role.RUNNER)
    Enrollment.objects.create(
        user=fresh, programme_id="anterior-knee-pain", start=timezone.localdate()
    )
    html = client_for(fresh).get("/progress/").content.decode()
    assert "Questionnaire scores" not in html and "Load added" not in html
    assert "Running: minutes and distance" not in html


def test_the_timeline_speaks_the_runners_language(history: User) -> None:
    client = client_for(history)
    client.cookies["strideback_lang"] = "nb"
    html = client.get("/progress/").content.decode()
    assert "Skårer fra spørreskjemaer" in html
    assert "bedre, en endring som betyr noe" in html


def test_runner_and_physio_download_the_fhir_record_from_the_pages(history: User) -> None:
    runner = client_for(history)
    settings = runner.get("/settings/").content.decode()
    assert 'href="/api/v1/me/export/fhir" download' in settings
    mine = runner.get("/api/v1/me/export/fhir")
    assert mine.status_code == 200 and mine["Content-Type"].startswith("application/fhir+json")
    physio = User.objects.create_user("f@example.org", "pw-12345678", role=Role.CLINICIAN)
    link(physio, history)
    client = verified_client(physio)
    page = client.get(f"/clinic/patients/{history.pk}/").content.decode()
    url = f"/api/v1/clinician/patients/{history.pk}/export/fhir"
    assert f'href="{url}" download' in page
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["resourceType"] == "Bundle"
