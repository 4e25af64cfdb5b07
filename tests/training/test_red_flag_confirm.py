"""A red-flag tick is shown back before anything is saved: the runner confirms it, or corrects
a tick they did not mean (without JavaScript); once saved, only a clinician lifts the stop, and
a clearance for a tick made by mistake is recorded as a correction."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import CareLink, CareLinkStatus, User
from strideback.clinic import notes, patients
from strideback.training.models import JournalEntry, RedFlagClearance


@pytest.mark.django_db
def test_a_tick_is_shown_back_and_nothing_is_saved_until_confirmed(
    logged_in: Client, runner: User
) -> None:
    logged_in.post("/start/", {"areas": ["heel"]})
    response = logged_in.post("/start/safety/", {"red_flags": ["heel_squeeze_pain"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Is this what you meant?" in html
    assert 'name="red_flags" value="heel_squeeze_pain"' in html
    assert not JournalEntry.objects.filter(user=runner).exists()
    assert "Have a clinician look" not in logged_in.get("/today/").content.decode()

    confirmed = logged_in.post(
        "/start/safety/", {"red_flags": ["heel_squeeze_pain"], "answer": "confirm"}
    )
    assert confirmed["Location"] == "/start/stop/"
    (check,) = JournalEntry.objects.filter(user=runner)
    assert check.red_flags == ["heel_squeeze_pain"]


@pytest.mark.django_db
def test_a_tick_not_meant_is_corrected_before_it_is_saved(logged_in: Client, runner: User) -> None:
    logged_in.post("/start/", {"areas": ["heel"]})
    back = logged_in.post(
        "/start/safety/", {"red_flags": ["heel_squeeze_pain"], "answer": "change"}
    ).content.decode()
    assert 'value="heel_squeeze_pain" checked' in back  # the form again, with the tick
    assert logged_in.post("/start/safety/", {})["Location"] == "/start/goal/"
    assert not JournalEntry.objects.filter(user=runner).exists()


@pytest.mark.django_db
def test_an_unknown_code_is_named_and_nothing_is_saved(logged_in: Client, runner: User) -> None:
    logged_in.post("/start/", {"areas": ["heel"]})
    response = logged_in.post("/start/safety/", {"red_flags": ["nonsense"], "answer": "confirm"})
    assert response.status_code == 400
    assert not JournalEntry.objects.filter(user=runner).exists()


@pytest.mark.django_db
def test_a_clinicians_clearance_of_a_mistaken_tick_is_recorded_as_a_correction(
    runner: User, logged_in: Client
) -> None:
    logged_in.post("/start/", {"areas": ["heel"]})
    logged_in.post("/start/safety/", {"red_flags": ["heel_squeeze_pain"], "answer": "confirm"})
    physio = patients.create_clinician("physio@example.org", "pw-long-enough", name="Mette")
    CareLink.objects.create(clinician=physio, runner=runner, status=CareLinkStatus.ACTIVE)
    notes.clear_red_flag(
        physio,
        runner,
        on=timezone.localdate(),
        note="Ticked by mistake, checked by phone",
        now=timezone.now(),
        by_mistake=True,
    )
    (clearance,) = RedFlagClearance.objects.filter(user=runner)
    assert clearance.by_mistake and clearance.cleared_by == physio
    assert "Have a clinician look" not in logged_in.get("/today/").content.decode()
    exported = logged_in.get("/settings/my-data.json").json()
    assert exported["clearances"][0]["by_mistake"] is True
    # The check stays in the journal as saved: the correction is a record next to it.
    assert JournalEntry.objects.get(user=runner).red_flags == ["heel_squeeze_pain"]
