"""Running: the gate at phase 4, pauses on knee pain, careful restarts, gaps, long runs."""

from __future__ import annotations

from strideback.core.engine.decision import Action, Cause, Code
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.plan import plan
from strideback.core.engine.running import RunTable
from strideback.core.engine.state import State, evaluate
from strideback.core.engine.thresholds import thresholds_for
from tests.core.engine.helpers import (
    START,
    check,
    day,
    every_other_day,
    knee_programme,
    run,
    run_plan,
    runs,
)

KNEE = knee_programme(rule_sets=["seed-000", "trek"])
RUN = run_plan()
STRENGTH = every_other_day(0, 200)  # pain-free strength all along


def state_on(n: int, journal: list[JournalEntry], **kw: object) -> State:
    return evaluate(KNEE, START, STRENGTH + journal, day(n), run_plan=RUN, **kw)  # type: ignore[arg-type]


def codes(state: State) -> list[Code]:
    return [r.code for r in state.running.reasons]


def test_running_waits_for_phase_four() -> None:
    before = state_on(83, [])
    assert before.phase == 3 and not before.running.allowed
    assert codes(before) == [Code.RUNNING_NOT_YET]
    assert before.running.reasons[0].facts == {"phase": 3, "min_phase": 4}
    after = state_on(84, [])
    assert after.phase == 4 and after.running.allowed
    assert (after.running.run_week, after.running.run_day) == (1, 1)


def test_any_pain_in_the_phase_before_keeps_running_closed_for_the_whole_phase() -> None:
    state = state_on(84, [check(70, pain=1)])
    assert state.phase == 4 and not state.running.allowed
    why, when = state.running.reasons
    assert why.code is Code.RUNNING_GATE_PHASE
    assert why.facts == {"phase": 4, "previous_phase": 3, "date": day(70), "value": 1}
    assert when.code is Code.RUNNING_GATE_NEXT_PHASE and when.facts == {"next_phase": 5}
    assert not state_on(111, [check(70, pain=1)]).running.allowed  # the last day of phase 4
    assert state_on(112, [check(70, pain=1)]).running.allowed  # phase 5


def test_in_the_trek_rule_set_the_gate_is_four_weeks_at_most_two_out_of_ten() -> None:
    trek = {"rule_set": "trek"}
    assert state_on(84, [check(70, pain=2)], **trek).running.allowed
    closed = state_on(84, [check(70, pain=3)], **trek)
    assert [r.code for r in closed.running.reasons] == [Code.RUNNING_GATE_PAIN]
    assert closed.running.reasons[0].facts["opens_on"] == day(99)
    assert state_on(99, [check(70, pain=3)], **trek).running.allowed


def test_a_clinician_may_loosen_the_running_gate() -> None:
    looser = thresholds_for(KNEE, RUN).with_overrides(
        {"running_gate_whole_phase": False, "running_gate_pain_max": 1}
    )
    state = state_on(84, [check(70, pain=1)], thresholds=looser)
    assert state.running.allowed
    assert state.running.reasons[-1].source.kind == "clinician"


def test_runs_logged_before_the_gate_opens_do_not_count() -> None:
    state = state_on(86, runs(70, 3))
    assert (state.running.run_week, state.running.run_day) == (1, 1)


def test_completed_runs_move_through_the_run_weeks_in_order() -> None:
    state = state_on(96, runs(84, 5))
    assert (state.running.run_week, state.running.run_day) == (2, 3)


def test_a_run_that_was_not_completed_is_done_again() -> None:
    journal = [*runs(84, 2), run(88, completed=False)]
    assert state_on(89, journal).running.run_day == 3


def test_knee_pain_over_the_limit_during_a_run_pauses_running_not_strength() -> None:
    journal = [*runs(84, 4), run(93, during=4)]
    state = state_on(94, journal)
    assert state.running.paused and not state.running.allowed
    assert state.decision.action is Action.PAUSE_RUNNING
    pause = state.decision.reasons[0]
    assert pause.code is Code.PAUSE_RUNNING and pause.facts["cause"] is Cause.RUN_PAIN_DURING
    assert (pause.facts["value"], pause.facts["limit"]) == (4, 0)
    assert state.running.restart_on == day(96)
    sessions = plan(KNEE, START, STRENGTH + journal, day(94), run_plan=RUN).sessions
    assert any(s.kind.value == "strength" for s in sessions)
    assert all(s.date >= day(96) for s in sessions if s.kind.value == "run")


def test_pain_within_the_trek_limit_does_not_pause() -> None:
    journal = [*runs(84, 4), run(93, during=2, after=2)]
    assert not state_on(94, journal, rule_set="trek").running.paused
    assert state_on(94, journal).running.paused  # the seed: any knee pain


def test_running_restarts_after_symptom_free_days_at_the_last_pain_free_week() -> None:
    journal = [*runs(84, 6), run(98, after=3)]  # weeks 1 and 2 done, pain in week 3
    assert state_on(100, journal).running.paused
    back = state_on(101, journal)
    assert back.running.allowed and (back.running.run_week, back.running.run_day) == (2, 1)
    assert back.decision.action is Action.RESUME_RUNNING
    assert back.running.reasons[0].code is Code.RESUME_RUNNING
    assert back.running.reasons[0].facts["run_week"] == 2


def test_pain_in_the_first_run_week_restarts_at_week_one() -> None:
    back = state_on(95, [run(84), run(86, during=5)])
    assert back.running.allowed and back.running.run_week == 1


def test_pain_again_after_a_restart_goes_back_one_more_week() -> None:
    journal = [*runs(84, 6), run(98, after=3), run(101, during=3)]
    back = state_on(104, journal)
    assert back.running.allowed and back.running.run_week == 1


def test_symptoms_during_the_pause_push_the_restart_back() -> None:
    journal = [*runs(84, 4), run(93, during=4), check(95, pain=1)]
    assert state_on(97, journal).running.paused
    state = state_on(97, journal)
    assert state.running.restart_on == day(98)
    assert state.running.reasons[1].facts == {
        "restart_on": day(98),
        "days": 2,
        "needed": 3,
        "run_week": 1,
    }
    assert state_on(98, journal).running.allowed


def test_next_morning_pain_after_a_run_pauses_running_in_the_seed() -> None:
    state = state_on(85, [run(84, morning=1)])
    assert state.running.paused and state.decision.action is Action.PAUSE_RUNNING
    assert state.decision.reasons[0].facts["cause"] is Cause.RUN_PAIN_NEXT_MORNING


def test_next_morning_pain_after_a_run_repeats_the_run_week_in_trek() -> None:
    journal = [run(84, morning=4), run(86), run(88)]
    state = state_on(89, journal, rule_set="trek")
    assert (state.running.run_week, state.running.run_day) == (1, 1)
    assert state.running.reasons[0].code is Code.RUN_WEEK_REPEAT
    assert state.running.reasons[0].facts["cause"] is Cause.RUN_PAIN_NEXT_MORNING


def test_a_week_without_runs_repeats_the_run_week_of_the_last_run() -> None:
    state = state_on(104, runs(84, 6))  # the last run (day 95) finished run week 2
    assert (state.running.run_week, state.running.run_day) == (2, 1)
    assert state.running.reasons[0].code is Code.RUN_GAP_REPEAT_WEEK
    assert state.running.reasons[0].facts["days"] == 9


def test_three_weeks_without_runs_go_back_one_more_run_week() -> None:
    state = state_on(120, runs(84, 6))
    assert state.running.run_week == 1
    assert state.running.reasons[0].code is Code.RUN_GAP_PREVIOUS_WEEK


def test_a_run_much_longer_than_recent_runs_and_the_plan_is_a_warning_with_the_numbers() -> None:
    journal = [run(84, run_minutes=10), run(86, run_minutes=10), run(88, run_minutes=20)]
    [warning] = state_on(89, journal).warnings
    assert warning.code is Code.LONG_RUN
    assert warning.facts == {
        "date": day(88),
        "minutes": 20.0,
        "planned": 3,
        "longest": 10.0,
        "limit": 11.0,
        "percent": 10,
        "window": 30,
    }


def test_a_run_within_ten_percent_of_the_longest_is_fine() -> None:
    journal = [run(84, run_minutes=10), run(86, run_minutes=11)]
    assert state_on(87, journal).warnings == ()


def test_a_run_no_longer_than_planned_is_fine() -> None:
    journal = [run(84, run_minutes=1), run(86, run_minutes=2, run_week=1, run_day=2)]
    assert state_on(87, journal).warnings == ()


def test_old_warnings_are_not_news() -> None:
    journal = [run(84, run_minutes=10), run(86, run_minutes=20)]
    assert state_on(100, journal).warnings == ()


def test_finishing_the_run_plan_is_said_and_the_last_week_goes_on() -> None:
    short = run_plan(weeks=1)
    state = evaluate(KNEE, START, STRENGTH + runs(84, 3), day(92), run_plan=short)
    assert state.running.reasons[0].code is Code.RUN_PLAN_DONE
    assert (state.running.run_week, state.running.run_day) == (1, 1)


def test_a_programme_without_a_run_plan_never_runs() -> None:
    state = evaluate(KNEE, START, STRENGTH, day(100))
    assert not state.running.allowed and codes(state) == [Code.NO_RUN_PLAN]


def test_a_run_plan_on_its_own_has_no_gate() -> None:
    state = evaluate(RUN, START, runs(0, 4), day(10))
    assert state.phase is None and state.running.allowed
    assert (state.week, state.running.run_week, state.running.run_day) == (2, 2, 2)


def test_the_run_table_counts_minutes_of_running() -> None:
    table = RunTable.of(RUN)
    assert table.weeks == 12 and table.days(1) == 3
    assert table.planned_minutes(2, 3) == 4 and table.planned_minutes(13, 1) is None
    assert table.following(1, 3) == (2, 1) and table.following(12, 3) == (12, 1)
