"""Calendar: past sessions (done, missed as the plan stood each day, painful), the plan ahead,
phase boundaries, run weeks, and the .ics download and private subscription."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from strideback.accounts.models import User
from strideback.errors import InputError
from strideback.training import calendar, followed, onboarding

from .conftest import ON

DAY = dt.timedelta(days=1)


def _marks(page: calendar.CalendarPage) -> dict[dt.date, list[tuple[str, str]]]:
    return {d.date: [(m.kind, m.status) for m in d.marks] for w in page.weeks for d in w.days}


@pytest.mark.django_db
def test_done_painful_and_missed_sessions_then_the_plan_ahead(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    start = ON - 8 * DAY
    enrolled(runner, start=start, on=ON)
    log(runner, start, pain_during=0)  # done
    log(runner, start + 2 * DAY, pain_during=3)  # painful: the limit is 0
    # start + 4 days: nothing logged -> missed; then logged on start + 5
    log(runner, start + 5 * DAY, pain_during=0)
    page = calendar.calendar(runner, start, ON + 6 * DAY, ON, "en")
    marks = _marks(page)
    assert marks[start] == [("strength", "done")]
    assert marks[start + 2 * DAY] == [("strength", "painful")]
    assert marks[start + 4 * DAY] == [("strength", "missed")]
    assert marks[start + 5 * DAY] == [("strength", "done")]
    assert ("strength", "missed") in marks[start + 7 * DAY]
    ahead = [d for d, m in marks.items() if d >= ON and ("strength", "planned") in m]
    assert ahead and all(b - a >= 2 * DAY for a, b in zip(ahead, ahead[1:], strict=False))


@pytest.mark.django_db
def test_phase_boundaries_appear_in_the_plan_ahead(
    runner: User, enrolled: Callable[..., Any]
) -> None:
    start = ON - 26 * DAY
    enrolled(runner, start=start, on=ON)
    page = calendar.calendar(runner, ON, ON + 30 * DAY, ON, "en")
    events = [e for w in page.weeks for d in w.days for e in d.events]
    assert any(e.startswith("Phase 2 begins") for e in events)


@pytest.mark.django_db
def test_run_weeks_are_marked_for_a_run_plan(runner: User, enrolled: Callable[..., Any]) -> None:
    enrolled(runner, ("return-to-run-5k",))
    page = calendar.calendar(runner, ON, ON + 20 * DAY, ON, "en")
    events = [e for w in page.weeks for d in w.days for e in d.events]
    assert "Run week 1" in events and "Run week 2" in events


@pytest.mark.django_db
def test_a_range_of_more_than_two_months_is_refused(runner: User) -> None:
    with pytest.raises(InputError) as err:
        calendar.calendar(runner, ON, ON + 100 * DAY, ON, "en")
    assert err.value.field == "end"


@pytest.mark.django_db
def test_ics_has_the_plan_ahead_and_what_was_done(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner, start=ON - 2 * DAY, on=ON)
    log(runner, ON - 2 * DAY, pain_during=0)
    body = calendar.calendar_ics(runner, ON, "da", "https://strideback.example")
    cal = Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    assert events
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts[0] == ON - 2 * DAY
    summaries = [str(e["summary"]) for e in events]
    assert summaries[0].startswith("✓ Træning: Træning ved smerter foran i knæet")
    assert any(str(e.get("url", "")).startswith("https://strideback.example/play/") for e in events)
    assert len({str(e["uid"]) for e in events}) == len(events)


@pytest.mark.django_db
def test_the_subscription_needs_only_the_token_and_a_reset_kills_the_old_url(
    client: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, start=timezone.localdate())
    token = onboarding.profile(runner).calendar_token
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content
    new = calendar.reset_calendar_token(runner)
    assert new != token
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


@pytest.mark.django_db
def test_the_reset_button_and_the_download_need_a_login(
    client: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    assert client.get("/calendar/download.ics")["Location"].startswith("/login/")
    client.force_login(runner)
    enrolled(runner, start=timezone.localdate())
    old = onboarding.profile(runner).calendar_token
    assert client.post("/calendar/reset-link/").status_code == 302
    assert onboarding.profile(runner).calendar_token != old
    download = client.get("/calendar/download.ics")
    assert download["Content-Disposition"] == 'attachment; filename="strideback.ics"'


@pytest.mark.django_db
def test_the_calendar_page_lists_the_month_and_the_private_link(
    logged_in: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, start=timezone.localdate())
    html = logged_in.get("/calendar/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    token = onboarding.profile(runner).calendar_token
    assert f"webcal://testserver/calendar/{token}.ics" in html
    assert "planlagt" in html
    assert logged_in.get("/calendar/?month=2027-01").status_code == 200


@pytest.mark.django_db
def test_a_bad_month_names_the_field(logged_in: Client) -> None:
    response = logged_in.get("/calendar/?month=2026-13")
    assert response.status_code == 400
    assert response.content.decode().startswith("Month: give the month as YYYY-MM")


def _run(
    log: Callable[..., Any], runner: User, day: dt.date, week: int, n: int, pain: int = 0
) -> Any:
    """A run logged as done: week ``week``, day ``n`` of the run plan."""
    return log(runner, day, kind="run", run_week=week, run_day=n, pain_during=pain, run_minutes=20)


@pytest.mark.django_db
def test_a_run_the_plan_called_for_and_nobody_logged_is_missed_once(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    start = ON - 14 * DAY
    enrolled(runner, ("return-to-run-5k",), start=start)
    _run(log, runner, start, 1, 1)
    _run(log, runner, start + 2 * DAY, 1, 2)
    _run(log, runner, start + 9 * DAY, 1, 3)  # a week without running before this one
    marks = _marks(calendar.calendar(runner, start, ON + 4 * DAY, ON, "en"))
    # Three runs a week: every other day. The next run (week 1, day 3) was due on day 4 and is
    # missed on days 4, 6 and 8, not on every day of the week without running.
    for days in (4, 6, 8):
        assert marks[start + days * DAY] == [("run", "missed")]
    for days in (1, 3, 5, 7):
        assert start + days * DAY not in marks
    assert marks[start + 9 * DAY] == [("run", "done")]
    page = calendar.calendar(runner, start, ON, ON, "en")
    missed = [m for w in page.weeks for d in w.days for m in d.marks if m.status == "missed"]
    assert (missed[0].run_week, missed[0].run_day) == (1, 3)  # the run that was due


@pytest.mark.django_db
def test_no_run_is_missed_while_painful_running_is_paused(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    start = ON - 14 * DAY
    enrolled(runner, ("return-to-run-5k",), start=start)
    _run(log, runner, start, 1, 1)
    _run(log, runner, start + 2 * DAY, 1, 2, pain=7)  # over the limit: running pauses
    page = calendar.calendar(runner, start, ON, ON, "en")
    missed = [d.date for w in page.weeks for d in w.days for m in d.marks if m.status == "missed"]
    state = followed.followed(runner, start + 3 * DAY, days=1)[0].state
    assert state.running.paused and state.running.restart_on is not None
    assert missed and min(missed) >= state.running.restart_on


@pytest.mark.django_db
def test_nothing_is_missed_while_a_red_flag_stops_the_plan_until_it_is_cleared(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    from strideback.training.models import RedFlagClearance

    start = ON - 14 * DAY
    enrolled(runner, start=start)
    log(runner, start, pain_during=0)
    log(runner, start + 3 * DAY, kind="check", red_flags=["knee_locked"])
    marks = _marks(calendar.calendar(runner, start, ON, ON, "en"))
    missed = [day for day, m in marks.items() if ("strength", "missed") in m]
    assert missed == [start + 2 * DAY]  # before the stop; nothing after it
    RedFlagClearance.objects.create(user=runner, cleared_on=start + 8 * DAY)
    marks = _marks(calendar.calendar(runner, start, ON, ON, "en"))
    missed = [day for day, m in marks.items() if ("strength", "missed") in m]
    assert missed[0] == start + 2 * DAY
    assert missed[1] >= start + 8 * DAY  # the plan resumed on the day it was cleared


@pytest.mark.django_db
def test_the_calendar_file_leaves_missed_sessions_out(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    enrolled(runner, ("return-to-run-5k",), start=ON - 6 * DAY)
    _run(log, runner, ON - 6 * DAY, 1, 1)
    assert ("run", "missed") in _marks(calendar.calendar(runner, ON - 6 * DAY, ON, ON, "en"))[
        ON - 4 * DAY
    ]
    events = list(Calendar.from_ical(calendar.calendar_ics(runner, ON, "en")).walk("VEVENT"))
    assert [e.decoded("dtstart") for e in events if e.decoded("dtstart") < ON] == [ON - 6 * DAY]
