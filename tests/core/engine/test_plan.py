"""evaluate and plan: the state on a day and the sessions of the coming days; red flags stop
everything; the programme given is the programme used; properties over random journals."""

from __future__ import annotations

import random
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.core.engine.decision import Action, Code
from strideback.core.engine.journal import EntryKind, JournalEntry, Pain
from strideback.core.engine.plan import Plan, plan
from strideback.core.engine.red_flags import RedFlag
from strideback.core.engine.state import Status, evaluate
from tests.core.engine.helpers import (
    START,
    day,
    every_other_day,
    flag,
    knee_programme,
    run,
    run_plan,
    runs,
)

KNEE = knee_programme()
RUN = run_plan()


def dates_of(p: Plan, kind: EntryKind) -> list[date]:
    return [s.date for s in p.sessions if s.kind is kind]


def test_strength_sessions_are_planned_every_other_day_from_the_start() -> None:
    p = plan(KNEE, START, [], START, run_plan=RUN, days=14)
    assert dates_of(p, EntryKind.STRENGTH) == [day(n) for n in range(0, 14, 2)]
    first = p.sessions[0]
    assert (first.phase, first.week) == (1, 1)
    assert [i.exercise for i in first.items] == ["plank", "bridge-1", "band-walk"]


def test_a_missed_session_moves_to_the_next_day_and_never_piles_up() -> None:
    p = plan(KNEE, START, [every_other_day(0, 0)[0]], day(5), run_plan=RUN, days=6)
    assert dates_of(p, EntryKind.STRENGTH) == [day(5), day(7), day(9)]


def test_the_day_after_a_session_is_never_a_strength_day() -> None:
    p = plan(KNEE, START, every_other_day(0, 4), day(5), run_plan=RUN, days=4)
    assert dates_of(p, EntryKind.STRENGTH) == [day(6), day(8)]


def test_a_session_logged_today_is_done() -> None:
    p = plan(KNEE, START, every_other_day(0, 4), day(4), run_plan=RUN, days=3)
    assert dates_of(p, EntryKind.STRENGTH) == [day(6)]


def test_planned_weeks_and_phases_run_on_across_the_window() -> None:
    p = plan(KNEE, START, [], day(26), run_plan=RUN, days=4)
    assert [(s.phase, s.week) for s in p.sessions] == [(1, 4), (2, 5)]


def test_runs_are_planned_three_a_week_never_on_consecutive_days() -> None:
    p = plan(KNEE, START, every_other_day(0, 90) + runs(84, 2), day(87), run_plan=RUN, days=14)
    run_days = dates_of(p, EntryKind.RUN)
    assert run_days[0] == day(88)
    assert all((b - a).days >= 2 for a, b in zip(run_days, run_days[1:], strict=False))
    assert len([d for d in run_days if d < day(95)]) == 3
    runs_planned = [s for s in p.sessions if s.kind is EntryKind.RUN]
    assert [(s.run_week, s.run_day) for s in runs_planned[:3]] == [(1, 3), (2, 1), (2, 2)]
    assert runs_planned[0].segments[1].minutes == 3


def test_the_programme_passed_in_is_used_even_when_a_clinician_changed_it() -> None:
    custom = knee_programme(
        phases=[
            {
                "number": 1,
                "weeks": {"from": 1, "to": None},
                "items": [
                    {"position": "1", "exercise": "plank", "dose": {"sets": 5, "hold_seconds": 15}}
                ],
            }
        ]
    )
    p = plan(custom, START, [], START, days=1)
    [item] = p.sessions[0].items
    assert (item.dose.sets, item.dose.hold_seconds) == (5, 15)


def test_a_red_flag_stops_the_plan_until_a_clinician_clears_it() -> None:
    journal = [*every_other_day(0, 30), flag(10, RedFlag.KNEE_LOCKED)]
    stopped = plan(KNEE, START, journal, day(11), run_plan=RUN)
    assert stopped.state.status is Status.STOPPED and stopped.sessions == ()
    assert stopped.state.decision.action is Action.STOP
    assert stopped.state.decision.reasons[0].facts["flag"] is RedFlag.KNEE_LOCKED
    assert stopped.state.running.reasons[0].code is Code.RUNNING_STOPPED
    cleared = plan(KNEE, START, journal, day(13), run_plan=RUN, cleared=[day(12)])
    assert cleared.state.status is Status.ACTIVE and cleared.sessions
    future = evaluate(KNEE, START, journal, day(11), run_plan=RUN, cleared=[day(12)])
    assert future.status is Status.STOPPED  # a clearance after the day does not count yet


def test_a_red_flag_after_the_clearance_stops_again() -> None:
    journal = [flag(10, RedFlag.KNEE_LOCKED), flag(14, RedFlag.CALF_SWELLING)]
    state = evaluate(KNEE, START, journal, day(15), cleared=[day(12)])
    assert [f.flag for f in state.red_flags] == [RedFlag.CALF_SWELLING]


def test_several_flags_are_listed_most_urgent_first() -> None:
    journal = [flag(3, RedFlag.UNEXPLAINED_WEIGHT_LOSS), flag(4, RedFlag.HOT_RED_SWOLLEN_FEVER)]
    state = evaluate(KNEE, START, journal, day(5))
    assert [r.facts["flag"] for r in state.decision.reasons] == [
        RedFlag.HOT_RED_SWOLLEN_FEVER,
        RedFlag.UNEXPLAINED_WEIGHT_LOSS,
    ]


def test_a_red_flag_logged_before_the_start_still_counts() -> None:
    state = evaluate(KNEE, day(10), [flag(2, RedFlag.KNEE_LOCKED)], day(11))
    assert state.status is Status.STOPPED


def test_entries_after_the_day_are_ignored() -> None:
    journal = [*every_other_day(0, 20), flag(25, RedFlag.KNEE_LOCKED)]
    assert evaluate(KNEE, START, journal, day(21)).status is Status.ACTIVE


def test_a_run_plan_followed_on_its_own_plans_only_runs() -> None:
    p = plan(RUN, START, runs(0, 3), day(7), days=7)
    assert p.state.phase is None and p.state.running.allowed
    assert {s.kind for s in p.sessions} == {EntryKind.RUN}
    assert (p.sessions[0].run_week, p.sessions[0].run_day) == (2, 1)


def test_before_the_start_the_sessions_begin_on_the_start() -> None:
    p = plan(KNEE, day(7), [], START, run_plan=RUN, days=10)
    assert dates_of(p, EntryKind.STRENGTH)[0] == day(7)


# --- properties over random journals ------------------------------------------------------

pain = st.one_of(st.none(), st.integers(0, 10), st.just(0), st.just(0))


@st.composite
def noise(draw: st.DrawFn) -> JournalEntry:
    kind = draw(st.sampled_from(list(EntryKind)))
    flags = draw(
        st.sampled_from([frozenset(), frozenset(), frozenset(), frozenset({RedFlag.KNEE_LOCKED})])
    )
    return JournalEntry(
        day(draw(st.integers(0, 180))),
        kind,
        completed=draw(st.booleans()),
        pain=Pain(draw(pain), draw(pain), draw(pain)),
        swelling=draw(st.booleans()) and draw(st.booleans()),
        red_flags=flags if draw(st.integers(0, 9)) == 0 else frozenset(),
        run_minutes=draw(st.one_of(st.none(), st.floats(1, 60))),
        painful_exercises=draw(st.sampled_from([(), (), ("plank",), ("bridge-2",)])),
    )


@st.composite
def journals(draw: st.DrawFn) -> list[JournalEntry]:
    """Mostly pain-free sessions every other day (so runners reach phase 4), some missed, a
    few runs from phase 4, and random entries of every kind."""
    span = draw(st.integers(0, 180))
    missed = draw(st.sets(st.integers(0, 90), max_size=20))
    base = [e for i, e in enumerate(every_other_day(0, span)) if i not in missed]
    first_run = draw(st.integers(80, 120))
    ran = runs(first_run, draw(st.integers(0, 30))) if draw(st.booleans()) else []
    return base + ran + draw(st.lists(noise(), max_size=25))


SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SETTINGS
@given(journals(), st.integers(0, 200), st.integers(1, 28))
def test_two_strength_sessions_are_never_planned_on_consecutive_days(
    journal: list[JournalEntry], on: int, days: int
) -> None:
    p = plan(KNEE, START, journal, day(on), run_plan=RUN, days=days)
    strength_days = dates_of(p, EntryKind.STRENGTH)
    assert all((b - a).days >= 2 for a, b in zip(strength_days, strength_days[1:], strict=False))
    done = [
        e.date
        for e in journal
        if e.kind is EntryKind.STRENGTH and e.attempted and e.date <= day(on)
    ]
    if done and strength_days:
        assert (strength_days[0] - max(done)).days >= 2


@SETTINGS
@given(journals(), st.integers(0, 200), st.integers(1, 28))
def test_no_run_is_ever_planned_before_phase_four_or_inside_a_pause(
    journal: list[JournalEntry], on: int, days: int
) -> None:
    p = plan(KNEE, START, journal, day(on), run_plan=RUN, days=days)
    state = p.state
    planned_runs = dates_of(p, EntryKind.RUN)
    if state.running.allowed:
        assert state.phase is not None and state.phase >= 4
    if planned_runs:
        assert state.phase is not None and state.phase >= 4
        assert state.status is Status.ACTIVE
        assert all((b - a).days >= 2 for a, b in zip(planned_runs, planned_runs[1:], strict=False))
    if state.running.paused:
        assert state.running.restart_on is not None
        assert all(d >= state.running.restart_on for d in planned_runs)
    if state.status is Status.STOPPED:
        assert p.sessions == () and state.decision.action is Action.STOP


@SETTINGS
@given(journals(), st.integers(0, 200), st.randoms(use_true_random=False))
def test_decisions_are_deterministic_for_the_same_input(
    journal: list[JournalEntry], on: int, rng: random.Random
) -> None:
    first = plan(KNEE, START, journal, day(on), run_plan=RUN)
    assert plan(KNEE, START, list(journal), day(on), run_plan=RUN) == first
    one_a_day = list({(e.date, e.kind): e for e in journal}.values())
    one_a_day = list({e.date: e for e in one_a_day}.values())
    shuffled = one_a_day[:]
    rng.shuffle(shuffled)
    assert evaluate(KNEE, START, shuffled, day(on), run_plan=RUN) == evaluate(
        KNEE, START, one_a_day, day(on), run_plan=RUN
    )
    # A journal already in date order (as the app reads it) is not sorted again: same answer.
    in_order = sorted(one_a_day, key=lambda e: e.date)
    assert evaluate(KNEE, START, in_order, day(on), run_plan=RUN) == evaluate(
        KNEE, START, shuffled, day(on), run_plan=RUN
    )


@SETTINGS
@given(journals(), st.integers(84, 200))
def test_a_restart_is_never_further_on_than_where_the_pain_started(
    journal: list[JournalEntry], on: int
) -> None:
    before = evaluate(KNEE, START, journal, day(on - 2), run_plan=RUN)
    after = evaluate(KNEE, START, [*journal, run(on - 1, during=6)], day(on), run_plan=RUN)
    if before.running.allowed and after.running.paused:
        assert after.running.run_week is not None and before.running.run_week is not None
        assert after.running.run_week <= max(1, before.running.run_week)
        assert after.running.restart_on is not None and after.running.restart_on > day(on - 1)
