"""The player's frames: every frame it is given passes the same physical checks as the
figure URL's, the way back is the way there, and the player's phases are the pacer's."""

from __future__ import annotations

import pytest

from strideback.core.content.library import default_library
from strideback.core.figures.animation import _movements, animation
from strideback.core.figures.checks import pose_problems
from strideback.core.figures.exercise import timing_for
from strideback.core.figures.motion import Timing, solved

LIBRARY = default_library()


@pytest.mark.parametrize("exercise_id", sorted(LIBRARY.exercises))
def test_every_frame_the_player_draws_is_physically_possible(exercise_id: str) -> None:
    figure = LIBRARY.exercise(exercise_id).figure
    model = solved(figure)
    found = []
    for (a, b), along in _movements(figure, timing_for(LIBRARY, exercise_id)).items():
        if isinstance(along, tuple):
            continue
        touching = model.shared(a, b)
        for k, pose in enumerate(along):
            found += [f"{a}>{b} #{k}: {p}" for p in pose_problems(model, pose, touching, 0.0)]
    assert found == []


def test_a_3_2_3_rep_moves_up_holds_and_comes_back_the_same_way() -> None:
    figure = LIBRARY.exercise("mini-squat-band").figure
    data = animation(figure, Timing(reps=10, tempo=(3.0, 2.0, 3.0)))
    assert data["phases"] == [
        [0.0, 3.0, "start", "end", 3.0],
        [3.0, 5.0, "end", "end", 0.0],
        [5.0, 8.0, "end", "start", 3.0],
    ]
    assert data["moves"]["end>start"] == "~start>end"
    frames = data["moves"]["start>end"]
    assert frames[0] == data["poses"]["start"] and frames[-1] == data["poses"]["end"]
    assert len(frames) == 25  # 8 a second over 3 s: the browser blends between them
    assert "second" not in data


def test_a_per_side_exercise_gets_its_second_side_mirrored() -> None:
    figure = LIBRARY.exercise("standing-hip-abduction-band").figure
    data = animation(figure, Timing(reps=10, tempo=(3.0, 2.0, 3.0)), per_side=True)

    def moving_x(side: dict) -> float:
        """Where, left to right, the points that move between start and end are (0 = middle)."""
        start, end = side["poses"]["start"][1], side["poses"]["end"][1]
        x0, _, x1, _ = side["box"]
        moved = [e for s, e in zip(start[0::2], end[0::2], strict=True) if abs(s - e) > 5]
        return sum(moved) / len(moved) - (x0 + x1) / 2

    # Seen from the front, the working leg is on one side of the picture, then the other.
    first, second = moving_x(data), moving_x(data["second"])
    assert abs(first) > 10 and abs(second) > 10 and (first > 0) != (second > 0)


@pytest.mark.parametrize("gait", ["walk", "run"])
def test_the_walking_and_running_figures_pass_every_check(gait: str) -> None:
    from strideback.core.figures.checks import violations

    figure = LIBRARY.gaits[gait]
    assert violations(figure, Timing()) == []
    data = animation(figure, Timing())
    assert data["motion"] == "cycle" and 0.5 <= data["period"] <= 1.5  # a stride, on a loop
    model = solved(figure)
    for (a, b), along in _movements(figure, Timing()).items():
        if isinstance(along, list):
            for pose in along:
                assert pose_problems(model, pose, model.shared(a, b), 0.0) == []
