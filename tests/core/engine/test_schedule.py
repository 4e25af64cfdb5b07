"""The schedule: every other day, N a week, and missed sessions that never pile up."""

from __future__ import annotations

from datetime import timedelta

from strideback.core.content.models import Schedule
from strideback.core.engine import schedule
from tests.core.engine.helpers import START, day


def test_three_a_week_are_two_two_and_three_days_apart() -> None:
    assert schedule.spread(3) == (2, 2, 3)
    assert schedule.spread(1) == (7,)
    assert schedule.spread(7) == (1,) * 7


def test_every_other_day_is_a_gap_of_two() -> None:
    assert schedule.rhythm(Schedule(every_days=2)) == (2,)


def test_a_minimum_gap_means_fewer_sessions_rather_than_consecutive_days() -> None:
    assert schedule.rhythm(Schedule(per_week_min=3, per_week_max=5), min_gap=2) == (2, 2, 3)


def test_dates_cycle_through_the_gaps() -> None:
    assert schedule.dates(day(0), (2, 2, 3), day(9)) == [day(0), day(2), day(4), day(7), day(9)]


def test_a_missed_session_moves_to_today_and_never_piles_up() -> None:
    assert schedule.next_after(day(0), (2,), earliest=day(5)) == day(5)


def test_the_next_session_is_never_the_day_after_the_last() -> None:
    assert schedule.next_after(day(4), (2,), earliest=day(5)) == day(6)


def test_without_a_logged_session_the_calendar_rhythm_counts_from_the_start() -> None:
    assert schedule.on_calendar(START, (2,), day(5)) == day(6)
    assert schedule.on_calendar(START, (2,), day(6)) == day(6)
    assert schedule.on_calendar(START, (2, 2, 3), day(8)) == day(9)
    assert schedule.on_calendar(START, (2,), START - timedelta(days=3)) == START
