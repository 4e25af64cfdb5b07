"""Decisions carry codes and facts; the day's headline is the most pressing one."""

from __future__ import annotations

from strideback.core.engine.decision import Action, Breach, Cause, Code, Decision, Reason
from strideback.core.engine.state import evaluate
from tests.core.engine.helpers import (
    START,
    day,
    every_other_day,
    knee_programme,
    run,
    run_plan,
    runs,
    strength,
)


def test_a_breach_gives_its_facts_for_the_sentence() -> None:
    breach = Breach(Cause.PAIN_AFTER, day(3), 4, 0)
    assert breach.facts() == {"cause": Cause.PAIN_AFTER, "date": day(3), "value": 4, "limit": 0}
    assert Breach(Cause.SWELLING, day(3)).facts() == {"cause": Cause.SWELLING, "date": day(3)}


def test_the_higher_pain_outranks_and_a_tie_goes_to_the_earlier_day() -> None:
    early, late = Breach(Cause.PAIN_DURING, day(1), 3, 0), Breach(Cause.PAIN_DURING, day(2), 3, 0)
    assert Breach(Cause.PAIN_DURING, day(2), 4, 0).outranks(early)
    assert early.outranks(late) and not late.outranks(early)
    assert early.outranks(None)


def test_reasons_compare_by_code_and_facts() -> None:
    assert Reason(Code.ON_TRACK, {"phase": 1}) == Reason(Code.ON_TRACK, {"phase": 1})
    assert Reason(Code.NO_RUN_PLAN).facts == {}


def test_every_action_of_the_issue_exists() -> None:
    assert {a.value for a in Action} == {
        "continue",
        "advance",
        "hold",
        "step_back",
        "pause_running",
        "resume_running",
        "stop",
    }


def test_a_running_pause_outranks_carrying_on_and_keeps_the_phase_reason() -> None:
    journal = every_other_day(0, 120) + [*runs(84, 2), run(88, during=5)]
    state = evaluate(knee_programme(), START, journal, day(89), run_plan=run_plan())
    assert state.decision.action is Action.PAUSE_RUNNING
    assert [r.code for r in state.decision.reasons] == [
        Code.PAUSE_RUNNING,
        Code.RESTART_COUNTDOWN,
        Code.ADVANCE,
    ]


def test_a_hold_outranks_a_restart() -> None:
    journal = [e for e in every_other_day(0, 140) if e.date != day(108)]
    journal += [strength(108, during=1), *runs(84, 2), run(88, during=5)]
    state = evaluate(
        knee_programme(),
        START,
        sorted(journal, key=lambda e: e.date),
        day(112),
        run_plan=run_plan(),
    )
    assert state.decision == Decision(Action.HOLD, state.decision.reasons)
    assert state.decision.reasons[0].code is Code.HOLD
