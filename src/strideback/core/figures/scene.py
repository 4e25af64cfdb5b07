"""The room around the body: the floor and the figure's fixed props, as signed distances.

``distance(surface, point)`` is how far a point is from a surface (negative inside it); a
contact holds when that equals the body's thickness at the point, and nothing may come
closer than its thickness to any solid.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from strideback.core.figures.kinematics import Vec
from strideback.core.figures.spec import Figure, Prop

Distance = Callable[[Vec], float]


def _wall(prop: Prop) -> Distance:
    # The body stands near the origin; a wall at x = 400 is in front of it, at x = -400 behind.
    if prop.x is not None:
        at = prop.x
        return (lambda p: at - p[0]) if at > 0 else (lambda p: p[0] - at)
    assert prop.y is not None
    at_y = prop.y
    return (lambda p: at_y - p[1]) if at_y > 0 else (lambda p: p[1] - at_y)


def _box(x0: float, x1: float, top: float) -> Distance:
    def d(p: Vec) -> float:
        dx = max(x0 - p[0], p[0] - x1, 0.0)
        dz = max(p[2] - top, 0.0)
        if dx == 0.0 and dz == 0.0:  # inside: the nearest face, negative
            return -min(p[0] - x0, x1 - p[0], top - p[2])
        return math.hypot(dx, dz)

    return d


def _roller(prop: Prop) -> Distance:
    """A roller (or ball) lying on the floor across the figure: its axis along y at ``x``,
    or along x at ``y``."""
    assert prop.radius is not None
    r = prop.radius
    if prop.x is not None:
        cx = prop.x
        return lambda p: math.hypot(p[0] - cx, p[2] - r) - r
    assert prop.y is not None
    cy = prop.y
    return lambda p: math.hypot(p[1] - cy, p[2] - r) - r


def surfaces(figure: Figure) -> dict[str, Distance]:
    """Every surface a point can touch or must stay out of, by the name a pose uses."""
    out: dict[str, Distance] = {"floor": lambda p: p[2]}
    for prop in figure.props:
        if prop.kind == "wall":
            out["wall"] = _wall(prop)
        elif prop.kind in ("step", "chair"):
            assert prop.span is not None and prop.height is not None
            x0, x1 = sorted(prop.span)
            out["step" if prop.kind == "step" else "seat"] = _box(x0, x1, prop.height)
        elif prop.kind == "roller":
            out["roller"] = _roller(prop)
    return out
