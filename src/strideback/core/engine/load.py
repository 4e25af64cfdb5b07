"""The next load for a repetition-maximum exercise (the heavy heel raise of seed 004).

The phase's dose says the target (12RM, 10RM, 8RM in Rathleff 2015) and whether load is
added (body weight only, a backpack, a backpack that keeps getting heavier). The runner logs
load and reps for each set; the next session's load follows from the last session:

- more reps than the target in the last set: the load is too light, add 1 kg per rep over the
  target (at most 5 kg at once);
- in the first set, two or more reps short of the target: the load is too heavy, take off
  1 kg per rep short (at most 5 kg, never below none);
- otherwise the load is right: keep it.

The target and "keep the set at the RM by adding books" are Rathleff 2015's; the kilograms
per rep are Strideback's own (a book or two at a time), so every advice names both sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from strideback.core.content.terms import Load

KG_PER_REP = 1.0
MAX_STEP_KG = 5.0
SOURCE_TARGET = (
    "Rathleff MS et al. Scand J Med Sci Sports 2015;25(3):e292-e300 "
    "(the RM target of the phase; add load to keep each set at it)"
)
SOURCE_STEP = "Strideback's own (1 kg per rep away from the target, at most 5 kg at once)"


class LoadAction(StrEnum):
    BODY_WEIGHT = "body_weight"  # this phase uses body weight only
    START = "start"  # no sets logged yet at a load: find the target RM
    ADD = "add"
    KEEP = "keep"
    REDUCE = "reduce"


@dataclass(frozen=True)
class SetDone:
    load_kg: float
    reps: int


@dataclass(frozen=True)
class LoadAdvice:
    action: LoadAction
    load_kg: float | None  # the added load to use next time (None: find it)
    change_kg: float
    target_reps: int
    facts: dict[str, float | int] = field(default_factory=dict)
    sources: tuple[str, ...] = (SOURCE_TARGET, SOURCE_STEP)


def _step(reps_off: int) -> float:
    return min(reps_off * KG_PER_REP, MAX_STEP_KG)


def next_load(target_reps: int, load: Load | None, last_session: Sequence[SetDone]) -> LoadAdvice:
    """What to lift next time, from the phase's RM target and the last session's sets (in the
    order they were done)."""
    if load == Load.BODYWEIGHT:
        return LoadAdvice(LoadAction.BODY_WEIGHT, 0.0, 0.0, target_reps, sources=(SOURCE_TARGET,))
    if not last_session:
        return LoadAdvice(LoadAction.START, None, 0.0, target_reps, sources=(SOURCE_TARGET,))
    current = max(s.load_kg for s in last_session)
    at_load = [s for s in last_session if s.load_kg == current]
    first, last = at_load[0], at_load[-1]
    facts: dict[str, float | int] = {
        "load_kg": current,
        "first_set_reps": first.reps,
        "last_set_reps": last.reps,
        "target_reps": target_reps,
    }
    if last.reps > target_reps:
        change = _step(last.reps - target_reps)
        return LoadAdvice(LoadAction.ADD, current + change, change, target_reps, facts)
    if first.reps <= target_reps - 2:
        change = min(_step(target_reps - first.reps), current)
        if change > 0:
            return LoadAdvice(LoadAction.REDUCE, current - change, -change, target_reps, facts)
    return LoadAdvice(LoadAction.KEEP, current, 0.0, target_reps, facts)
