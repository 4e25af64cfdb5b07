"""The outcome series for the timeline: scores with the smallest important change, runs from
the watch, loads; the runner's own and their clinician's view agree."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from strideback.training.models import QuestionnaireResponse, SetLoad
from tests.api.conftest import World, session_client, token_client
from tests.training.watchfiles import fit, track

pytestmark = pytest.mark.django_db


def test_scores_runs_and_loads_for_runner_and_clinician(world: World) -> None:
    today = timezone.localdate()
    for days_ago, score in ((28, 62.0), (14, 68.0), (0, 75.0)):
        QuestionnaireResponse.objects.create(
            user=world.a,
            questionnaire_id="kujala-akps",
            answered_on=today - dt.timedelta(days=days_ago),
            score=score,
        )
    SetLoad.objects.create(user=world.a, date=today, exercise="x", set_number=1, load_kg=4, reps=11)
    SetLoad.objects.create(user=world.a, date=today, exercise="x", set_number=2, load_kg=4, reps=10)
    start = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(6), tzinfo=dt.UTC)
    client = session_client(world.a)
    run = SimpleUploadedFile("r.fit", fit(track(start, 25, 2.5)))
    assert client.post("/api/v1/journal/import", {"file": run}).status_code == 201

    mine = client.get("/api/v1/me/outcomes?lang=de").json()
    [kujala] = mine["questionnaires"]
    assert kujala["title"] == "Kujala-Score für vordere Knieschmerzen"
    assert kujala["smallest_important_change"] == 10
    assert [(p["score"], p["change"], p["important"]) for p in kujala["points"]] == [
        (62.0, 0.0, 0),
        (68.0, 6.0, 0),  # within the smallest important change
        (75.0, 13.0, 1),  # an important improvement since the first score
    ]
    assert mine["runs"] == [
        {"date": (today - dt.timedelta(days=1)).isoformat(), "minutes": 25.0, "distance_m": 3750.0}
    ]
    assert mine["loads"] == [
        {"date": today.isoformat(), "exercise": "x", "load_kg": 4.0, "sets": 2, "reps": [11, 10]}
    ]
    url = f"/api/v1/clinician/patients/{world.a.pk}/outcomes?lang=de"
    assert token_client(world.tokens["a_clinician"]).get(url).json() == mine
    assert token_client(world.tokens["other_clinician"]).get(url).status_code == 404
