"""The figure moves with the pacer: up 3 s, hold 2 s, down 3 s (and the other dose shapes)."""

from __future__ import annotations

import pytest

from strideback.core.content.library import default_library
from strideback.core.figures.motion import RELAX_SECONDS, Timing, pace, phases, solved

LIBRARY = default_library()
SQUAT = LIBRARY.exercise("mini-squat-band").figure
TEMPO = Timing(reps=10, tempo=(3.0, 2.0, 3.0))


def knee(t: float, timing: Timing = TEMPO) -> float:
    return solved(SQUAT).pose_at(timing, t)["r_knee"]


def test_up_hold_down_move_start_end_end_start() -> None:
    start, top = knee(0), knee(3)
    assert top - start > 50  # the squat bends the knees about 60 degrees
    assert knee(5) == pytest.approx(top)  # still through the hold
    assert knee(4) == pytest.approx(top)
    assert knee(8) == pytest.approx(start)  # back at the start
    going_down = [knee(t / 10) for t in range(0, 31)]
    assert going_down == sorted(going_down)  # moving all through "up"
    coming_up = [knee(5 + t / 10) for t in range(0, 31)]
    assert coming_up == sorted(coming_up, reverse=True)


def test_time_wraps_after_one_repetition() -> None:
    assert knee(8 + 3) == pytest.approx(knee(3))
    assert knee(16) == pytest.approx(knee(0))


def test_the_phases_match_the_pacer_for_every_dose_shape() -> None:
    assert pace(TEMPO) == [("up", 3.0), ("hold", 2.0), ("down", 3.0)]
    assert [(p.start, p.end) for p in phases(SQUAT, TEMPO)] == [(0, 3), (3, 5), (5, 8)]
    holds = Timing(reps=10, hold_seconds=5)
    assert pace(holds) == [("hold", 5.0), ("relax", RELAX_SECONDS)]
    assert phases(SQUAT, holds)[-1].end == 5 + RELAX_SECONDS
    counted = Timing(reps=20)
    assert phases(SQUAT, counted)[-1].end == pytest.approx(3.0)
    plank = LIBRARY.exercise("plank").figure
    assert [(p.a, p.b) for p in phases(plank, Timing(hold_seconds=30))] == [("end", "end")]
