"""What the session player needs to animate a figure in step with the pacer, computed here
once (forward kinematics, contacts, projection) so the browser only draws and interpolates.

For one repetition of a dose the player gets:

- ``phases``: ``[start, end, a, b, move]`` in seconds, the same phases ``motion.phases``
  gives the command line and the figure URL (up, hold, down as the pacer counts them);
- ``poses``: each key pose as a frame; ``moves``: each movement between two key poses as
  frames at evenly spaced fractions of the movement (the easing is already in them, since
  they come from interpolated joint *angles*, so limbs keep their length);
- a frame is ``[layout, [x, y, x, y, ...]]``: every body shape's points in SVG units, in the
  shape order of ``layouts[layout]`` (``[class, stroke width, number of points]`` each);
- ``second``: for an exercise done on each side, the second side's own ``box``, ``room``,
  ``layouts``, ``poses`` and ``moves`` (the body mirrored, seen from the other side).

A movement that is another one played backwards is sent once (``"~start>end"``).
"""

from __future__ import annotations

import math
from typing import Any

from strideback.core.figures.body import mirrored
from strideback.core.figures.kinematics import points
from strideback.core.figures.motion import Timing, phases, solved
from strideback.core.figures.spec import Figure
from strideback.core.figures.svg import Shape, body_shapes, bounds, room_shapes

FRAMES_PER_SECOND = 8  # samples per second of movement; the browser interpolates between
MIN_FRAMES = 4
WITHIN_MM = 2.5  # contacts this close are good enough for a frame (the checks allow 5 mm)


def _frame(figure: Figure, pose: dict[str, float], second_side: bool) -> list[Shape]:
    at = points(mirrored(pose)) if second_side else points(pose)
    return body_shapes(figure, at, second_side)


class _Frames:
    def __init__(self) -> None:
        self.layouts: list[list[Any]] = []

    def encode(self, shapes: list[Shape]) -> list[Any]:
        layout = [[s.cls, s.width, len(s.points)] for s in shapes]
        if layout not in self.layouts:
            self.layouts.append(layout)
        return [self.layouts.index(layout), [c for s in shapes for p in s.points for c in p]]


Movements = dict[tuple[str, str], list[dict[str, float]] | tuple[str, str]]


def _movements(figure: Figure, timing: Timing) -> Movements:
    """The solved poses along each movement of one repetition, evenly spaced in time (solved
    as the figure URL solves them, stopping once contacts are within ``WITHIN_MM``). A
    movement back over the same time is the way there played backwards: ``(a, b)`` names it."""
    model = solved(figure)
    seconds: dict[tuple[str, str], float] = {}
    for p in phases(figure, timing):
        if p.a != p.b:
            seconds[(p.a, p.b)] = max(seconds.get((p.a, p.b), 0.0), p.move)
    out: Movements = {}
    for (a, b), move in seconds.items():
        n = max(MIN_FRAMES, math.ceil(move * FRAMES_PER_SECOND))
        there = out.get((b, a))
        if isinstance(there, list) and len(there) == n + 1:
            out[(a, b)] = (b, a)
            continue
        poses = [model.keys[a]]
        for k in range(1, n):
            poses.append(model.between(a, b, k / n, WITHIN_MM))
        out[(a, b)] = [*poses, model.keys[b]]
    return out


def _side(
    figure: Figure,
    timing: Timing,
    movements: Movements,
    second_side: bool,
) -> dict[str, Any]:
    model = solved(figure)
    enc = _Frames()
    drawn = [_frame(figure, pose, second_side) for pose in model.keys.values()]
    drawn += [
        _frame(figure, pose, second_side)
        for along in movements.values()
        if isinstance(along, list)
        for pose in along
    ]
    body = bounds(drawn, pad=0)  # the box every frame fits in, as the still SVGs' box
    box = bounds(drawn + [room_shapes(figure, body, second_side)], pad=16)
    room = room_shapes(figure, box, second_side)
    poses = {name: enc.encode(_frame(figure, model.keys[name], second_side)) for name in model.keys}
    moves: dict[str, Any] = {}
    for (a, b), along in movements.items():
        if isinstance(along, tuple):
            moves[f"{a}>{b}"] = f"~{along[0]}>{along[1]}"
        else:
            moves[f"{a}>{b}"] = [enc.encode(_frame(figure, pose, second_side)) for pose in along]
    return {
        "box": list(box),
        "room": [[s.cls, s.width, s.d()] for s in room],
        "layouts": enc.layouts,
        "poses": poses,
        "moves": moves,
    }


def _animation(figure: Figure, timing: Timing, per_side: bool) -> dict[str, Any]:
    steps = phases(figure, timing)
    movements = _movements(figure, timing)
    out = {
        "motion": figure.motion,
        "hold": figure.hold,
        "phases": [[p.start, p.end, p.a, p.b, p.move] for p in steps],
        "period": steps[-1].end,
        **_side(figure, timing, movements, False),
    }
    if per_side:
        second = _side(figure, timing, movements, True)
        out["second"] = second
    return out


def animation(figure: Figure, timing: Timing, per_side: bool = False) -> dict[str, Any]:
    """The player's data for ``figure`` moving to ``timing`` (and its mirrored second side
    when ``per_side``): computed once per figure and dose, then kept."""
    key = (id(figure), timing, per_side)
    kept = _KEPT.get(key)
    if kept is None or kept[0] is not figure:
        kept = (figure, _animation(figure, timing, per_side))
        _KEPT[key] = kept
    return kept[1]


_KEPT: dict[tuple[int, Timing, bool], tuple[Figure, dict[str, Any]]] = {}
