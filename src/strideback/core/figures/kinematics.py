"""Forward kinematics: a pose (joint angles) becomes the positions of the body's named points.

This is the only place positions are computed; everything that draws or checks a figure
starts from ``points``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from strideback.core.figures import body as b

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]


def _rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _mul(a: Mat, m: Mat) -> Mat:
    rows = tuple(
        (
            a[i][0] * m[0][0] + a[i][1] * m[1][0] + a[i][2] * m[2][0],
            a[i][0] * m[0][1] + a[i][1] * m[1][1] + a[i][2] * m[2][1],
            a[i][0] * m[0][2] + a[i][1] * m[1][2] + a[i][2] * m[2][2],
        )
        for i in range(3)
    )
    return rows[0], rows[1], rows[2]


def _chain(*mats: Mat) -> Mat:
    out = mats[0]
    for m in mats[1:]:
        out = _mul(out, m)
    return out


def _at(origin: Vec, rot: Mat, local: Vec) -> Vec:
    x, y, z = local
    return (
        origin[0] + rot[0][0] * x + rot[0][1] * y + rot[0][2] * z,
        origin[1] + rot[1][0] * x + rot[1][1] * y + rot[1][2] * z,
        origin[2] + rot[2][0] * x + rot[2][1] * y + rot[2][2] * z,
    )


def _mid(a: Vec, c: Vec) -> Vec:
    return ((a[0] + c[0]) / 2, (a[1] + c[1]) / 2, (a[2] + c[2]) / 2)


def points(pose: Mapping[str, float]) -> dict[str, Vec]:
    """Every named point of the body in ``pose`` (missing degrees of freedom are 0)."""

    def q(dof: str) -> float:
        return pose.get(dof, 0.0)

    root: Vec = (q("x"), q("y"), q("z"))
    pelvis = _chain(_rz(q("yaw")), _ry(q("pitch")), _rx(q("roll")))
    trunk = _chain(pelvis, _rz(q("spine_rot")), _ry(q("spine")), _rx(-q("spine_side")))
    neck = _at(root, trunk, (0.0, 0.0, b.TRUNK))
    head = _chain(trunk, _ry(q("neck")))
    out: dict[str, Vec] = {
        "pelvis": root,
        "chest": _at(root, trunk, (0.0, 0.0, b.CHEST)),
        "neck": neck,
        "head": _at(neck, head, (0.0, 0.0, b.NECK_TO_HEAD)),
        "nose": _at(neck, head, (b.RADIUS["head"] * 0.9, 0.0, b.NECK_TO_HEAD)),
    }
    for side, sign in (("r", -1.0), ("l", 1.0)):

        def d(dof: str, side: str = side) -> float:
            return q(f"{side}_{dof}")

        hip = _at(root, pelvis, (0.0, sign * b.HIP_HALF_WIDTH, 0.0))
        thigh = _chain(
            pelvis, _ry(-d("hip_flex")), _rx(sign * d("hip_abd")), _rz(sign * d("hip_rot"))
        )
        knee = _at(hip, thigh, (0.0, 0.0, -b.THIGH))
        shank = _chain(thigh, _ry(d("knee")))
        ankle = _at(knee, shank, (0.0, 0.0, -b.SHANK))
        foot = _chain(shank, _ry(-d("ankle")))
        shoulder = _at(neck, trunk, (0.0, sign * b.SHOULDER_HALF_WIDTH, -b.SHOULDER_DROP))
        upper = _chain(trunk, _ry(-d("shoulder_flex")), _rx(sign * d("shoulder_abd")))
        elbow = _at(shoulder, upper, (0.0, 0.0, -b.UPPER_ARM))
        fore = _chain(upper, _ry(-d("elbow")))
        wrist = _at(elbow, fore, (0.0, 0.0, -b.FOREARM))
        s = side + "_"
        out |= {
            s + "hip": hip,
            s + "thigh": _mid(hip, knee),
            s + "above_knee": along(hip, knee, 0.82),
            s + "knee": knee,
            s + "shank": _mid(knee, ankle),
            s + "ankle": ankle,
            s + "heel": _at(ankle, foot, (-b.HEEL_BACK, 0.0, -b.ANKLE_HEIGHT)),
            s + "ball": _at(ankle, foot, (b.BALL_FORWARD, 0.0, -b.ANKLE_HEIGHT)),
            s + "toe": _at(ankle, foot, (b.TOE_FORWARD, 0.0, -b.ANKLE_HEIGHT + 5.0)),
            s + "shoulder": shoulder,
            s + "upper_arm": _mid(shoulder, elbow),
            s + "elbow": elbow,
            s + "forearm": _mid(elbow, wrist),
            s + "wrist": wrist,
            s + "hand": _at(wrist, fore, (0.0, 0.0, -b.HAND)),
        }
    return out


def along(a: Vec, c: Vec, fraction: float) -> Vec:
    """The point ``fraction`` of the way from ``a`` to ``c``."""
    return (
        a[0] + (c[0] - a[0]) * fraction,
        a[1] + (c[1] - a[1]) * fraction,
        a[2] + (c[2] - a[2]) * fraction,
    )


def distance(a: Vec, c: Vec) -> float:
    return math.dist(a, c)
