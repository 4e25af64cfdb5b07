"""A painful exercise: check the technique, then fewer reps, then its easier version (the same
exercise at an earlier phase's dose, or the version it lists), else fewer reps and "ask your
physiotherapist"; and ice after pain or swelling."""

from __future__ import annotations

from strideback.core.content.models import Dose
from strideback.core.engine.advice import AdjustmentKind, reduced
from strideback.core.engine.decision import Code
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.plan import plan
from strideback.core.engine.state import State, evaluate
from tests.core.engine.helpers import START, check, day, every_other_day, knee_programme, strength

KNEE = knee_programme()


def sore(*days: int, exercise: str = "plank") -> list[JournalEntry]:
    painful = {n: strength(n, painful_exercises=(exercise,)) for n in days}
    return [painful.get(e.date.toordinal() - START.toordinal(), e) for e in every_other_day(0, 60)]


def state_on(n: int, journal: list[JournalEntry]) -> State:
    return evaluate(KNEE, START, journal, day(n))


def test_the_first_time_an_exercise_hurts_check_the_technique() -> None:
    state = state_on(3, sore(2))
    assert [(r.code, r.facts["exercise"], r.facts["count"]) for r in state.advice] == [
        (Code.ADVICE_TECHNIQUE, "plank", 1)
    ]
    assert state.adjustments == ()


def test_the_second_time_do_fewer_reps() -> None:
    state = state_on(5, sore(2, 4))
    [advice] = state.advice
    assert advice.code is Code.ADVICE_FEWER_REPS
    assert advice.facts["dose"] == Dose(sets=3, hold_seconds=21)
    [adjustment] = state.adjustments
    assert adjustment.kind is AdjustmentKind.REDUCED and adjustment.item.dose.hold_seconds == 21


def test_the_third_time_take_the_previous_phases_version() -> None:
    state = state_on(35, sore(30, 32, 34))
    [advice] = state.advice
    assert advice.code is Code.ADVICE_EASIER
    assert (advice.facts["easier"], advice.facts["phase"]) == ("plank", 1)
    assert advice.facts["dose"] == Dose(sets=3, hold_seconds=30)
    [adjustment] = state.adjustments
    assert adjustment.kind is AdjustmentKind.EASIER and adjustment.item.dose.hold_seconds == 30


def test_the_easier_version_is_the_one_the_exercise_lists() -> None:
    listed = knee_programme(easier_versions={"bridge-2": "bridge-1"})
    state = evaluate(listed, START, sore(30, 32, 34, exercise="bridge-2"), day(35))
    assert state.advice[0].facts["easier"] == "bridge-1"
    journal = sore(30, 32, 34, exercise="bridge-2")
    sessions = plan(listed, START, journal, day(35), days=2).sessions
    item = sessions[0].items[1]
    assert (item.exercise, item.replaces, item.adjustment) == (
        "bridge-1",
        "bridge-2",
        AdjustmentKind.EASIER,
    )


def test_never_an_unrelated_exercise_at_the_same_position() -> None:
    """Without a listed easier version, the advice is fewer reps and to ask the physio."""
    state = state_on(35, sore(30, 32, 34, exercise="bridge-2"))
    [advice] = state.advice
    assert advice.code is Code.ADVICE_ASK_PHYSIO
    [adjustment] = state.adjustments
    assert adjustment.kind is AdjustmentKind.REDUCED and adjustment.item.exercise == "bridge-2"


def test_an_easier_version_already_in_the_session_is_not_put_in_twice() -> None:
    listed = knee_programme(easier_versions={"bridge-2": "plank"})
    state = evaluate(listed, START, sore(30, 32, 34, exercise="bridge-2"), day(35))
    assert state.advice[0].code is Code.ADVICE_ASK_PHYSIO
    [session, *_] = plan(listed, START, sore(30, 32, 34, exercise="bridge-2"), day(35)).sessions
    exercises = [item.exercise for item in session.items]
    assert len(exercises) == len(set(exercises))


def test_in_phase_one_there_is_no_easier_phase_so_fewer_reps_and_the_physio() -> None:
    [advice] = state_on(7, sore(2, 4, 6)).advice
    assert advice.code is Code.ADVICE_ASK_PHYSIO and advice.facts["dose"] == Dose(
        sets=3, hold_seconds=21
    )


def test_the_planned_session_carries_the_reduced_dose() -> None:
    sessions = plan(KNEE, START, sore(2, 4), day(5), days=2).sessions
    plank = sessions[0].items[0]
    assert plank.dose.hold_seconds == 21 and plank.adjustment is AdjustmentKind.REDUCED


def test_old_painful_sessions_are_forgotten() -> None:
    assert state_on(20, sore(2, 4)).advice == ()


def test_a_new_phase_starts_afresh() -> None:
    assert state_on(29, sore(22, 24, 26)).advice == ()


def test_fewer_reps_cuts_reps_holds_or_steps_but_never_to_zero() -> None:
    assert reduced(Dose(sets=3, reps=10, reps_max=12), 0.7) == Dose(sets=3, reps=7, reps_max=8)
    assert reduced(Dose(sets=3, steps_each_way=10), 0.7).steps_each_way == 7
    assert reduced(Dose(sets=3, reps=1), 0.5).reps == 1
    assert reduced(Dose(sets=2), 0.5).sets == 1


def test_pain_or_swelling_shows_the_ice_advice_for_a_day() -> None:
    journal = [*every_other_day(0, 10), check(11, pain=2)]
    state = state_on(12, journal)
    assert state.show_ice
    assert state.advice[-1].code is Code.ADVICE_ICE
    assert state.advice[-1].facts == {"minutes": 20, "hours": 2}
    assert not state_on(13, journal).show_ice
    assert state_on(12, [check(12, pain=0, swelling=True)]).show_ice
