"""The seed's rules, one test each: the docstring quotes the seed, the test feeds a journal
through the engine with the programme's default rule set (``seed-000``/``seed-004``)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from strideback.core.content.library import default_library
from strideback.core.engine.decision import Action, Cause, Code, SourceKind
from strideback.core.engine.gate import Statement
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.state import State, evaluate
from tests.core.engine.helpers import (
    START,
    check,
    day,
    every_other_day,
    knee_programme,
    run,
    run_plan,
    runs,
    strength,
)

KNEE = knee_programme(rule_sets=["seed-000", "trek"])
RUN = run_plan()
PAIN_FREE = every_other_day(0, 200)
PHASE_3 = range(56, 84)  # days of phase 3 (weeks 9-12)
PHASE_4 = range(84, 112)


def knee(n: int, journal: list[JournalEntry], **kw: object) -> State:
    return evaluate(KNEE, START, journal, day(n), run_plan=RUN, **kw)  # type: ignore[arg-type]


def with_pain(journal: list[JournalEntry], *entries: JournalEntry) -> list[JournalEntry]:
    days = {e.date for e in entries}
    return sorted([e for e in journal if e.date not in days] + list(entries), key=lambda e: e.date)


# --- seed 000, "Sådan træner du, når du har forreste knæsmerter" --------------------------


def test_no_running_before_phase_four() -> None:
    """Seed 000: "Du må tidligst begynde at løbetræne i fase 4" (running in phase 4 at the
    earliest)."""
    state = knee(83, PAIN_FREE)
    assert state.phase == 3 and not state.running.allowed
    assert state.running.reasons[0].code is Code.RUNNING_NOT_YET
    assert state.running.reasons[0].source is not None
    assert state.running.reasons[0].source.ref.startswith("000")
    assert knee(84, PAIN_FREE).running.allowed


def test_knee_pain_in_phase_three_means_no_running_in_phase_four() -> None:
    """Seed 000: "... og kun hvis du ikke har haft knæsmerter i den foregående fase" (only if
    there was no knee pain in the phase before): 1/10 in week 10 keeps phase 4 closed, and a
    pain-free phase 4 opens running in phase 5."""
    journal = with_pain(PAIN_FREE, strength(66, during=1))
    for n in (84, 98, 111):
        assert not knee(n, journal).running.allowed, n
    assert knee(112, journal).running.allowed


def test_next_morning_knee_pain_in_the_phase_before_counts_too() -> None:
    """Seed 000: "kun hvis du ikke har haft knæsmerter i den foregående fase" — pain the
    morning after a session is knee pain in that phase."""
    journal = with_pain(PAIN_FREE, strength(70, morning=1))
    state = knee(90, journal)
    assert not state.running.allowed
    assert state.running.reasons[0].code is Code.RUNNING_GATE_PHASE


def test_a_phase_without_a_log_keeps_running_closed_and_says_why() -> None:
    """Seed 000: "kun hvis du ikke har haft knæsmerter i den foregående fase" — started in
    phase 4 with no journal, nobody knows: no running, and the reason says so."""
    state = evaluate(KNEE, START, [], day(1), run_plan=RUN, start_phase=4)
    assert (state.phase, state.week) == (4, 13)
    assert not state.running.allowed
    assert [r.code for r in state.running.reasons] == [
        Code.RUNNING_GATE_NO_LOG,
        Code.RUNNING_GATE_NEXT_PHASE,
    ]


def test_a_statement_that_the_earlier_phases_were_pain_free_opens_running() -> None:
    """Seed 000: "kun hvis du ikke har haft knæsmerter i den foregående fase" — the runner's
    (or their physio's) word stands in for a log they do not have; a painful one does not."""
    said = Statement(True, day(0), "clinician")
    assert evaluate(
        KNEE, START, [], day(1), run_plan=RUN, start_phase=4, statement=said
    ).running.allowed
    hurt = Statement(False, day(0), "runner")
    state = evaluate(KNEE, START, [], day(1), run_plan=RUN, start_phase=4, statement=hurt)
    assert state.running.reasons[0].code is Code.RUNNING_GATE_STATED


def test_logged_pain_outranks_a_statement() -> None:
    """Seed 000: "kun hvis du ikke har haft knæsmerter i den foregående fase" — started in
    phase 3 and said all was well, but phase 3 hurt: no running in phase 4."""
    said = Statement(True, day(0), "runner")
    journal = [strength(n, during=2 if n == 10 else 0) for n in range(0, 60, 2)]
    state = evaluate(KNEE, START, journal, day(30), run_plan=RUN, start_phase=3, statement=said)
    assert state.phase == 4 and not state.running.allowed


def test_a_full_pain_free_phase_opens_running_without_a_statement() -> None:
    """Seed 000: running "kun hvis du ikke har haft knæsmerter i den foregående fase" —
    started in phase 4 without a log: a logged, pain-free phase 4 opens running in phase 5."""
    journal = every_other_day(0, 40)
    assert not evaluate(KNEE, START, journal, day(27), run_plan=RUN, start_phase=4).running.allowed
    assert evaluate(KNEE, START, journal, day(28), run_plan=RUN, start_phase=4).running.allowed


# --- seed 000, "Løbetræningsprogram" ------------------------------------------------------


def test_any_knee_pain_during_or_after_a_run_pauses_running() -> None:
    """Seed 000: "Får du smerter i knæene under eller efter løbetræningen ... må du holde en
    pause fra løbetræningen, fokusere på din styrketræning" — 2/10 during and after."""
    journal = with_pain(PAIN_FREE, *runs(84, 4), run(93, during=2, after=2))
    state = knee(94, journal)
    assert state.running.paused and state.decision.action is Action.PAUSE_RUNNING
    assert state.decision.reasons[0].facts["cause"] is Cause.RUN_PAIN_DURING
    assert state.decision.reasons[0].source is not None
    assert state.decision.reasons[0].source.ref == "000, Løbetræningsprogram"


def test_knee_pain_the_morning_after_a_run_pauses_running() -> None:
    """Seed 000: "Får du smerter i knæene under eller efter løbetræningen ... må du holde en
    pause" — the morning after is after."""
    journal = with_pain(PAIN_FREE, *runs(84, 2), run(89, morning=1))
    state = knee(90, journal)
    assert state.running.paused
    assert state.decision.reasons[0].facts["cause"] is Cause.RUN_PAIN_NEXT_MORNING


def test_restart_only_when_symptom_free_at_an_earlier_run_week() -> None:
    """Seed 000: "... og starte forsigtigt op igen, når dine knæ igen er symptomfri" — not
    before, and at a run week before the one that hurt."""
    journal = with_pain(PAIN_FREE, *runs(84, 6), run(98, after=1), check(100, pain=1))
    assert knee(102, journal).running.paused  # pain on day 100: not symptom-free yet
    back = knee(103, journal)
    assert back.running.allowed and back.running.run_week < 3


# --- seed 000: ice, easier exercises ------------------------------------------------------


def test_pain_or_swelling_means_ice_for_twenty_minutes_every_other_hour() -> None:
    """Seed 000: "Har du smerter og/eller hævelse, skal du lægge en ispose på knæet i 20
    minutter hver anden time.\""""
    state = knee(11, with_pain(PAIN_FREE, check(10, pain=0, swelling=True)))
    [ice] = [r for r in state.advice if r.code is Code.ADVICE_ICE]
    assert ice.facts == {"minutes": 20, "hours": 2}
    assert ice.source is not None and ice.source.kind is SourceKind.SEED


def test_an_exercise_that_keeps_hurting_gets_fewer_reps_then_the_physio() -> None:
    """Seed 000: "det kan også være, at du skal lave øvelsen færre gange eller vælge en
    lettere øvelse" — never a different movement."""
    sore = [strength(n, painful_exercises=("bridge-2",)) for n in (30, 32, 34)]
    state = knee(35, with_pain(PAIN_FREE, *sore))
    [advice] = state.advice
    assert advice.code is Code.ADVICE_ASK_PHYSIO
    assert [a.item.exercise for a in state.adjustments] == ["bridge-2"]


# --- seed 004 -----------------------------------------------------------------------------


def test_heel_training_must_not_hurt_during_or_after() -> None:
    """Seed 004: "så lenge øvelsene tilpasses og ikke gir smerte under eller etter
    aktivitet" — 4/10 during and after every session does not move on to phase 2."""
    heel = default_library().programme("plantar-heel-pain")
    journal = [strength(n, during=4, after=4) for n in range(0, 30, 2)]
    state = evaluate(heel, START, journal, day(14))
    assert state.phase == 1 and state.decision.action is Action.HOLD
    assert state.rule_set == "seed-004"
    pain_free = [strength(n) for n in range(0, 30, 2)]
    assert evaluate(heel, START, pain_free, day(14)).phase == 2


def test_silbernagel_allows_five_out_of_ten_for_the_heel() -> None:
    """Silbernagel 2007 (a clinician's choice): up to 5/10 during and after is acceptable."""
    heel = default_library().programme("plantar-heel-pain")
    journal = [strength(n, during=4, after=4) for n in range(0, 30, 2)]
    state = evaluate(heel, START, journal, day(14), rule_set="silbernagel")
    assert state.phase == 2
    assert state.decision.reasons[0].source is not None
    assert state.decision.reasons[0].source.rule_set == "silbernagel"


# --- properties ---------------------------------------------------------------------------

PAIN = st.integers(min_value=0, max_value=10)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(list(PHASE_3)), st.sampled_from(["during", "after", "morning"]), PAIN)
def test_no_running_in_phase_four_after_any_knee_pain_in_phase_three(
    n: int, which: str, value: int
) -> None:
    if value == 0:
        value = 1
    entry = check(n, pain=value) if which == "morning" else strength(n, **{which: value})
    journal = with_pain(PAIN_FREE, entry)
    in_phase_four = [s for s in (knee(on, journal) for on in range(84, 119, 2)) if s.phase == 4]
    assert in_phase_four  # pain in week 12 repeats it first: phase 4 begins a week later
    assert not any(state.running.allowed for state in in_phase_four)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=5), PAIN, PAIN, PAIN)
def test_no_running_the_day_after_any_run_pain(
    count: int, during: int, after: int, morning: int
) -> None:
    """Seed 000: "Får du smerter i knæene under eller efter løbetræningen ... må du holde en
    pause fra løbetræningen"."""
    journal = with_pain(PAIN_FREE, *runs(84, count))
    n = 84 + 2 * count + count // 3
    journal = with_pain(journal, run(n, during=during, after=after, morning=morning))
    state = knee(n + 1, journal)
    if max(during, after, morning) > 0:
        assert not state.running.allowed and state.running.paused
    else:
        assert state.running.allowed


def test_an_easier_version_is_always_a_version_of_the_same_exercise() -> None:
    """Every easier version the engine may swap in is the exercise's own (the same exercise at
    an earlier dose, or the one its content lists), and never one already in the session."""
    library = default_library()
    for programme in library.programmes.values():
        phases = programme.phases
        for index in range(1, len(phases)):
            for item in phases[index].items:
                sore = [strength(n, painful_exercises=(item.exercise,)) for n in (1, 2, 3)]
                start = START - timedelta(weeks=phases[index].weeks.from_ - 1)
                state = evaluate(programme, start, sore, day(3), start_phase=index + 1)
                for adjustment in state.adjustments:
                    swapped = adjustment.item.exercise
                    listed = library.exercise(item.exercise).easier
                    assert swapped in (item.exercise, listed), (programme.id, item.exercise)
                    session = [i.exercise for i in phases[index].items]
                    if swapped != item.exercise:
                        assert swapped not in session


def test_every_reason_names_a_source_and_its_rule_set() -> None:
    journal = with_pain(PAIN_FREE, strength(66, during=1), *runs(112, 4), run(121, after=1))
    for n in (10, 84, 115, 122):
        state = knee(n, journal)
        reasons = [*state.decision.reasons, *state.running.reasons, *state.advice]
        assert reasons and all(r.source is not None for r in reasons)
        assert all(r.source.rule_set == "seed-000" for r in reasons if r.source)
