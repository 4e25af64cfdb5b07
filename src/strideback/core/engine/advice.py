"""Advice for an exercise that hurts, in the seed's order: check the technique, then fewer
repetitions (a reduced dose), then the easier variant (the previous phase's version).

The step depends on how many sessions in the last ``painful_window_days`` (and in the current
phase) the runner marked the exercise as painful. The previous phase's version is the item
with the same exercise there (at its easier dose), else the item at the same position.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from strideback.core.content.models import Dose, Item, Phase
from strideback.core.engine.decision import Code, Reason
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.thresholds import Thresholds


class AdjustmentKind(StrEnum):
    REDUCED = "reduced"
    EASIER = "easier"


@dataclass(frozen=True, slots=True)
class Adjustment:
    """In the current phase, ``exercise`` is replaced by ``item`` until it stops hurting."""

    exercise: str
    kind: AdjustmentKind
    item: Item


class PainfulLog:
    """The days on which each exercise was marked painful."""

    __slots__ = ("days",)

    def __init__(self) -> None:
        self.days: dict[str, list[int]] = {}

    def record(self, entry: JournalEntry, day: int) -> None:
        for exercise in entry.painful_exercises:
            self.days.setdefault(exercise, []).append(day)

    def count(self, exercise: str, first_day: int, last_day: int) -> int:
        return len({d for d in self.days.get(exercise, ()) if first_day <= d <= last_day})


def reduced(dose: Dose, factor: float) -> Dose:
    """The same dose with fewer reps (or a shorter hold, fewer steps; else fewer sets)."""

    def cut(value: int) -> int:
        return max(1, math.floor(round(value * factor, 6)))

    if dose.reps is not None:
        reps = cut(dose.reps)
        top = None if dose.reps_max is None else max(reps, cut(dose.reps_max))
        return dose.model_copy(update={"reps": reps, "reps_max": top})
    if dose.hold_seconds is not None:
        hold = cut(dose.hold_seconds)
        top = None if dose.hold_seconds_max is None else max(hold, cut(dose.hold_seconds_max))
        return dose.model_copy(update={"hold_seconds": hold, "hold_seconds_max": top})
    if dose.steps_each_way is not None:
        return dose.model_copy(update={"steps_each_way": cut(dose.steps_each_way)})
    return dose.model_copy(update={"sets": cut(dose.sets)})


def previous_version(item: Item, previous: Phase | None) -> Item | None:
    if previous is None:
        return None
    for other in previous.items:
        if other.exercise == item.exercise:
            return other
    for other in previous.items:
        if other.position == item.position:
            return other
    return None


def _exercise_order(log: PainfulLog, phase: Phase) -> Iterable[str]:
    in_phase = [item.exercise for item in phase.items]
    seen = set(in_phase)
    return [*dict.fromkeys(in_phase), *sorted(e for e in log.days if e not in seen)]


def advise(
    log: PainfulLog,
    phase: Phase,
    previous: Phase | None,
    window: tuple[int, int],
    th: Thresholds,
) -> tuple[list[Reason], list[Adjustment]]:
    """Advice and adjustments for each exercise marked painful within ``window`` (days)."""
    reasons: list[Reason] = []
    adjustments: list[Adjustment] = []
    for exercise in _exercise_order(log, phase):
        count = log.count(exercise, *window)
        if count == 0:
            continue
        item = next((i for i in phase.items if i.exercise == exercise), None)
        reason, adjustment = _one(exercise, count, item, previous, th)
        reasons.append(reason)
        if adjustment is not None:
            adjustments.append(adjustment)
    return reasons, adjustments


# Reduced doses by (dose, factor), by identity: doses are frozen and come from a few programmes.
_reduced: dict[tuple[int, float], tuple[Dose, Dose]] = {}


def _reduced_once(dose: Dose, factor: float) -> Dose:
    key = (id(dose), factor)
    found = _reduced.get(key)
    if found is None or found[0] is not dose:
        if len(_reduced) > 1024:
            _reduced.clear()
        found = _reduced[key] = (dose, reduced(dose, factor))
    return found[1]


def _one(
    exercise: str, count: int, item: Item | None, previous: Phase | None, th: Thresholds
) -> tuple[Reason, Adjustment | None]:
    facts: dict[str, object] = {"exercise": exercise, "count": count}
    if item is not None and count >= th.painful_sessions_for_easier:
        easier = previous_version(item, previous)
        if easier is not None and previous is not None:
            facts |= {"easier": easier.exercise, "phase": previous.number, "dose": easier.dose}
            return Reason(Code.ADVICE_EASIER, facts), Adjustment(
                exercise, AdjustmentKind.EASIER, easier
            )
    if item is not None and count >= th.painful_sessions_for_fewer_reps:
        dose = _reduced_once(item.dose, th.reduced_dose_factor)
        if dose is not item.dose and dose != item.dose:
            facts["dose"] = dose
            replacement = item.model_copy(update={"dose": dose})
            return Reason(Code.ADVICE_FEWER_REPS, facts), Adjustment(
                exercise, AdjustmentKind.REDUCED, replacement
            )
    return Reason(Code.ADVICE_TECHNIQUE, facts), None
