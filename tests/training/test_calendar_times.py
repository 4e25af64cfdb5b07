"""The calendar file with a reminder time: planned sessions at that time in the runner's own
time zone, with an alarm and the exercise list; without one, all-day events as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar

from strideback.accounts.models import User
from strideback.training import calendar, reminders

MONDAY = dt.date(2026, 11, 23)


def planned_events(user: User, lang: str = "en") -> list[Any]:
    cal = Calendar.from_ical(calendar.calendar_ics(user, MONDAY, lang))  # type: ignore[arg-type]
    zones = [str(z["tzid"]) for z in cal.walk("VTIMEZONE")]
    assert zones in ([], [reminders.choices(user).time_zone])
    return [e for e in cal.walk("VEVENT") if not str(e["summary"]).startswith("✓")]


def test_a_reminder_time_puts_the_sessions_at_it_with_an_alarm_and_the_exercises(
    runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, start=MONDAY)
    reminders.save_choices(runner, True, "18:30", ["email"], time_zone="Europe/Berlin")
    first = planned_events(runner)[0]
    start = first.decoded("dtstart")
    assert start == dt.datetime(2026, 11, 23, 18, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    minutes = (first.decoded("dtend") - start).total_seconds() / 60
    assert 20 <= minutes <= 60 and minutes % 5 == 0
    (alarm,) = first.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY" and alarm.decoded("trigger") == dt.timedelta(0)
    lines = str(first["description"]).splitlines()
    assert len(lines) == 6 and all(": " in line for line in lines)
    assert any("×" in line for line in lines)  # each with its dose, e.g. '3 × 10 ...'


def test_without_a_reminder_time_the_sessions_stay_all_day_without_alarms(
    runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, start=MONDAY)
    events = planned_events(runner)
    assert events and all(type(e.decoded("dtstart")) is dt.date for e in events)
    assert not any(e.walk("VALARM") for e in events)
    reminders.save_choices(runner, True, "07:00", ["push"])
    reminders.save_choices(runner, False, "07:00", ["push"])  # turned off again
    assert all(type(e.decoded("dtstart")) is dt.date for e in planned_events(runner))
