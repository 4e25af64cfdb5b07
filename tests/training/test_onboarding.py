"""Onboarding: where it hurts, the red-flag questions, the goal and the matching programmes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.engine.red_flags import RedFlag
from strideback.errors import InputError
from strideback.training import onboarding
from strideback.training.models import Enrollment, EntryKind, JournalEntry, RedFlagClearance

from .conftest import ON


def test_front_of_knee_and_5k_suggest_strength_its_run_plan_and_mobility() -> None:
    found = onboarding.suggestions(["front_of_knee"], "back_to_5k")
    assert [s.programme_id for s in found] == [
        "anterior-knee-pain",
        "return-to-run-5k",
        "runners-knee-mobility",
    ]
    assert [s.preselected for s in found] == [True, True, False]
    assert found[1].companion_of == "anterior-knee-pain"


def test_without_the_5k_goal_there_is_no_run_plan() -> None:
    found = onboarding.suggestions(["front_of_knee"], "keep_running")
    assert "return-to-run-5k" not in [s.programme_id for s in found]


@pytest.mark.parametrize(
    ("area", "programme"),
    [
        ("inside_of_knee", "medial-knee-pain"),
        ("outside_of_knee", "leg-axis"),
        ("heel", "plantar-heel-pain"),
    ],
)
def test_each_area_maps_to_its_programme(area: str, programme: str) -> None:
    assert [s.programme_id for s in onboarding.suggestions([area], "keep_running")] == [programme]


def test_knee_and_heel_together_suggest_both(db: Any) -> None:
    ids = [
        s.programme_id for s in onboarding.suggestions(["front_of_knee", "heel"], "keep_running")
    ]
    assert ids == ["anterior-knee-pain", "runners-knee-mobility", "plantar-heel-pain"]


def test_red_flag_questions_follow_the_areas() -> None:
    heel = onboarding.red_flag_questions(["heel"])
    knee = onboarding.red_flag_questions(["inside_of_knee"])
    assert RedFlag.HEEL_SQUEEZE_PAIN in heel and RedFlag.KNEE_LOCKED not in heel
    assert RedFlag.KNEE_LOCKED in knee and RedFlag.HEEL_SQUEEZE_PAIN not in knee
    assert RedFlag.CALF_SWELLING in heel and RedFlag.CALF_SWELLING in knee


@pytest.mark.django_db
def test_unknown_areas_are_refused_naming_the_field(runner: User) -> None:
    with pytest.raises(InputError) as err:
        onboarding.save_areas(runner, ["elbow"])
    assert err.value.field == "areas"
    with pytest.raises(InputError):
        onboarding.save_areas(runner, [])


@pytest.mark.django_db
def test_any_yes_stores_a_check_and_stops_until_cleared(runner: User) -> None:
    flags = onboarding.screen_red_flags(runner, ["numbness_or_tingling", "knee_changed_shape"], ON)
    assert flags == [RedFlag.KNEE_CHANGED_SHAPE, RedFlag.NUMBNESS_OR_TINGLING]
    entry = JournalEntry.objects.get(user=runner)
    assert entry.kind == EntryKind.CHECK
    assert sorted(entry.red_flags) == ["knee_changed_shape", "numbness_or_tingling"]
    assert onboarding.red_flag_stop(runner) == flags
    onboarding.save_areas(runner, ["front_of_knee"])
    with pytest.raises(InputError) as err:
        onboarding.enroll(runner, ["anterior-knee-pain"], ON, ON)
    assert err.value.field == "red_flags"
    RedFlagClearance.objects.create(user=runner, cleared_on=ON + dt.timedelta(days=3))
    assert onboarding.red_flag_stop(runner) == []
    onboarding.enroll(runner, ["anterior-knee-pain"], ON + dt.timedelta(days=3), ON)


@pytest.mark.django_db
def test_all_no_stores_nothing_and_lets_the_runner_go_on(runner: User) -> None:
    assert onboarding.screen_red_flags(runner, [], ON) == []
    assert not JournalEntry.objects.filter(user=runner).exists()


@pytest.mark.django_db
def test_enrolling_twice_keeps_one_enrollment_and_more_than_one_programme_is_fine(
    runner: User,
) -> None:
    onboarding.save_areas(runner, ["front_of_knee", "heel"])
    onboarding.enroll(runner, ["anterior-knee-pain", "plantar-heel-pain"], ON, ON)
    onboarding.enroll(runner, ["anterior-knee-pain"], ON, ON)
    ids = sorted(Enrollment.objects.filter(user=runner).values_list("programme_id", flat=True))
    assert ids == ["anterior-knee-pain", "plantar-heel-pain"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ids", "start", "field"),
    [
        ([], ON, "programmes"),
        (["no-such-programme"], ON, "programmes"),
        (["leg-axis"], ON - dt.timedelta(days=60), "start"),
        (["leg-axis"], ON + dt.timedelta(days=200), "start"),
    ],
)
def test_enroll_refuses_bad_input_and_names_the_field(
    runner: User, ids: list[str], start: dt.date, field: str
) -> None:
    with pytest.raises(InputError) as err:
        onboarding.enroll(runner, ids, start, ON)
    assert err.value.field == field
    assert not Enrollment.objects.filter(user=runner).exists()


# --- the pages ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_whole_onboarding_in_danish_ends_on_today(logged_in: Client, runner: User) -> None:
    da = {"HTTP_ACCEPT_LANGUAGE": "da"}
    page = logged_in.get("/start/", **da).content.decode()
    assert "Hvor gør det ondt?" in page
    assert 'for="area-heel"' in page, "the body picture's spots are labels for the list"
    assert logged_in.post("/start/", {"areas": ["front_of_knee"]}, **da)["Location"] == (
        "/start/safety/"
    )
    assert logged_in.get("/start/safety/", **da).status_code == 200
    assert logged_in.post("/start/safety/", {}, **da)["Location"] == "/start/goal/"
    today = timezone.localdate()
    response = logged_in.post(
        "/start/goal/", {"goal": "back_to_5k", "start": today.isoformat()}, **da
    )
    assert response["Location"] == f"/start/programmes/?start={today.isoformat()}"
    page = logged_in.get(response["Location"], **da).content.decode()
    assert "Tilbage til løb – 5 km på 12 uger" in page
    assert "Dit mål er 5 km" in page
    done = logged_in.post(
        "/start/programmes/",
        {"programmes": ["anterior-knee-pain", "return-to-run-5k"], "start": today.isoformat()},
        **da,
    )
    assert done["Location"] == "/start/reminders/"  # the last step: reminders, opt-in
    assert Enrollment.objects.filter(user=runner).count() == 2


@pytest.mark.django_db
def test_no_area_ticked_is_an_error_that_names_the_field(logged_in: Client) -> None:
    response = logged_in.post("/start/", {})
    assert response.status_code == 400
    assert "Where it hurts: pick at least one place." in response.content.decode()


@pytest.mark.django_db
def test_a_yes_in_the_safety_questions_shows_the_stop_and_no_programme(
    logged_in: Client, runner: User
) -> None:
    logged_in.post("/start/", {"areas": ["heel"]})
    response = logged_in.post(
        "/start/safety/", {"red_flags": ["heel_squeeze_pain"], "answer": "confirm"}
    )
    assert response["Location"] == "/start/stop/"
    page = logged_in.get("/start/stop/").content.decode()
    assert "Have a clinician look at this first" in page
    assert "Within a few days" in page
    assert logged_in.get("/start/goal/")["Location"] == "/start/stop/"
    assert logged_in.get("/today/").status_code == 200
    assert "Have a clinician look at this first" in logged_in.get("/today/").content.decode()
    assert not Enrollment.objects.filter(user=runner).exists()


@pytest.mark.django_db
def test_goal_errors_name_the_field(logged_in: Client) -> None:
    logged_in.post("/start/", {"areas": ["heel"]})
    response = logged_in.post("/start/goal/", {"goal": "marathon", "start": "someday"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Goal: pick one of the two goals." in html
    assert "Start date: enter a date" in html


@pytest.mark.django_db
def test_picking_no_programme_names_the_field(logged_in: Client, runner: User) -> None:
    logged_in.post("/start/", {"areas": ["heel"]})
    onboarding.save_goal(runner, "keep_running")
    response = logged_in.post("/start/programmes/", {"start": ON.isoformat()})
    assert response.status_code == 400
    assert "Programmes: pick at least one programme." in response.content.decode()


@pytest.mark.django_db
def test_today_sends_a_new_runner_to_onboarding(logged_in: Client) -> None:
    assert logged_in.get("/today/")["Location"] == "/start/"


def test_suggestions_speak_the_language() -> None:
    found = onboarding.suggestions(["heel"], "keep_running", "de")
    assert found[0].title == "Fersenschmerz, schweres Fersenheben"


@pytest.mark.django_db
def test_a_runner_may_add_a_programme_later(
    runner: User, enrolled: Callable[..., Any], logged_in: Client
) -> None:
    enrolled(runner)
    logged_in.post("/start/", {"areas": ["heel"]})
    logged_in.post("/start/safety/", {})
    onboarding.save_goal(runner, "keep_running")
    logged_in.post(
        "/start/programmes/", {"programmes": ["plantar-heel-pain"], "start": ON.isoformat()}
    )
    assert Enrollment.objects.filter(user=runner, active=True).count() == 2


@pytest.mark.django_db
def test_a_start_date_too_far_ahead_is_caught_on_the_goal_page(logged_in: Client) -> None:
    logged_in.post("/start/", {"areas": ["heel"]})
    far = timezone.localdate() + dt.timedelta(days=200)
    response = logged_in.post("/start/goal/", {"goal": "keep_running", "start": far.isoformat()})
    assert response.status_code == 400
    assert "Start date: enter a date from the last four weeks" in response.content.decode()


@pytest.mark.django_db
def test_not_a_diagnosis_is_said_once_on_each_page(logged_in: Client, runner: User) -> None:
    """Say "not a diagnosis" once (the footer gives way where the page says it)."""
    said = "training advice, not a diagnosis"
    assert logged_in.get("/start/").content.decode().count(said) == 1  # onboarding
    logged_in.post("/start/", {"areas": ["heel"]})
    logged_in.post("/start/safety/", {"red_flags": ["heel_squeeze_pain"], "answer": "confirm"})
    for page in ("/start/stop/", "/today/", "/calendar/", "/settings/"):
        assert logged_in.get(page).content.decode().count(said) == 1, page
