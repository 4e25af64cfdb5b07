"""Draw a figure as SVG: project the body's points for the figure's view, thick round-capped
strokes for limbs (as thick as the body model says), the far side lighter, props behind.

Every shape is a path through projected points, so the player can move it by rewriting the
path's ``d`` from frames computed here (``shapes``); the browser draws, it does not compute.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from strideback.core.figures import body as b
from strideback.core.figures.kinematics import Vec
from strideback.core.figures.spec import Figure

UNIT = 5.0  # mm per SVG unit: whole numbers are precise enough
Point2 = tuple[int, int]

_CAMERA: dict[str, tuple[Vec, Vec, Vec]] = {
    # right (screen x), up, towards the camera
    "right": ((1, 0, 0), (0, 0, 1), (0, -1, 0)),
    "left": ((-1, 0, 0), (0, 0, 1), (0, 1, 0)),
    "front": ((0, 1, 0), (0, 0, 1), (1, 0, 0)),
    "back": ((0, -1, 0), (0, 0, 1), (-1, 0, 0)),
    "top": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}

STYLE = (  # the app's colours (app.css), light and dark
    ".fg path{fill:none;stroke-linecap:round;stroke-linejoin:round}"
    ".fg .n{stroke:#0b6e4f}.fg .f{stroke:#93c4b0}.fg .t{stroke:#08573e;fill:#08573e}"
    ".fg .p{stroke:#b9b4aa}.fg .s{fill:#ebe7df;stroke:#b9b4aa}.fg .b{stroke:#b7791f}"
    "@media (prefers-color-scheme:dark){.fg .n{stroke:#4cc394}.fg .f{stroke:#2b664f}"
    ".fg .t{stroke:#7ad8b0;fill:#7ad8b0}.fg .p{stroke:#6b6860}.fg .s{fill:#2b2a27;stroke:#6b6860}"
    ".fg .b{stroke:#ffc777}}"
)


Camera = tuple[str, float]  # the view's name and how far the camera looks down (degrees)


def view_for(figure: Figure, second_side: bool) -> Camera:
    if second_side and figure.view in ("right", "left"):
        return ("left" if figure.view == "right" else "right"), figure.tilt
    return figure.view, figure.tilt


def project(p: Vec, view: Camera) -> tuple[float, float, float]:
    """Screen x, screen y (down) and depth (towards the camera), in mm; the camera's tilt
    raises it that many degrees to look down on the figure."""
    r, u0, t0 = _CAMERA[view[0]]
    tilt = view[1]
    c, s = math.cos(math.radians(tilt)), math.sin(math.radians(tilt))
    u = (u0[0] * c - t0[0] * s, u0[1] * c - t0[1] * s, u0[2] * c - t0[2] * s)
    t = (t0[0] * c + u0[0] * s, t0[1] * c + u0[1] * s, t0[2] * c + u0[2] * s)

    def dot(a: Vec) -> float:
        return a[0] * p[0] + a[1] * p[1] + a[2] * p[2]

    return dot(r), -dot(u), dot(t)


@dataclass(frozen=True)
class Shape:
    """One stroke: its class (n near, f far, t trunk, b band, p prop outline, s solid prop),
    its width in SVG units and the points it runs through."""

    cls: str
    width: int
    points: tuple[Point2, ...]

    def d(self) -> str:
        return "M" + "L".join(f"{x} {y}" for x, y in self.points)


def _pt(p: Vec, view: Camera) -> Point2:
    x, y, _ = project(p, view)
    return round(x / UNIT), round(y / UNIT)


def _w(mm: float) -> int:
    return max(1, round(mm / UNIT))


def _limbs(
    at: dict[str, Vec], view: Camera, side: str, cls: str
) -> tuple[list[Shape], list[Shape]]:
    s = side + "_"

    def line(names: tuple[str, ...], width: float) -> Shape:
        return Shape(cls, _w(width), tuple(_pt(at[s + n], view) for n in names))

    leg = [
        line(("hip", "knee"), 2 * b.RADIUS["thigh"]),
        line(("knee", "ankle"), 2 * b.RADIUS["shank"]),
        line(("ankle", "heel", "ball", "toe", "ankle"), 45),
    ]
    arm = [
        line(("shoulder", "elbow"), 2 * b.RADIUS["upper_arm"]),
        line(("elbow", "wrist"), 2 * b.RADIUS["forearm"]),
        line(("wrist", "hand"), 2 * b.RADIUS["hand"]),
    ]
    return leg, arm


def _depth(at: dict[str, Vec], name: str, view: Camera) -> float:
    return project(at[name], view)[2]


def _attached(figure: Figure, at: dict[str, Vec], view: Camera, mirror: bool) -> list[Shape]:
    """Props that move with the body: bands, a tile, towel or ball under a point, a backpack."""
    out: list[Shape] = []
    for prop in figure.props:
        if prop.at is None:
            continue
        name = _side(prop.at, mirror)
        p = at[name]
        if prop.kind == "band":
            if prop.to is not None:
                end = at[_side(prop.to, mirror)]
            else:
                assert prop.anchor is not None
                ax, ay, az = prop.anchor
                end = (ax, -ay if mirror else ay, az)
            out.append(Shape("b", _w(14), (_pt(p, view), _pt(end, view))))
            if prop.to is not None:
                out += _cuffs(at, view, (name, _side(prop.to, mirror)))
        elif prop.kind == "tile":
            out.append(
                Shape(
                    "s",
                    _w(12),
                    (_pt((p[0] - 110, p[1], 6), view), _pt((p[0] + 110, p[1], 6), view)),
                )
            )
        elif prop.kind == "backpack":
            back = _pt(_behind(at, 150.0), view)
            low = _pt(_behind(at, 150.0, low=True), view)
            out.append(Shape("s", _w(150), (back, low)))
        elif prop.kind in ("towel", "ball"):
            r = 30.0 if prop.kind == "towel" else 33.0
            c = _pt((p[0], p[1], p[2] - r), view)
            out.append(Shape("s", _w(2 * r), (c, c)))
    return out


# The limb a band is tied around, for each point it may be tied at: (from, to) joints.
_LIMB = {"above_knee": ("hip", "knee"), "thigh": ("hip", "knee"), "ankle": ("knee", "ankle")}
CUFF_MM = 28.0  # a band's width where it wraps around a limb


def _cuffs(at: dict[str, Vec], view: Camera, ends: tuple[str, str]) -> list[Shape]:
    """Where a band is tied around a limb, a strip across the limb, a little wider than the
    limb: the band is seen around the thighs above the knees (or the ankles) in any view,
    even where its stretched part is hidden behind the body (a side view)."""
    out = []
    for name in ends:
        side, _, part = name.partition("_")
        limb = _LIMB.get(part)
        if limb is None:
            continue
        a, c = _pt(at[f"{side}_{limb[0]}"], view), _pt(at[f"{side}_{limb[1]}"], view)
        dx, dy = c[0] - a[0], c[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        half = (b.radius(name) + 12.0) / UNIT
        mid = _pt(at[name], view)
        nx, ny = -dy / n * half, dx / n * half
        out.append(
            Shape(
                "b",
                _w(CUFF_MM),
                (
                    (round(mid[0] - nx), round(mid[1] - ny)),
                    (round(mid[0] + nx), round(mid[1] + ny)),
                ),
            )
        )
    return out


def _behind(at: dict[str, Vec], depth: float, low: bool = False) -> Vec:
    """A point ``depth`` mm behind the upper back (or the lower back), for a backpack."""
    top, bottom = at["neck"], at["pelvis"]
    face = at["nose"]
    ax = [top[i] - bottom[i] for i in range(3)]
    n = math.sqrt(sum(a * a for a in ax)) or 1.0
    ax = [a / n for a in ax]
    fwd = [face[i] - top[i] for i in range(3)]
    along = sum(f * a for f, a in zip(fwd, ax, strict=True))
    fwd = [f - along * a for f, a in zip(fwd, ax, strict=True)]
    m = math.sqrt(sum(f * f for f in fwd)) or 1.0
    base = at["pelvis"] if low else at["chest"]
    lift = 80.0 if low else 0.0
    return (
        base[0] - fwd[0] / m * depth + ax[0] * lift,
        base[1] - fwd[1] / m * depth + ax[1] * lift,
        base[2] - fwd[2] / m * depth + ax[2] * lift,
    )


def _side(point: str, mirror: bool) -> str:
    if mirror and point[:2] in ("r_", "l_"):
        return ("l_" if point[0] == "r" else "r_") + point[2:]
    return point


def body_shapes(figure: Figure, at: dict[str, Vec], second_side: bool = False) -> list[Shape]:
    """The body (and the props that move with it) in drawing order, back to front."""
    view = view_for(figure, second_side)
    legs, arms = {}, {}
    near = {}
    for side in ("r", "l"):
        near_leg = _depth(at, f"{side}_hip", view) >= _depth(
            at, f"{'l' if side == 'r' else 'r'}_hip", view
        )
        near_arm = _depth(at, f"{side}_shoulder", view) >= _depth(
            at, f"{'l' if side == 'r' else 'r'}_shoulder", view
        )
        legs[side], _ = _limbs(at, view, side, "n" if near_leg else "f")
        _, arms[side] = _limbs(at, view, side, "n" if near_arm else "f")
        near[side] = (near_leg, near_arm)
    trunk = Shape(
        "t",
        _w(2 * b.RADIUS["chest"]),
        tuple(_pt(at[n], view) for n in ("l_hip", "r_hip", "r_shoulder", "l_shoulder", "l_hip")),
    )
    neck = Shape("t", _w(2 * b.RADIUS["neck"]), (_pt(at["neck"], view), _pt(at["head"], view)))
    head = Shape("t", _w(2 * b.RADIUS["head"]), (_pt(at["head"], view), _pt(at["head"], view)))
    nose = Shape("t", _w(60), (_pt(at["head"], view), _pt(at["nose"], view)))
    far_first = sorted(("r", "l"), key=lambda s: _depth(at, f"{s}_hip", view))
    out: list[Shape] = []
    for side in far_first:
        if not near[side][0]:
            out += legs[side]
        if not near[side][1]:
            out += arms[side]
    out += [trunk, neck, head, nose]
    for side in far_first:
        if near[side][0]:
            out += legs[side]
        if near[side][1]:
            out += arms[side]
    attached = _attached(figure, at, view, second_side)
    bands = [s for s in attached if s.cls == "b"]
    under = [s for s in attached if s.cls != "b"]
    return under + out + bands


def room_shapes(figure: Figure, box: tuple[int, int, int, int], second_side: bool) -> list[Shape]:
    """The props fixed in the room (floor, mat, wall, step, chair, roller, mirror, door)."""
    view = view_for(figure, second_side)
    x0, y0, x1, y1 = box
    sign = -1.0 if second_side else 1.0
    out: list[Shape] = []
    flat = view[0] != "top" and view[1] == 0
    if flat:
        floor = _pt((0, 0, 0), view)[1] + _w(6)
        out.append(Shape("p", _w(12), ((x0, floor), (x1, floor))))
    for prop in figure.props:
        k = prop.kind
        if k == "mat" and flat and view[0] in ("right", "left"):
            lo, hi = prop.span or [-900.0, 900.0]
            out.append(Shape("s", _w(14), (_pt((lo, 0, 7), view), _pt((hi, 0, 7), view))))
        elif k == "wall":
            if prop.x is not None:
                a, c = (prop.x, 0.0, 0.0), (prop.x, 0.0, 2000.0)
            else:
                assert prop.y is not None
                a, c = (0.0, sign * prop.y, 0.0), (0.0, sign * prop.y, 2000.0)
            pa, pc = _pt(a, view), _pt(c, view)
            if view[0] == "top":
                pa, pc = (pa[0] - 200, pa[1]), (pa[0] + 200, pa[1])
            out.append(Shape("p", _w(30), (pa, pc)))
        elif k in ("step", "chair"):
            assert prop.span is not None and prop.height is not None
            lo, hi = sorted(prop.span)
            h = prop.height
            corners = [(lo, 0.0, 0.0), (lo, 0.0, h), (hi, 0.0, h), (hi, 0.0, 0.0)]
            if k == "step":
                out.append(Shape("s", _w(10), tuple(_pt(c, view) for c in corners)))
            else:
                seat = (_pt((lo, 0, h - 20), view), _pt((hi, 0, h - 20), view))
                legs = (_pt((lo + 20, 0, 0), view), _pt((lo + 20, 0, h), view))
                legs2 = (_pt((hi - 20, 0, 0), view), _pt((hi - 20, 0, h), view))
                back = (_pt((lo + 15, 0, h), view), _pt((lo + 15, 0, h + 420), view))
                out += [Shape("p", _w(40), seat), Shape("p", _w(25), legs)]
                out += [Shape("p", _w(25), legs2), Shape("p", _w(25), back)]
        elif k == "roller":
            assert prop.radius is not None
            where = (prop.x, 0.0) if prop.x is not None else (0.0, sign * (prop.y or 0.0))
            centre = _pt((where[0], where[1], prop.radius), view)
            out.append(Shape("s", _w(2 * prop.radius), (centre, centre)))
        elif k in ("mirror", "door"):
            assert prop.x is not None
            foot, top = _pt((prop.x, 0, 0), view), _pt((prop.x, 0, 1900), view)
            out.append(Shape("p", _w(40 if k == "door" else 20), (foot, top)))
    return out


def bounds(frames: list[list[Shape]], pad: int = 16) -> tuple[int, int, int, int]:
    """The box every frame fits in (x0, y0, x1, y1), so the figure never rescales."""
    xs, ys = [], []
    for shapes in frames:
        for s in shapes:
            half = s.width // 2 + 1
            for x, y in s.points:
                xs += [x - half, x + half]
                ys += [y - half, y + half]
    return min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad


def render(shapes: list[Shape], box: tuple[int, int, int, int], label: str) -> str:
    """A standalone SVG: one image with a short text alternative, light and dark colours."""
    x0, y0, x1, y1 = box
    paths = "".join(f'<path class="{s.cls}" stroke-width="{s.width}" d="{s.d()}"/>' for s in shapes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0} {y0} {x1 - x0} {y1 - y0}" '
        f'role="img" aria-label="{escape(label)}" class="fg"><title>{escape(label)}</title>'
        f"<style>{STYLE}</style>{paths}</svg>"
    )
