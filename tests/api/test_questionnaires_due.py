"""When to ask, through the API: the programmes' questionnaires at the start, none again
within a week, the clinician's additions and skips for one patient."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from strideback.core.content.library import default_library
from strideback.training.models import QuestionnaireResponse
from tests.api.conftest import World, session_client, token_client

pytestmark = pytest.mark.django_db


def due(world: World) -> list[str]:
    return [q["id"] for q in session_client(world.a).get("/api/v1/me/questionnaires/due").json()]


def test_every_programme_names_known_questionnaires() -> None:
    library = default_library()
    assert library.programme("anterior-knee-pain").questionnaires[0] == "kujala-akps"
    assert library.programme("plantar-heel-pain").questionnaires[0] == "ffi"
    assert all("psfs" in p.questionnaires for p in library.programmes.values())


def test_baseline_due_then_quiet_then_the_clinician_adds_and_skips(world: World) -> None:
    # A started 20 days ago: the baseline (without the GROC) is still due.
    assert due(world) == ["kujala-akps", "psfs"]
    QuestionnaireResponse.objects.create(
        user=world.a,
        questionnaire_id="kujala-akps",
        answered_on=timezone.localdate() - dt.timedelta(days=2),
        score=70,
    )
    assert due(world) == ["psfs"]  # the rest of the same card
    QuestionnaireResponse.objects.filter(user=world.a).update(
        answered_on=timezone.localdate() - dt.timedelta(days=8)
    )
    assert due(world) == ["psfs"]
    clinician = token_client(world.tokens["a_clinician"])
    url = f"/api/v1/clinician/patients/{world.a.pk}/questionnaires"
    response = clinician.put(
        url, {"add": ["ffi"], "skip": ["psfs"]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == {"add": ["ffi"], "skip": ["psfs"], "due": ["ffi"]}
    assert due(world) == ["ffi"]
    bad = clinician.put(url, {"add": ["koos-pf"]}, content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "add[0]"
    assert due(world) == ["ffi"]  # unchanged
    other = token_client(world.tokens["other_clinician"])
    assert other.put(url, {"add": []}, content_type="application/json").status_code == 404
