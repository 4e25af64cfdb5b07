"""Load entry in the player for repetition-maximum exercises: the panel after each set, today's
proposed load with its reason and source, the same load API and words in four languages."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import Role, User
from strideback.training.models import Enrollment, SetLoad

pytestmark = pytest.mark.django_db

HEEL = "single-leg-heel-raise-towel"


def heel_runner(days_in: int, programme: str = "plantar-heel-pain") -> tuple[User, Client]:
    user = User.objects.create_user(f"h{days_in}@example.org", "pw-12345678", role=Role.RUNNER)
    start = timezone.localdate() - dt.timedelta(days=days_in)
    Enrollment.objects.create(user=user, programme_id=programme, start=start)
    client = Client()
    client.force_login(user)
    return user, client


def player(client: Client) -> str:
    day = timezone.localdate().isoformat()
    return client.get(f"/play/{day}/strength/").content.decode()


def rm_loads(html: str) -> dict:  # type: ignore[type-arg]
    found = re.search(r'<script id="rm-loads" type="application/json">(.*?)</script>', html)
    assert found, "no load data on the page"
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_the_player_asks_for_load_and_reps_of_the_heel_raise(db: None) -> None:
    _, client = heel_runner(16)  # phase 2: 4 x 10RM with a backpack
    html = player(client)
    assert 'data-ui="load"' in html and 'id="load-kg"' in html and 'id="load-reps"' in html
    assert 'src="/static/strideback/loads.js"' in html
    data = rm_loads(html)[HEEL]
    assert data["target_reps"] == 10 and data["load_kg"] is None
    assert data["reason"].startswith("Find the load at which 10 reps are the most you can do")
    assert "Rathleff 2015" in data["source"]
    assert "<script>" not in html and " onclick=" not in html


def test_todays_proposal_follows_the_last_session(db: None) -> None:
    user, client = heel_runner(16)
    before = timezone.localdate() - dt.timedelta(days=2)
    for n, reps in enumerate((13, 12, 12, 12), start=1):
        SetLoad.objects.create(
            user=user, date=before, exercise=HEEL, set_number=n, load_kg=4, reps=reps
        )
    data = rm_loads(player(client))[HEEL]
    assert data["load_kg"] == 6.0
    assert data["reason"] == (
        "Last time 12 reps in the last set at 4 kg, more than the 10 aimed for: "
        "add 2 kg, 6 kg next time."
    )
    assert data["source"] == (
        "Source: the 10-rep maximum is Rathleff 2015's (seed 004); "
        "the kilograms per rep are Strideback's own."
    )


def test_a_set_saved_from_the_player_is_one_row_and_the_next_load_has_its_words(
    db: None,
) -> None:
    user, client = heel_runner(16)
    today = timezone.localdate().isoformat()
    url = f"/api/v1/me/loads/{today}/{HEEL}/1"
    token = client.get(f"/play/{today}/strength/").cookies["csrftoken"].value
    for _ in range(2):  # a double tap
        response = client.put(
            url, {"load_kg": 5, "reps": 7}, content_type="application/json", HTTP_X_CSRFTOKEN=token
        )
        assert response.status_code in (200, 201)
    assert SetLoad.objects.filter(user=user).count() == 1
    advice = client.get(f"/api/v1/me/loads/next?exercise={HEEL}&on={today}&lang=de").json()
    assert advice["action"] == "reduce"
    assert advice["reason"].startswith("Letztes Mal 7 Wiederholungen im ersten Satz mit 5 kg")
    assert "Rathleff 2015" in advice["source_text"]
    # The player shows what was logged today, to correct a set rather than add one.
    assert rm_loads(player(client))[HEEL]["logged"] == {"1": {"load_kg": 5.0, "reps": 7}}


def test_phase_one_is_body_weight_and_a_knee_programme_has_no_load_panel(db: None) -> None:
    _, client = heel_runner(2)
    data = rm_loads(player(client))[HEEL]
    assert data["body_weight"] is True
    assert data["reason"] == "This phase uses your body weight only: 12 slow reps."
    _, knee = heel_runner(4, "anterior-knee-pain")
    html = player(knee)
    assert 'data-ui="load"' not in html and "loads.js" not in html
