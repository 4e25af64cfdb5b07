"""A figure at a moment, as SVG, and the frames the player animates: one place that turns a
figure and a dose into drawings, for the app, the command line and the handout alike."""

from __future__ import annotations

from typing import Any

from strideback.core.figures.motion import Timing, body_at, period, phases, sample_times
from strideback.core.figures.spec import Figure
from strideback.core.figures.svg import Shape, body_shapes, bounds, render, room_shapes

_FRAMES: dict[tuple[int, Timing, bool], tuple[Figure, list[float], list[list[Shape]]]] = {}


def frames(
    figure: Figure, timing: Timing, second_side: bool = False
) -> tuple[list[float], list[list[Shape]]]:
    """The body's shapes at each sample time of one repetition (computed once)."""
    key = (id(figure), timing, second_side)
    kept = _FRAMES.get(key)
    if kept is None or kept[0] is not figure:
        times = sample_times(figure, timing)
        drawn = [
            body_shapes(figure, body_at(figure, timing, t, second_side), second_side) for t in times
        ]
        kept = (figure, times, drawn)
        _FRAMES[key] = kept
    return kept[1], kept[2]


BOX_FPS = 2  # the still's box: every half second of the movement is enough (padded below)
_BOXES: dict[tuple[int, Timing, bool], tuple[Figure, tuple[int, int, int, int]]] = {}


def _box(figure: Figure, timing: Timing, second_side: bool) -> tuple[int, int, int, int]:
    """The box every moment of the movement fits in, so the figure never rescales: the
    bounds of the key poses and of a frame every half second, padded (between two such
    frames a limb moves a few millimetres off their bounds at most; solving every frame of a
    repetition would take a second or more for one still)."""
    key = (id(figure), timing, second_side)
    kept = _BOXES.get(key)
    if kept is not None and kept[0] is figure:
        return kept[1]
    times = sorted(set(sample_times(figure, timing, BOX_FPS)) | set(key_times(figure, timing)))
    drawn = [
        body_shapes(figure, body_at(figure, timing, t, second_side), second_side) for t in times
    ]
    box = _bounds_with_room(figure, drawn, second_side)
    _BOXES[key] = (figure, box)
    return box


def _bounds_with_room(
    figure: Figure, drawn: list[list[Shape]], second_side: bool
) -> tuple[int, int, int, int]:
    body = bounds(drawn, pad=0)
    room = [
        s for s in room_shapes(figure, body, second_side) if s.points[0] != s.points[-1] or True
    ]
    return bounds(drawn + [room], pad=16)


def svg_at(figure: Figure, timing: Timing, t: float, label: str, second_side: bool = False) -> str:
    """The figure ``t`` seconds into one repetition, as a standalone SVG."""
    box = _box(figure, timing, second_side)
    at = body_at(figure, timing, t, second_side)
    shapes = room_shapes(figure, box, second_side) + body_shapes(figure, at, second_side)
    return render(shapes, box, label)


def key_times(figure: Figure, timing: Timing) -> list[float]:
    """The moments a still shows: the start and the end of the movement (a held pose once)."""
    steps = phases(figure, timing)
    if figure.motion == "cycle":
        return [p.start + p.move for p in steps][:-1] or [0.0]
    if all(p.a == p.b for p in steps):
        return [0.0]
    ends = [p.start + p.move for p in steps if p.a != p.b]
    return [0.0, ends[0]]


def player_figure(
    figure: Figure, timing: Timing, label: str, second_side: bool = False
) -> dict[str, Any]:
    """What the player needs to animate the figure in step with the pacer: a still SVG to
    start from, the sample times and, per time, every moving shape's points (flattened)."""
    times, drawn = frames(figure, timing, second_side)
    box = _box(figure, timing, second_side)
    room = room_shapes(figure, box, second_side)
    return {
        "svg": render(room + drawn[0], box, label),
        "room": len(room),
        "period": period(figure, timing),
        "times": [round(t, 3) for t in times],
        "frames": [[c for s in shapes for p in s.points for c in p] for shapes in drawn],
    }
