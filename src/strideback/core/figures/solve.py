"""Keep contacts on their surfaces and everything else out of them: a small least-squares fit
(Levenberg-Marquardt) of the root position and the figure's ``free`` joints.

The key poses are written as joint angles; where a foot must stay flat and in place while the
knees bend, the solver moves the pelvis and the free joints (ankles, say) the least it can so
that every contact sits on its surface and pinned contacts do not slide. Angles stay within
the range-of-motion table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from strideback.core.figures.body import limits, radius
from strideback.core.figures.kinematics import Vec, points
from strideback.core.figures.scene import Distance

ITERATIONS = 40
STEP = 1e-3
ANGLE_WEIGHT = 0.05  # mm of contact error worth one degree away from the written pose
ROOT_WEIGHT = 0.002


def _residuals(
    pose: Mapping[str, float],
    written: Mapping[str, float],
    unknowns: Sequence[str],
    touch: Mapping[str, str],
    pins: Mapping[str, Vec],
    surfaces: Mapping[str, Distance],
    grips: Mapping[str, str],
    soft: Mapping[str, tuple[str, float]],
) -> list[float]:
    at = points(pose)
    out = [surfaces[surface](at[point]) - radius(point) for point, surface in touch.items()]
    for point, where in at.items():  # nothing goes into the floor, a wall or a prop
        if point != "nose":
            out += [min(d(where) - radius(point), 0.0) for d in surfaces.values()]
    for hand, point in grips.items():
        out += [at[hand][i] - at[point][i] for i in range(3)]
    for point, target in pins.items():
        out += [at[point][i] - target[i] for i in range(3)]
    for point, (surface, weight) in soft.items():  # last: they only pull, like the angles
        out.append(weight * (surfaces[surface](at[point]) - radius(point)))
    for dof in unknowns:
        weight = ROOT_WEIGHT if dof in ("x", "y", "z") else ANGLE_WEIGHT
        out.append(weight * (pose.get(dof, 0.0) - written.get(dof, 0.0)))
    return out


SATISFIED_MM = 1.0


def _satisfied(res: list[float], pulls: int, within: float = SATISFIED_MM) -> bool:
    """Every contact, pin and grip within a millimetre and nothing inside a surface (the
    last ``pulls`` entries only pull towards the written pose or a soft contact)."""
    return max((abs(r) for r in res[: len(res) - pulls]), default=0.0) < within


def _solve_linear(a: list[list[float]], rhs: list[float]) -> list[float]:
    n = len(rhs)
    m = [row[:] + [rhs[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        if abs(m[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def _clamp(dof: str, value: float) -> float:
    span = limits(dof)
    return value if span is None else min(max(value, span[0]), span[1])


def solve(
    written: Mapping[str, float],
    touch: Mapping[str, str],
    pins: Mapping[str, Vec],
    surfaces: Mapping[str, Distance],
    free: Sequence[str],
    grips: Mapping[str, str] | None = None,
    within: float = SATISFIED_MM,
    soft: Mapping[str, tuple[str, float]] | None = None,
) -> dict[str, float]:
    """``written`` adjusted so that every ``touch`` point rests on its surface, every pinned
    point stays where it is and every gripping hand holds its point; only x, y, z and the
    ``free`` joints change; the search stops once every contact is ``within`` that many
    millimetres. ``soft`` points are pulled
    towards their surface with a weight (0..1) as far as the rest allows (a roller passing
    from one point of a thigh to another)."""
    pose = dict(written)
    grips = grips or {}
    soft = soft or {}
    unknowns = ["x", "y", "z", *free]
    pulls = len(unknowns) + len(soft)
    lam = 1e-3
    res = _residuals(pose, written, unknowns, touch, pins, surfaces, grips, soft)
    cost = sum(r * r for r in res)
    if _satisfied(res, pulls, within):
        return pose
    for _ in range(ITERATIONS):
        cols = []
        for dof in unknowns:
            h = 0.1 if dof in ("x", "y", "z") else 0.01
            bumped = dict(pose)
            bumped[dof] = pose.get(dof, 0.0) + h
            moved = _residuals(bumped, written, unknowns, touch, pins, surfaces, grips, soft)
            cols.append([(m - r) / h for m, r in zip(moved, res, strict=True)])
        # Only the rows that matter (most "stay out" rows are zero everywhere).
        rows = [
            (r, [col[i] for col in cols])
            for i, r in enumerate(res)
            if r != 0.0 or any(col[i] != 0.0 for col in cols)
        ]
        n = len(unknowns)
        jtj = [[sum(row[i] * row[j] for _, row in rows) for j in range(n)] for i in range(n)]
        jtr = [-sum(row[i] * r for r, row in rows) for i in range(n)]
        while True:
            damped = [
                [v + (lam * jtj[i][i] + 1e-9 if i == j else 0.0) for j, v in enumerate(row)]
                for i, row in enumerate(jtj)
            ]
            delta = _solve_linear(damped, jtr)
            trial = dict(pose)
            for dof, d in zip(unknowns, delta, strict=True):
                trial[dof] = _clamp(dof, pose.get(dof, 0.0) + d)
            trial_res = _residuals(trial, written, unknowns, touch, pins, surfaces, grips, soft)
            trial_cost = sum(r * r for r in trial_res)
            if trial_cost < cost:
                settled = cost - trial_cost < 1e-5 * cost + 1e-6
                pose, res, cost = trial, trial_res, trial_cost
                lam = max(lam / 3, 1e-7)
                if settled or _satisfied(res, pulls, within):
                    return pose
                break
            lam *= 4
            if lam > 1e6:
                return pose
    return pose
