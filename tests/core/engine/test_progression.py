"""Phase progression: weeks pass, phases advance only when the pain rules held."""

from __future__ import annotations

from strideback.core.engine.decision import Action, Cause, Code
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.progression import Course
from strideback.core.engine.state import State, evaluate
from tests.core.engine.helpers import (
    START,
    day,
    every_other_day,
    knee_programme,
    run_plan,
    strength,
)

KNEE = knee_programme()
RUN = run_plan()


def state_on(n: int, journal: list[JournalEntry], **kw: object) -> State:
    return evaluate(kw.pop("programme", KNEE), START, journal, day(n), run_plan=RUN, **kw)  # type: ignore[arg-type]


def replacing(journal: list[JournalEntry], *entries: JournalEntry) -> list[JournalEntry]:
    days = {e.date for e in entries}
    return sorted([e for e in journal if e.date not in days] + list(entries), key=lambda e: e.date)


def test_the_course_knows_each_phase_start_and_length() -> None:
    course = Course.of(KNEE)
    assert course.starts == (1, 5, 9, 13, 17)
    assert course.lengths == (4, 4, 4, 4, None)
    assert course.after_clean_week(0, 4) == (1, 1)
    assert course.after_clean_week(4, 9) == (4, 10)


def test_phases_follow_the_weeks_when_nothing_hurts() -> None:
    journal = every_other_day(0, 120)
    assert (state_on(27, journal).phase, state_on(27, journal).week) == (1, 4)
    moved = state_on(28, journal)
    assert (moved.phase, moved.week, moved.phase_week) == (2, 5, 1)
    assert moved.decision.action is Action.ADVANCE
    assert moved.decision.reasons[0].facts == {"phase": 2, "week": 5, "from_phase": 1}
    assert (state_on(84, journal).phase, state_on(120, journal).week) == (4, 18)


def test_without_a_journal_the_weeks_follow_the_calendar() -> None:
    state = state_on(100, [])
    assert (state.phase, state.week) == (4, 15)


def test_a_painful_last_week_holds_the_phase() -> None:
    journal = replacing(every_other_day(0, 60), strength(24, after=4))
    held = state_on(29, journal)
    assert (held.phase, held.week) == (1, 4)
    assert held.decision.action is Action.HOLD
    [reason] = held.decision.reasons
    assert reason.code is Code.HOLD
    assert reason.facts == {
        "phase": 1,
        "week": 4,
        "cause": Cause.PAIN_AFTER,
        "date": day(24),
        "value": 4,
        "limit": 0,
    }
    assert state_on(35, journal).phase == 2  # a clean week later it moves on


def test_the_phase_is_held_a_week_at_a_time() -> None:
    journal = replacing(every_other_day(0, 60), strength(24, during=2), strength(30, during=1))
    assert state_on(35, journal).phase == 1
    assert state_on(42, journal).phase == 2


def test_pain_mid_phase_is_noted_and_the_weeks_go_on() -> None:
    journal = replacing(every_other_day(0, 30), strength(2, during=3))
    state = state_on(8, journal)
    assert (state.phase, state.week) == (1, 2)
    assert state.decision.action is Action.CONTINUE
    assert [r.code for r in state.decision.reasons] == [Code.ON_TRACK, Code.PAIN_NOTED]
    assert state.decision.reasons[1].facts["value"] == 3


def test_two_breached_weeks_in_a_row_step_back_one_phase() -> None:
    journal = replacing(every_other_day(0, 70), strength(30, during=2), strength(36, after=3))
    back = state_on(42, journal)
    assert (back.phase, back.week) == (1, 4)
    assert back.decision.action is Action.STEP_BACK
    facts = back.decision.reasons[0].facts
    assert (facts["from_phase"], facts["weeks"], facts["date"]) == (2, 2, day(36))
    assert state_on(49, journal).phase == 2


def test_in_phase_one_repeated_breaches_hold_the_week() -> None:
    journal = replacing(every_other_day(0, 30), strength(2, during=1), strength(8, during=1))
    state = state_on(14, journal)
    assert (state.phase, state.week) == (1, 2)
    assert state.decision.action is Action.HOLD


def test_a_week_without_sessions_repeats_the_week_of_the_last_one() -> None:
    journal = every_other_day(0, 20) + every_other_day(30, 40)
    back = state_on(30, journal)
    assert (back.phase, back.week) == (1, 3)
    assert back.decision.action is Action.HOLD
    assert back.decision.reasons[0].code is Code.GAP_REPEAT_WEEK
    assert back.decision.reasons[0].facts["last"] == day(20)
    assert back.decision.reasons[0].facts["days"] == 10
    assert state_on(37, journal).week == 4  # the week counts from the day they came back


def test_a_gap_is_seen_on_the_day_of_evaluation_too() -> None:
    state = state_on(30, every_other_day(0, 20))
    assert state.week == 3 and state.decision.reasons[0].code is Code.GAP_REPEAT_WEEK


def test_three_weeks_off_restarts_the_previous_phase() -> None:
    journal = every_other_day(0, 40) + every_other_day(62, 70)
    back = state_on(62, journal)
    assert (back.phase, back.week) == (1, 1)
    assert back.decision.action is Action.STEP_BACK
    assert back.decision.reasons[0].code is Code.GAP_PREVIOUS_PHASE
    assert back.decision.reasons[0].facts["days"] == 22


def test_in_tendon_mode_rising_pain_week_to_week_breaks_the_rules() -> None:
    heel = knee_programme(rule_sets=["silbernagel"])
    journal = replacing(every_other_day(0, 30), strength(2, during=1), strength(8, during=3))
    state = state_on(14, journal, programme=heel)
    noted = state.decision.reasons[1]
    assert noted.code is Code.PAIN_NOTED and noted.facts["cause"] is Cause.PAIN_RISING
    assert (noted.facts["value"], noted.facts["previous"]) == (3, 1)


def test_the_same_pain_in_tendon_mode_is_within_the_rules() -> None:
    heel = knee_programme(rule_sets=["silbernagel"])
    journal = replacing(every_other_day(0, 30), strength(2, during=3), strength(8, during=3))
    assert state_on(14, journal, programme=heel).decision.reasons[0].code is Code.ON_TRACK


def test_a_skipped_session_is_not_a_session() -> None:
    skipped = JournalEntry(day(22), strength(22).kind, completed=False)
    journal = every_other_day(0, 14) + [skipped]
    assert state_on(22, journal).decision.reasons[0].code is Code.GAP_REPEAT_WEEK


def test_before_the_start_the_plan_has_not_started() -> None:
    state = evaluate(KNEE, day(10), [], day(3), run_plan=RUN)
    assert (state.phase, state.week) == (1, 1)
    assert state.decision.reasons[0].code is Code.NOT_STARTED
