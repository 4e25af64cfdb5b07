"""Every exercise's figure, at every frame the player is given (and at each phase change):
contacts on their surfaces within 5 mm, nothing through the floor, a wall or a prop, every
joint inside its range of motion, every limb its one length."""

from __future__ import annotations

import pytest

from strideback.core.content.library import default_library
from strideback.core.figures.checks import violations
from strideback.core.figures.exercise import timing_for
from strideback.core.figures.motion import Timing, body_at, sample_times

LIBRARY = default_library()


@pytest.mark.parametrize("exercise_id", sorted(LIBRARY.exercises))
def test_every_frame_is_physically_possible(exercise_id: str) -> None:
    figure = LIBRARY.exercise(exercise_id).figure
    assert violations(figure, timing_for(LIBRARY, exercise_id)) == []


def test_the_library_has_a_figure_for_all_37_exercises() -> None:
    assert len(LIBRARY.exercises) >= 37
    assert all(e.figure.poses for e in LIBRARY.exercises.values())


def test_the_checks_catch_a_contact_that_cannot_hold() -> None:
    # Standing upright, a hand cannot also rest on the floor: the solver cannot make it so,
    # and the checks say which point is how far off.
    figure = LIBRARY.exercise("mini-squat-band").figure
    start = figure.poses["start"]
    touch = {**(start.touch or {}), "r_hand": "floor"}
    broken = figure.model_copy(
        update={"poses": {**figure.poses, "start": start.model_copy(update={"touch": touch})}}
    )
    found = violations(broken, Timing(reps=10, tempo=(3.0, 2.0, 3.0)))
    assert any(line.startswith("t=0.0: r_hand is") and "from the floor" in line for line in found)


def test_the_second_side_is_the_first_mirrored() -> None:
    figure = LIBRARY.exercise("side-lying-hip-external-rotation-band").figure
    timing = timing_for(LIBRARY, "side-lying-hip-external-rotation-band")
    for t in (0.0, 1.5, 3.0, 6.0):
        first, second = body_at(figure, timing, t), body_at(figure, timing, t, second_side=True)
        for name, (x, y, z) in first.items():
            other = (
                {"r_": "l_", "l_": "r_"}.get(name[:2], "") + name[2:]
                if name[:2]
                in (
                    "r_",
                    "l_",
                )
                else name
            )
            sx, sy, sz = second[other]
            assert (sx, sy, sz) == pytest.approx((x, -y, z), abs=0.01), (t, name)


def test_the_player_gets_ten_frames_a_second_over_one_repetition() -> None:
    figure = LIBRARY.exercise("mini-squat-band").figure
    times = sample_times(figure, Timing(reps=10, tempo=(3.0, 2.0, 3.0)))
    assert times[0] == 0 and times[-1] == 8 and len(times) == 81
    held = LIBRARY.exercise("plank").figure
    assert sample_times(held, Timing(hold_seconds=30)) == [0.0]
