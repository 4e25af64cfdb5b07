"""A still and the player's animation share one box: every frame the player is given fits
inside the box the still is drawn in (computed from a frame every half second), so the
figure never pokes out of its picture nor rescales between the start and end stills."""

from __future__ import annotations

import pytest

from strideback.core.content.library import default_library
from strideback.core.figures.exercise import timing_for
from strideback.core.figures.picture import _box, frames, key_times, svg_at
from strideback.core.figures.svg import bounds

LIBRARY = default_library()


@pytest.mark.parametrize("exercise_id", sorted(LIBRARY.exercises))
def test_every_frame_fits_the_stills_box(exercise_id: str) -> None:
    figure = LIBRARY.exercise(exercise_id).figure
    timing = timing_for(LIBRARY, exercise_id)
    x0, y0, x1, y1 = _box(figure, timing, False)
    _, drawn = frames(figure, timing)
    bx0, by0, bx1, by1 = bounds(drawn, pad=0)
    assert x0 <= bx0 and y0 <= by0 and bx1 <= x1 and by1 <= y1


def test_start_and_end_stills_share_their_box() -> None:
    figure = LIBRARY.exercise("mini-squat-band").figure
    timing = timing_for(LIBRARY, "mini-squat-band")
    start, end = (svg_at(figure, timing, t, "x") for t in key_times(figure, timing))
    box = start.split('viewBox="')[1].split('"')[0]
    assert f'viewBox="{box}"' in end and start != end
