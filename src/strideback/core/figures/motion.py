"""Tempo: which key poses a figure moves between at each moment of one repetition, in step
with the pacer, and the solved poses and body points at any time.

The pacer's phases of one repetition (``pace``) are the player's: a tempo dose goes up, holds
and comes down (3-2-3 s); reps with a hold hold, then relax for ``RELAX_SECONDS``; reps
without a tempo come one every ``COUNT_SECONDS``; a hold is one still pose. The figure moves
during up (start -> end), stays still through the hold and moves back during down.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from strideback.core.figures.body import mirrored
from strideback.core.figures.kinematics import Vec, points
from strideback.core.figures.scene import surfaces
from strideback.core.figures.solve import SATISFIED_MM, solve
from strideback.core.figures.spec import Figure

COUNT_SECONDS = 3.0  # reps without a tempo: one every 3 s (the player's count)
RELAX_SECONDS = 3.0  # reps with a hold: relax 3 s between holds (the player's)
MOVE_SECONDS = 1.0  # reps with a hold: the time taken to get into and out of the hold
FPS = 10


@dataclass(frozen=True)
class Timing:
    """What the dose asks of one repetition (the pacer's inputs)."""

    reps: int | None = None
    hold_seconds: int | None = None
    tempo: tuple[float, float, float] | None = None
    steps: bool = False


@dataclass(frozen=True)
class Phase:
    """From ``start`` to ``end`` seconds the figure moves from pose ``a`` to pose ``b`` (still
    when they are the same), reaching it after ``move`` seconds."""

    start: float
    end: float
    a: str
    b: str
    move: float


def pace(timing: Timing) -> list[tuple[str, float]]:
    """The pacer's phases of one repetition, as (cue, seconds); empty for an untimed dose."""
    if timing.steps:
        return []
    if timing.reps and timing.tempo:
        up, hold, down = timing.tempo
        return [("up", up), ("hold", hold), ("down", down)]
    if timing.reps and timing.hold_seconds:
        return [("hold", float(timing.hold_seconds)), ("relax", RELAX_SECONDS)]
    if timing.reps:
        return [("rep", COUNT_SECONDS)]
    if timing.hold_seconds:
        return [("hold", float(timing.hold_seconds))]
    return []


def _rep_phases(figure: Figure, up: float, hold: float, down: float) -> list[Phase]:
    out = [Phase(0.0, up, "start", "end", up)]
    if hold > 0:
        out.append(Phase(up, up + hold, "end", "end", 0.0))
    out.append(Phase(up + hold, up + hold + down, "end", "start", down))
    return out


def _cycle_phases(figure: Figure) -> list[Phase]:
    out, at, previous = [], 0.0, "start"
    for pose, seconds in figure.sequence:
        out.append(Phase(at, at + seconds, previous, pose, seconds))
        at, previous = at + seconds, pose
    return out


def phases(figure: Figure, timing: Timing) -> list[Phase]:
    """One repetition of the figure, in step with ``pace(timing)``."""
    if figure.motion == "cycle":
        return _cycle_phases(figure)
    if figure.motion == "hold":
        seconds = float(timing.hold_seconds or 1)
        return [Phase(0.0, seconds, figure.hold, figure.hold, 0.0)]
    cues = pace(timing)
    names = [name for name, _ in cues]
    if names == ["up", "hold", "down"]:
        return _rep_phases(figure, *(s for _, s in cues))
    if names == ["hold", "relax"]:
        hold = cues[0][1]
        move = min(MOVE_SECONDS, hold / 3)
        return [
            Phase(0.0, hold, "start", "end", move),
            Phase(hold, hold + RELAX_SECONDS, "end", "start", MOVE_SECONDS),
        ]
    up, hold, down = figure.tempo
    if names == ["rep"]:  # the figure's own tempo, fitted into one count
        scale = COUNT_SECONDS / (up + hold + down)
        return _rep_phases(figure, up * scale, hold * scale, down * scale)
    if names == ["hold"]:  # a timed hold of a moving exercise: the end pose, held
        return [Phase(0.0, cues[0][1], "end", "end", 0.0)]
    return _rep_phases(figure, up, hold, down)


def period(figure: Figure, timing: Timing) -> float:
    return phases(figure, timing)[-1].end


def _ease(u: float) -> float:
    return 0.5 - 0.5 * math.cos(math.pi * min(max(u, 0.0), 1.0))


class Solved:
    """A figure's key poses, solved once for contacts; any moment in between on demand."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.surfaces = surfaces(figure)
        self.keys: dict[str, dict[str, float]] = {}
        self.touch: dict[str, dict[str, str]] = {
            name: dict(figure.resolved(name)[1]) for name in figure.poses
        }
        order = ["start"] if "start" in figure.poses else []
        order += [figure.hold] if figure.motion == "hold" else []
        order += ["end"] if figure.motion == "rep" else []
        order += [name for name, _ in figure.sequence]
        order += [name for name in figure.poses if name not in order]
        previous: str | None = None
        for name in order:
            if name in self.keys:
                previous = name
                continue
            angles, touch = figure.resolved(name)
            pins = self._pins(previous, name) if previous else {}
            grips = figure.grips(name)
            self.keys[name] = solve(angles, touch, pins, self.surfaces, figure.free, grips)
            previous = name

    def _pins(self, a: str, b: str) -> dict[str, Vec]:
        """Contacts held in both poses stay put (unless they may slide)."""
        at = points(self.keys[a])
        shared = self.shared(a, b)
        return {p: at[p] for p in shared if p not in self.figure.slide}

    def shared(self, a: str, b: str) -> dict[str, str]:
        ta, tb = self.touch[a], self.touch[b]
        return {p: s for p, s in ta.items() if tb.get(p) == s}

    def between(
        self,
        a: str,
        b: str,
        u: float,
        within: float = SATISFIED_MM,
    ) -> dict[str, float]:
        """The pose ``u`` (0..1, eased) of the way from key pose ``a`` to ``b``, its contacts
        held ``within`` that many millimetres."""
        if a == b or u <= 0.0:
            return self.keys[a]
        if u >= 1.0:
            return self.keys[b]
        pa, pb, w = self.keys[a], self.keys[b], _ease(u)
        pose = {d: pa.get(d, 0.0) + (pb.get(d, 0.0) - pa.get(d, 0.0)) * w for d in pa.keys() | pb}
        ga, gb = self.figure.grips(a), self.figure.grips(b)
        grips = {h: p for h, p in ga.items() if gb.get(h) == p}
        return solve(
            pose,
            self.shared(a, b),
            self._pins(a, b),
            self.surfaces,
            self.figure.free,
            grips,
            within,
            self.rolling(a, b, w),
        )

    def rolling(self, a: str, b: str, w: float) -> dict[str, tuple[str, float]]:
        """A surface both poses rest on with different points and none in common (a roller
        under the thigh, moving from above the knee to mid-thigh): on the way, each pose's
        points are pulled to it as much as the pose is near, so the body rolls over it
        instead of sinking into it and being pushed off."""
        ta, tb = self.touch[a], self.touch[b]
        shared = set(self.shared(a, b).values())
        both = (set(ta.values()) & set(tb.values())) - shared
        out = {p: (s, 1.0 - w) for p, s in ta.items() if s in both and tb.get(p) != s}
        out.update({p: (s, w) for p, s in tb.items() if s in both and ta.get(p) != s})
        return out

    def phase_at(self, timing: Timing, t: float) -> tuple[Phase, float]:
        """The phase at ``t`` seconds (wrapping after one repetition) and how far into it."""
        steps = phases(self.figure, timing)
        total = steps[-1].end
        t = t % total if t != total else total
        for phase in steps:
            if t <= phase.end:
                return phase, t - phase.start
        return steps[-1], steps[-1].end - steps[-1].start

    def pose_at(self, timing: Timing, t: float) -> dict[str, float]:
        phase, into = self.phase_at(timing, t)
        u = 1.0 if phase.move <= 0 else into / phase.move
        return self.between(phase.a, phase.b, u)

    def touching_at(self, timing: Timing, t: float) -> dict[str, str]:
        phase, into = self.phase_at(timing, t)
        move = phase.move
        if phase.a == phase.b or (move > 0 and into >= move):
            return self.touch[phase.b]
        if into <= 0:
            return self.touch[phase.a]
        return self.shared(phase.a, phase.b)


_SOLVED: dict[int, tuple[Figure, Solved]] = {}


def solved(figure: Figure) -> Solved:
    """The figure's solved key poses, computed once per figure (the library never changes
    while running)."""
    kept = _SOLVED.get(id(figure))
    if kept is None or kept[0] is not figure:
        kept = (figure, Solved(figure))
        _SOLVED[id(figure)] = kept
    return kept[1]


def body_at(figure: Figure, timing: Timing, t: float, second_side: bool = False) -> dict[str, Vec]:
    """Every body point at ``t`` seconds of one repetition; the second side mirrored."""
    pose = solved(figure).pose_at(timing, t)
    return points(mirrored(pose)) if second_side else points(pose)


def sample_times(figure: Figure, timing: Timing, fps: int = FPS) -> list[float]:
    """The moments the player is given a frame for: ``fps`` a second over one repetition,
    or a single frame for a figure that stays still."""
    steps = phases(figure, timing)
    if all(p.a == p.b for p in steps):
        return [0.0]
    total = steps[-1].end
    n = max(1, round(total * fps))
    return [total * k / n for k in range(n + 1)]
