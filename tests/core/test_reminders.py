"""The reminder rules (core.reminders): one a day at most, only when something is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from strideback.core.content.models import Dose
from strideback.core.reminders import (
    Channel,
    Kind,
    Planned,
    Prefs,
    Situation,
    about_minutes,
    dose_seconds,
    due,
    ignored_in_a_row,
)

MONDAY = dt.date(2026, 12, 7)
ON = Prefs(enabled=True, time=dt.time(18, 0), channels=frozenset({Channel.EMAIL}))
STRENGTH = Planned("strength", phase=2, exercises=6, minutes=35)
RUN = Planned("run", run_week=3, run_day=1, minutes=30)
QUIET = Situation(
    planned=(),
    logged_today=False,
    morning_pending=False,
    red_flag_stop=False,
    running_paused=False,
    sent_today=False,
    ignored_in_a_row=0,
    asked_keep=False,
)
PLANNED = replace(QUIET, planned=(STRENGTH,))


def at(hour: int, minute: int = 0, day: dt.date = MONDAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def test_a_planned_day_reminds_at_the_chosen_time_with_what_is_planned() -> None:
    assert due(ON, at(17, 59), PLANNED) is None
    found = due(ON, at(18, 0), PLANNED)
    assert found is not None and found.kind is Kind.SESSION and found.sessions == (STRENGTH,)


def test_nothing_when_off_without_a_channel_on_a_rest_day_or_once_logged() -> None:
    assert due(replace(ON, enabled=False), at(19), PLANNED) is None
    assert due(replace(ON, channels=frozenset()), at(19), PLANNED) is None
    assert due(ON, at(19), QUIET) is None
    assert due(ON, at(19), replace(PLANNED, logged_today=True)) is None


def test_never_during_a_red_flag_stop_and_at_most_one_a_day() -> None:
    assert due(ON, at(19), replace(PLANNED, red_flag_stop=True)) is None
    assert due(ON, at(19), replace(PLANNED, morning_pending=True, red_flag_stop=True)) is None
    assert due(ON, at(19), replace(PLANNED, sent_today=True)) is None


def test_a_run_is_no_reason_while_running_is_paused() -> None:
    runs = replace(QUIET, planned=(RUN,), running_paused=True)
    assert due(ON, at(19), runs) is None
    both = replace(QUIET, planned=(STRENGTH, RUN), running_paused=True)
    found = due(ON, at(19), both)
    assert found is not None and found.sessions == (STRENGTH,)


def test_chosen_weekdays_limit_the_session_reminders() -> None:
    weekends = replace(ON, weekdays=frozenset({5, 6}))
    assert due(weekends, at(19), PLANNED) is None  # a Monday
    saturday = MONDAY + dt.timedelta(days=5)
    assert due(weekends, at(19, day=saturday), PLANNED) is not None


def test_the_morning_after_a_session_asks_for_this_mornings_pain() -> None:
    found = due(ON, at(18), replace(QUIET, morning_pending=True))
    assert found is not None and found.kind is Kind.MORNING
    both = due(ON, at(18), replace(PLANNED, morning_pending=True))
    assert both is not None and both.kind is Kind.SESSION and both.morning_too


def test_after_three_ignored_it_asks_once_then_stays_quiet() -> None:
    assert due(ON, at(19), replace(PLANNED, ignored_in_a_row=2)).kind is Kind.SESSION  # type: ignore[union-attr]
    asked = due(ON, at(19), replace(PLANNED, ignored_in_a_row=3))
    assert asked is not None and asked.kind is Kind.ASK_KEEP
    assert due(ON, at(19), replace(QUIET, ignored_in_a_row=3)) is None  # nothing due: no ask
    assert due(ON, at(19), replace(PLANNED, ignored_in_a_row=3, asked_keep=True)) is None


def test_ignored_in_a_row_counts_the_newest_until_one_was_acted_on() -> None:
    assert ignored_in_a_row([]) == 0
    assert ignored_in_a_row([False, False, True, False]) == 2
    assert ignored_in_a_row([True, False, False]) == 0


@pytest.mark.parametrize(
    ("dose", "seconds"),
    [
        # 3 x 10 at 3-2-3 s, 60 s rests: 10 + 3*80 + 2*60
        (Dose(sets=3, reps=10, tempo_seconds=[3, 2, 3]), 10 + 240 + 120),
        # 2 x 30 s each side, 30 s rest: 10 + 2*(30+5+30) + 30
        (Dose(sets=2, hold_seconds=30, per_side=True, rest_seconds=30), 10 + 130 + 30),
        # 1 x 5 holds of 10 s: 10 + 5*13
        (Dose(sets=1, reps=5, hold_seconds=10), 10 + 65),
    ],
)
def test_a_dose_takes_as_long_as_the_player_paces_it(dose: Dose, seconds: int) -> None:
    assert dose_seconds(dose) == seconds


def test_about_minutes_rounds_to_five_and_is_never_zero() -> None:
    three_by_ten = Dose(sets=3, reps=10, tempo_seconds=[3, 2, 3])  # 370 s
    assert about_minutes([three_by_ten] * 6) == 35  # 2220 s = 37 min
    assert about_minutes([Dose(sets=1, reps=1)]) == 5
