"""The physical checks every figure must pass at every frame: contacts on their surfaces,
nothing through the floor, a wall or a prop, every joint inside its range of motion, and the
body's proportions the same in every frame."""

from __future__ import annotations

import math

from strideback.core.figures import body as b
from strideback.core.figures.kinematics import points
from strideback.core.figures.motion import Solved, Timing, phases, sample_times, solved
from strideback.core.figures.spec import Figure

TOLERANCE_MM = 5.0

# Segments whose length must never change: (from, to, length in mm).
SEGMENTS = [
    (f"{s}_{a}", f"{s}_{c}", length)
    for s in ("r", "l")
    for a, c, length in (
        ("hip", "knee", b.THIGH),
        ("knee", "ankle", b.SHANK),
        ("shoulder", "elbow", b.UPPER_ARM),
        ("elbow", "wrist", b.FOREARM),
    )
] + [("pelvis", "neck", b.TRUNK), ("neck", "head", b.NECK_TO_HEAD)]


def pose_problems(
    model: Solved, pose: dict[str, float], touching: dict[str, str], t: float
) -> list[str]:
    """Every broken rule in one pose (``t``: the moment it shows, for the message)."""
    found: list[str] = []
    at = points(pose)
    for dof, value in pose.items():
        span = b.limits(dof)
        if span is not None and not span[0] - 0.5 <= value <= span[1] + 0.5:
            found.append(f"t={t:.1f}: {dof} {value:.0f} outside {span[0]:g}..{span[1]:g}")
    for point, surface in touching.items():
        gap = model.surfaces[surface](at[point]) - b.radius(point)
        if abs(gap) > TOLERANCE_MM:
            found.append(f"t={t:.1f}: {point} is {gap:.0f} mm from the {surface}")
    for point, where in at.items():
        if point == "nose":
            continue
        for surface, distance in model.surfaces.items():
            gap = distance(where) - b.radius(point)
            if gap < -TOLERANCE_MM:
                found.append(f"t={t:.1f}: {point} is {-gap:.0f} mm into the {surface}")
    for a, c, length in SEGMENTS:
        if abs(math.dist(at[a], at[c]) - length) > 0.5:
            found.append(f"t={t:.1f}: {a}-{c} is not {length:g} mm long")
    return found


def violations(figure: Figure, timing: Timing) -> list[str]:
    """Every broken rule at every sampled frame, as readable lines (empty when all is well)."""
    found: list[str] = []
    model = solved(figure)
    edges = {p.start for p in phases(figure, timing)} | {
        p.start + p.move for p in phases(figure, timing)
    }
    sample = sorted(set(sample_times(figure, timing, fps=10)) | edges)
    for t in sample:
        found += pose_problems(model, model.pose_at(timing, t), model.touching_at(timing, t), t)
    return found
