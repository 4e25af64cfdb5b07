"""Today: the session and why, a rest day with the next date, ice advice, the run of the day,
and the next-morning check first thing after a session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.errors import InputError
from strideback.training import calendar, onboarding, programmes, today
from strideback.training import morning as morning_check
from strideback.training.models import JournalEntry

from .conftest import ON

DAY = dt.timedelta(days=1)


@pytest.mark.django_db
def test_day_one_has_the_phase_one_session_with_doses(
    runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner)
    page = today.today(runner, ON, "en")
    (track,) = page.tracks
    assert track.programme_id == "anterior-knee-pain"
    assert (track.phase, track.week, track.status) == (1, 1, "active")
    assert track.headline
    (session,) = track.today
    assert session.kind == "strength"
    assert session.play_url == f"/play/{ON.isoformat()}/strength/?programme=anterior-knee-pain"
    assert session.items[0].dose.startswith("3 × 10 reps")
    assert not session.done


@pytest.mark.django_db
def test_the_day_after_a_session_is_a_rest_day_with_the_next_date(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner)
    log(runner, ON, pain_during=0, pain_after=0)
    page = today.today(runner, ON + DAY, "en")
    (track,) = page.tracks
    assert track.today == ()
    assert track.next_session is not None
    assert track.next_session.date == ON + 2 * DAY


@pytest.mark.django_db
def test_a_logged_session_shows_as_done(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner)
    log(runner, ON, pain_during=0)
    (session,) = today.today(runner, ON, "en").tracks[0].today
    assert session.done


@pytest.mark.django_db
def test_a_session_ended_early_shows_as_done_today_and_ended_early_in_the_calendar(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner, start=ON - 2 * dt.timedelta(days=1))
    log(runner, ON, pain_during=1, completed=False, sets_done=9)  # 9 of 18 sets, then End
    (track,) = today.today(runner, ON, "en").tracks
    (session,) = track.today
    assert session.done  # not "Rest day today"
    page = calendar.calendar(runner, ON, ON, ON, "en")
    (mark,) = [m for w in page.weeks for d in w.days for m in d.marks]
    assert mark.status == "partial"
    log(runner, ON - dt.timedelta(days=2), completed=False, sets_done=0)  # opened, did nothing
    page = calendar.calendar(runner, ON - dt.timedelta(days=2), ON, ON, "en")
    statuses = {d.date: [m.status for m in d.marks] for w in page.weeks for d in w.days}
    assert statuses[ON - dt.timedelta(days=2)] == ["skipped"]


@pytest.mark.django_db
def test_pain_or_swelling_brings_the_ice_advice(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner)
    log(runner, ON, pain_during=3, pain_after=4, swelling=True)
    page = today.today(runner, ON + DAY, "en")
    assert page.ice is not None
    assert "20 minutes every 2 hours" in page.ice
    calm = today.today(runner, ON + 10 * DAY, "en")
    assert calm.ice is None


@pytest.mark.django_db
def test_two_programmes_each_get_their_card(runner: User, enrolled: Callable[..., Any]) -> None:
    enrolled(runner, ("anterior-knee-pain", "plantar-heel-pain"), areas=("front_of_knee", "heel"))
    page = today.today(runner, ON, "da")
    assert [t.programme_id for t in page.tracks] == ["anterior-knee-pain", "plantar-heel-pain"]
    assert page.tracks[1].title == "Hælsmerter, tung tåhævning"


@pytest.mark.django_db
def test_the_run_plan_waits_for_phase_four(runner: User, enrolled: Callable[..., Any]) -> None:
    enrolled(runner, ("anterior-knee-pain", "return-to-run-5k"))
    (track,) = today.today(runner, ON, "en").tracks
    assert not track.running_allowed
    assert track.running_text
    assert all(s.kind == "strength" for s in track.today)


@pytest.mark.django_db
def test_a_run_plan_on_its_own_has_a_run_today(runner: User, enrolled: Callable[..., Any]) -> None:
    enrolled(runner, ("return-to-run-5k",))
    (track,) = today.today(runner, ON, "en").tracks
    assert track.running_allowed
    (run,) = track.today
    assert run.kind == "run"
    assert (run.run_week, run.run_day) == (1, 1)
    assert run.segments and run.minutes == sum(g.minutes for g in run.segments)


@pytest.mark.django_db
def test_red_flags_in_a_later_check_stop_the_plan(
    runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner)
    onboarding.screen_red_flags(runner, ["calf_swelling"], ON + DAY)
    page = today.today(runner, ON + DAY, "en")
    assert page.tracks == ()
    assert [(f.code, f.urgency) for f in page.stop] == [("calf_swelling", "same_day")]


# --- the next-morning check --------------------------------------------------------------


@pytest.mark.django_db
def test_the_morning_after_a_session_asks_for_this_mornings_pain(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner)
    log(runner, ON, pain_during=1, pain_after=2)
    morning = today.today(runner, ON + DAY, "en").morning
    assert morning is not None
    assert morning.yesterday == ON
    assert morning.suggested == 2, "one tap from right: last night's pain"
    assert morning.limit == 0
    morning_check.record_next_morning(runner, 1, ON + DAY)
    assert JournalEntry.objects.get(user=runner, date=ON).pain_next_morning == 1
    assert today.today(runner, ON + DAY, "en").morning is None


@pytest.mark.django_db
def test_the_morning_value_can_be_corrected_and_is_checked(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner)
    log(runner, ON)
    morning_check.record_next_morning(runner, 4, ON + DAY)
    morning_check.record_next_morning(runner, 3, ON + DAY)
    assert JournalEntry.objects.get(user=runner, date=ON).pain_next_morning == 3
    for bad in (-1, 11, True):
        with pytest.raises(InputError) as err:
            morning_check.record_next_morning(runner, bad, ON + DAY)  # type: ignore[arg-type]
        assert err.value.field == "pain"


@pytest.mark.django_db
def test_a_morning_without_a_session_yesterday_is_kept_as_a_check(runner: User) -> None:
    (row,) = morning_check.record_next_morning(runner, 2, ON)
    (again,) = morning_check.record_next_morning(runner, 1, ON)
    assert row.pk == again.pk
    assert (again.kind, again.pain_next_morning) == ("check", 1)


@pytest.mark.django_db
def test_today_page_asks_the_morning_question_first_then_shows_the_day(
    logged_in: Client, runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    on = timezone.localdate()
    enrolled(runner, start=on - DAY, on=on)
    log(runner, on - DAY, pain_after=1)
    page = logged_in.get("/today/").content.decode()
    assert "How does it feel this morning?" in page
    assert 'name="pain" value="10"' in page
    assert "10 = worst imaginable" in page
    assert logged_in.post("/today/morning/", {"pain": "0"})["Location"] == "/today/"
    page = logged_in.get("/today/").content.decode()
    assert "Thanks, that&#x27;s saved." in page
    assert "Today's training" in page


@pytest.mark.django_db
def test_a_bad_morning_value_names_the_field(
    logged_in: Client, runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    on = timezone.localdate()
    enrolled(runner, start=on - DAY, on=on)
    log(runner, on - DAY)
    logged_in.post("/today/morning/", {"pain": "12"})
    page = logged_in.get("/today/?later=1").content.decode()
    assert "Pain this morning: pick a number from 0 to 10." in page


@pytest.mark.django_db
def test_today_page_shows_exercises_and_links_to_the_player(
    logged_in: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    on = timezone.localdate()
    enrolled(runner, ("plantar-heel-pain",), start=on, areas=("heel",))
    page = logged_in.get("/today/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Einbeiniges Fersenheben" in page or "Fersenheben" in page
    assert f'href="/play/{on.isoformat()}/strength/?programme=plantar-heel-pain"' in page
    assert "Training starten" in page


@pytest.mark.django_db
def test_after_stopping_every_programme_today_offers_to_find_one(
    logged_in: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    (enrollment,) = enrolled(runner, start=timezone.localdate())
    programmes.stop_programme(runner, enrollment.pk)
    html = logged_in.get("/today/").content.decode()
    assert "You're not following a programme right now." in html
    assert 'href="/start/"' in html
