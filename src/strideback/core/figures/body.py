"""The one body every figure uses: its degrees of freedom, proportions and ranges of motion.

World axes, in millimetres: x forward (where a standing figure faces), y to the figure's left,
z up; the floor is z = 0. Angles are in degrees. A pose names only the degrees of freedom that
differ from standing upright with the arms down (all zero).

Proportions follow anthropometric segment ratios for a 1.75 m adult (Winter, *Biomechanics and
Motor Control of Human Movement*, 4th ed., table 4.1), rounded; every figure uses the same
numbers, so no exercise can stretch a limb to make a pose fit.
"""

from __future__ import annotations

from typing import Final

SIDES: Final = ("r", "l")

# Root: where the pelvis is and how the whole body is turned.
ROOT_DOFS: Final = ("x", "y", "z", "pitch", "roll", "yaw")
# pitch: forward lean (+90 lies face down, -90 on the back); roll: + tips the head to the
# figure's right (+90 lies on the right side); yaw: + turns to the figure's left.
TRUNK_DOFS: Final = ("spine", "spine_rot", "spine_side", "neck")
LIMB_DOFS: Final = (
    "hip_flex",
    "hip_abd",
    "hip_rot",
    "knee",
    "ankle",
    "shoulder_flex",
    "shoulder_abd",
    "elbow",
)
DOFS: Final = ROOT_DOFS + TRUNK_DOFS + tuple(f"{side}_{dof}" for side in SIDES for dof in LIMB_DOFS)
ANGLE_DOFS: Final = tuple(d for d in DOFS if d not in ("x", "y", "z"))

# Segment lengths and offsets (mm).
HIP_HALF_WIDTH: Final = 90.0
THIGH: Final = 430.0
SHANK: Final = 430.0
ANKLE_HEIGHT: Final = 70.0
HEEL_BACK: Final = 55.0
BALL_FORWARD: Final = 145.0
TOE_FORWARD: Final = 195.0
TRUNK: Final = 500.0
CHEST: Final = 340.0
SHOULDER_HALF_WIDTH: Final = 175.0
SHOULDER_DROP: Final = 35.0
NECK_TO_HEAD: Final = 190.0
UPPER_ARM: Final = 300.0
FOREARM: Final = 255.0
HAND: Final = 75.0

# How thick the body is around each named point (mm): the figure is drawn this thick, and a
# contact is "on its surface" when the point is this far from it.
RADIUS: Final[dict[str, float]] = {
    "pelvis": 100.0,
    "chest": 95.0,
    "neck": 50.0,
    "head": 100.0,
    "hip": 80.0,
    "thigh": 65.0,
    "above_knee": 55.0,
    "knee": 50.0,
    "shank": 48.0,
    "ankle": 38.0,
    "heel": 0.0,
    "ball": 0.0,
    "toe": 0.0,
    "shoulder": 55.0,
    "upper_arm": 42.0,
    "elbow": 38.0,
    "forearm": 34.0,
    "wrist": 28.0,
    "hand": 22.0,
}


def radius(point: str) -> float:
    """The body's thickness around a named point, e.g. ``r_knee`` or ``chest``."""
    return RADIUS[point.split("_", 1)[1] if point[:2] in ("r_", "l_") else point]


# Human range of motion (degrees), after the American Academy of Orthopaedic Surgeons'
# average values (Greene & Heckman, *The Clinical Measurement of Joint Motion*, 1994),
# rounded. Both sides share the table.
RANGE: Final[dict[str, tuple[float, float]]] = {
    "spine": (-30.0, 80.0),
    "spine_rot": (-45.0, 45.0),
    "spine_side": (-35.0, 35.0),
    "neck": (-50.0, 60.0),
    "hip_flex": (-30.0, 130.0),  # hip extension at most 30
    "hip_abd": (-30.0, 50.0),
    "hip_rot": (-40.0, 50.0),  # internal (-) to external (+)
    "knee": (0.0, 150.0),
    "ankle": (-50.0, 30.0),  # plantar flexion (-) to dorsal flexion (+)
    "shoulder_flex": (-60.0, 180.0),
    "shoulder_abd": (-45.0, 180.0),
    "elbow": (0.0, 150.0),
}


def limits(dof: str) -> tuple[float, float] | None:
    """The range of motion of a degree of freedom, or None for the root (free in space)."""
    key = dof[2:] if dof[:2] in ("r_", "l_") else dof
    return RANGE.get(key)


def mirrored(pose: dict[str, float]) -> dict[str, float]:
    """The same pose for the other side: left and right swapped, the body reflected in its
    own middle plane (y, roll, yaw, the spine's turn and side bend change sign)."""
    out: dict[str, float] = {}
    for dof, value in pose.items():
        if dof[:2] == "r_":
            out["l_" + dof[2:]] = value
        elif dof[:2] == "l_":
            out["r_" + dof[2:]] = value
        elif dof in ("y", "roll", "yaw", "spine_rot", "spine_side"):
            out[dof] = -value
        else:
            out[dof] = value
    return out
