"""Advice for an exercise that hurts, in the seed's order: check the technique, then fewer
repetitions (a reduced dose), then the easier version.

The step depends on how many sessions in the last ``painful_window_days`` (and in the current
phase) the runner marked the exercise as painful. The easier version is the one the exercise
lists (``easier``; the library hands the programme's as ``easier_versions``), or the same
exercise at an earlier phase's dose; never an exercise already in the session, never another
movement. Without one, the fewer repetitions stay and the runner is asked to see their
physiotherapist.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from strideback.core.content.models import Dose, Item, Phase
from strideback.core.engine.decision import Code, Reason
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.thresholds import Thresholds


class AdjustmentKind(StrEnum):
    REDUCED = "reduced"
    EASIER = "easier"


class Adjustment(NamedTuple):
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
        """Sessions (days) on which ``exercise`` hurt, from ``first_day`` to ``last_day``."""
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


def easier_version(
    item: Item, phases: Sequence[Phase], versions: Mapping[str, str], taken: set[str]
) -> tuple[Item, int] | None:
    """The easier version of ``item`` (in the last of ``phases``) and the phase it comes from:
    the same exercise at its dose in the latest earlier phase that doses it differently, else
    the exercise's listed easier version as the latest earlier phase doses it, unless it is in
    the session already (``taken``). None: there is none."""
    earlier = phases[:-1]
    for phase in reversed(earlier):
        for other in phase.items:
            if other.exercise == item.exercise and other.dose != item.dose:
                return other, phase.number
    easier = versions.get(item.exercise)
    if easier is None or easier == item.exercise or easier in taken:
        return None
    for phase in reversed(earlier):
        for other in phase.items:
            if other.exercise == easier:
                return other, phase.number
    return None


def advise(
    log: PainfulLog,
    phases: Sequence[Phase],
    versions: Mapping[str, str],
    window: tuple[int, int],
    th: Thresholds,
) -> tuple[list[Reason], list[Adjustment]]:
    """Advice and adjustments for each exercise marked painful within ``window`` (days), in
    the order of the current phase's items (the last of ``phases``; exercises not in it last,
    by id)."""
    counts = {e: n for e in log.days if (n := log.count(e, *window))}
    if not counts:
        return [], []
    phase = phases[-1]
    items = {item.exercise: item for item in reversed(phase.items)}  # the first one wins
    taken = set(items)  # the session's exercises, and the easier versions swapped in
    order = list(dict.fromkeys(i.exercise for i in phase.items if i.exercise in counts))
    order += sorted(e for e in counts if e not in items)
    reasons: list[Reason] = []
    adjustments: list[Adjustment] = []
    for exercise in order:
        item = items.get(exercise)
        reason, adjustment = _one(exercise, counts[exercise], item, th)
        if item is not None and counts[exercise] >= th.painful_sessions_for_easier:
            reason, adjustment = _easier(reason, adjustment, item, phases, versions, taken)
        reasons.append(reason)
        if adjustment is not None:
            adjustments.append(adjustment)
    return reasons, adjustments


# Items with a reduced dose by (item, factor), by identity: items are frozen and come from a
# few programmes, and a pydantic copy is too slow to make for every runner. None: no change.
_reduced_items: dict[tuple[int, float], tuple[Item, Item | None]] = {}


def _reduced_item(item: Item, factor: float) -> Item | None:
    key = (id(item), factor)
    found = _reduced_items.get(key)
    if found is None or found[0] is not item:
        if len(_reduced_items) > 1024:
            _reduced_items.clear()
        dose = reduced(item.dose, factor)
        changed = item.model_copy(update={"dose": dose}) if dose != item.dose else None
        found = _reduced_items[key] = (item, changed)
    return found[1]


def _easier(
    reason: Reason,
    reduced_to: Adjustment | None,
    item: Item,
    phases: Sequence[Phase],
    versions: Mapping[str, str],
    taken: set[str],
) -> tuple[Reason, Adjustment | None]:
    """The easier version in place of the fewer reps, or (without one) the fewer reps and a
    word to see the physiotherapist."""
    found = easier_version(item, phases, versions, taken)
    if found is None:
        return Reason(Code.ADVICE_ASK_PHYSIO, reason.facts), reduced_to
    easier, phase = found
    taken.add(easier.exercise)
    facts = {**reason.facts, "easier": easier.exercise, "phase": phase, "dose": easier.dose}
    return Reason(Code.ADVICE_EASIER, facts), Adjustment(
        item.exercise, AdjustmentKind.EASIER, easier
    )


def _one(
    exercise: str, count: int, item: Item | None, th: Thresholds
) -> tuple[Reason, Adjustment | None]:
    facts: dict[str, object] = {"exercise": exercise, "count": count}
    if item is not None and count >= th.painful_sessions_for_fewer_reps:
        replacement = _reduced_item(item, th.reduced_dose_factor)
        if replacement is not None:
            facts["dose"] = replacement.dose
            return Reason(Code.ADVICE_FEWER_REPS, facts), Adjustment(
                exercise, AdjustmentKind.REDUCED, replacement
            )
    return Reason(Code.ADVICE_TECHNIQUE, facts), None
