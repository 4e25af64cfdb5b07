"""The next load for the heavy heel raise: add when the last set beat the RM target, reduce
when the first set fell two or more short, keep otherwise; body weight only in phase 1."""

from __future__ import annotations

import pytest

from strideback.core.content.terms import Load
from strideback.core.engine.load import LoadAction, SetDone, next_load


def sets(load: float, *reps: int) -> list[SetDone]:
    return [SetDone(load, r) for r in reps]


def test_phase_one_is_body_weight_only() -> None:
    advice = next_load(12, Load.BODYWEIGHT, sets(0, 15, 14, 13))
    assert (advice.action, advice.load_kg) == (LoadAction.BODY_WEIGHT, 0.0)
    assert "Rathleff" in advice.sources[0]


def test_no_sets_yet_means_find_the_rm() -> None:
    advice = next_load(10, Load.BACKPACK, [])
    assert (advice.action, advice.load_kg, advice.target_reps) == (LoadAction.START, None, 10)


@pytest.mark.parametrize(
    ("target", "done", "action", "load", "change"),
    [
        (10, sets(4, 13, 12, 12, 12), LoadAction.ADD, 6.0, 2.0),  # last set 2 over: +2 kg
        (8, sets(6, 20, 18, 17, 16, 15), LoadAction.ADD, 11.0, 5.0),  # 7 over: capped at 5 kg
        (10, sets(4, 10, 10, 9, 9), LoadAction.KEEP, 4.0, 0.0),  # at the RM
        (10, sets(4, 9, 8, 8, 7), LoadAction.KEEP, 4.0, 0.0),  # one short: keep
        (10, sets(6, 7, 6, 6, 5), LoadAction.REDUCE, 3.0, -3.0),  # first set 3 short: -3 kg
        (10, sets(2, 5, 5, 4, 4), LoadAction.REDUCE, 0.0, -2.0),  # never below no load
        (10, sets(0, 6, 6, 5, 5), LoadAction.KEEP, 0.0, 0.0),  # nothing to take off
    ],
)
def test_the_next_load_follows_the_reps(
    target: int, done: list[SetDone], action: LoadAction, load: float, change: float
) -> None:
    advice = next_load(target, Load.BACKPACK_INCREASING, done)
    assert (advice.action, advice.load_kg, advice.change_kg) == (action, load, change)
    assert advice.facts["target_reps"] == target
    assert any("Strideback's own" in s for s in advice.sources)


def test_only_the_sets_at_the_heaviest_load_count() -> None:
    # A warm-up set at 0 kg with many reps does not make the working load "too light".
    done = [SetDone(0, 20), SetDone(8, 10), SetDone(8, 10), SetDone(8, 9)]
    advice = next_load(10, Load.BACKPACK, done)
    assert (advice.action, advice.load_kg) == (LoadAction.KEEP, 8.0)
    assert advice.facts["first_set_reps"] == 10
