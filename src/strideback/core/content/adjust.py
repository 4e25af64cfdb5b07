"""A clinician's changes to a library programme for one patient, applied as pure data.

An enrollment stores its adjustments as a JSON list; ``apply_adjustments`` turns the library
programme plus that list into the programme the runner actually follows. Four kinds:

``{"kind": "dose", "phase": 2, "position": "3", "dose": {"sets": 2}}``
    change some fields of a dose (the rest stay as they were);
``{"kind": "swap", "phase": 2, "position": "4", "to": "easier"}``
    use the exercise's easier (or harder) variant; where the programme has that variant in
    another phase, its dose, set-up and note come along (the seed's "previous phase's version");
``{"kind": "skip", "phase": 1, "position": "5"}``
    leave an item out;
``{"kind": "add", "phase": 1, "exercise": "plank", "dose": {"sets": 3, "hold_seconds": 20}}``
    add any library exercise, at the end of the phase unless ``position`` is given.

``phase`` may be left out of dose, swap and skip to mean "every phase", and ``exercise`` may
select items instead of ``position`` (``{"kind": "skip", "exercise": "side-plank"}``). Every
problem is an ``AdjustmentError`` naming the adjustment's index and field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from strideback.core.content.library import Library
from strideback.core.content.models import Dose, Item, Phase, Position, Programme, Slug
from strideback.core.content.problems import format_path


class AdjustmentError(ValueError):
    """One adjustment cannot be applied; ``index`` and ``field`` say which and where."""

    def __init__(self, index: int, field: str, message: str) -> None:
        self.index = index
        self.field = field
        self.message = message
        where = f"adjustments[{index}]" + (f".{field}" if field else "")
        super().__init__(f"{where}: {message}")


class _Adjustment(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Targeted(_Adjustment):
    """Selects items by phase (or every phase) and by position or exercise id."""

    phase: Annotated[int, Field(gt=0)] | None = None
    position: Position | None = None
    exercise: Slug | None = None

    @model_validator(mode="after")
    def _one_selector(self) -> _Targeted:
        if (self.position is None) == (self.exercise is None):
            raise ValueError("give either position or exercise")
        if self.position is not None and self.phase is None:
            raise ValueError("a position needs a phase")
        return self


class DoseChange(_Targeted):
    kind: Literal["dose"]
    dose: dict[str, Any] = Field(min_length=1)


class Swap(_Targeted):
    kind: Literal["swap"]
    to: Literal["easier", "harder"]


class Skip(_Targeted):
    kind: Literal["skip"]


class Add(_Adjustment):
    kind: Literal["add"]
    phase: Annotated[int, Field(gt=0)]
    exercise: Slug
    dose: Dose
    position: Position | None = None
    part: Literal["warm_up", "main", "cool_down"] = "main"


Adjustment = Annotated[DoseChange | Swap | Skip | Add, Field(discriminator="kind")]
_adapter: TypeAdapter[DoseChange | Swap | Skip | Add] = TypeAdapter(Adjustment)
KINDS = ("dose", "swap", "skip", "add")


def parse_adjustment(index: int, raw: object) -> DoseChange | Swap | Skip | Add:
    """Validate one adjustment from JSON; the error names ``adjustments[index].field``."""
    if isinstance(raw, DoseChange | Swap | Skip | Add):
        return raw
    if not isinstance(raw, Mapping) or raw.get("kind") not in KINDS:
        raise AdjustmentError(index, "kind", f"must be one of: {', '.join(KINDS)}")
    try:
        return _adapter.validate_python(dict(raw))
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [p for p in err["loc"] if p != raw.get("kind")]
        raise AdjustmentError(index, format_path(loc), _plain(err["msg"])) from None


def parse_adjustments(raw: Sequence[object]) -> list[DoseChange | Swap | Skip | Add]:
    return [parse_adjustment(i, a) for i, a in enumerate(raw)]


def _plain(message: str) -> str:
    return message.removeprefix("Value error, ").replace("Input should be", "must be")


@dataclass(frozen=True)
class _Context:
    index: int
    library: Library
    original: Programme


def apply_adjustments(
    programme: Programme, adjustments: Sequence[object], library: Library
) -> Programme:
    """The programme as prescribed: each adjustment applied in order, or an AdjustmentError."""
    if not adjustments:
        return programme
    if programme.kind != "exercises":
        raise AdjustmentError(0, "", f"'{programme.id}' is a run plan and has no exercises")
    result = programme
    for index, raw in enumerate(adjustments):
        adjustment = parse_adjustment(index, raw)
        result = _apply_one(result, adjustment, _Context(index, library, programme))
    return result


def _apply_one(
    programme: Programme, adjustment: DoseChange | Swap | Skip | Add, ctx: _Context
) -> Programme:
    if isinstance(adjustment, Add):
        return _add(programme, adjustment, ctx)
    phases = _target_phases(programme, adjustment, ctx)
    changed = 0
    new_phases: list[Phase] = []
    for phase in programme.phases:
        if phase.number not in phases:
            new_phases.append(phase)
            continue
        items, hits = _change_items(phase, adjustment, ctx)
        changed += hits
        new_phases.append(phase.model_copy(update={"items": items}))
    if changed == 0:
        raise AdjustmentError(ctx.index, _selector_field(adjustment), _no_item(adjustment))
    for phase in new_phases:
        if not phase.items:
            raise AdjustmentError(
                ctx.index, "", f"would leave phase {phase.number} with no exercises"
            )
    return programme.model_copy(update={"phases": new_phases})


def _target_phases(
    programme: Programme, adjustment: DoseChange | Swap | Skip, ctx: _Context
) -> set[int]:
    numbers = {p.number for p in programme.phases}
    if adjustment.phase is None:
        return numbers
    if adjustment.phase not in numbers:
        valid = ", ".join(str(n) for n in sorted(numbers))
        raise AdjustmentError(ctx.index, "phase", f"no phase {adjustment.phase} (phases: {valid})")
    return {adjustment.phase}


def _selector_field(adjustment: DoseChange | Swap | Skip) -> str:
    return "position" if adjustment.position is not None else "exercise"


def _no_item(adjustment: DoseChange | Swap | Skip) -> str:
    where = f" in phase {adjustment.phase}" if adjustment.phase is not None else ""
    if adjustment.position is not None:
        return f"no item at position '{adjustment.position}'{where}"
    return f"exercise '{adjustment.exercise}' is not in the programme{where}"


def _selected(item: Item, adjustment: DoseChange | Swap | Skip) -> bool:
    if adjustment.position is not None:
        return item.position == adjustment.position
    return item.exercise == adjustment.exercise


def _change_items(
    phase: Phase, adjustment: DoseChange | Swap | Skip, ctx: _Context
) -> tuple[list[Item], int]:
    items: list[Item] = []
    hits = 0
    skipped: set[str] = set()
    for item in phase.items:
        if not _selected(item, adjustment):
            items.append(item)
            continue
        hits += 1
        if isinstance(adjustment, Skip):
            skipped.add(item.position)
        elif isinstance(adjustment, DoseChange):
            items.append(item.model_copy(update={"dose": _new_dose(item.dose, adjustment, ctx)}))
        else:
            items.append(_swap(item, phase.number, adjustment, ctx))
    # An alternative to a skipped item becomes an item in its own right.
    items = [
        i.model_copy(update={"alternative_to": None}) if i.alternative_to in skipped else i
        for i in items
    ]
    return items, hits


def _new_dose(dose: Dose, change: DoseChange, ctx: _Context) -> Dose:
    unknown = sorted(set(change.dose) - set(Dose.model_fields))
    if unknown:
        raise AdjustmentError(ctx.index, f"dose.{unknown[0]}", "unknown dose field")
    merged = {**dose.model_dump(exclude_none=True), **change.dose}
    merged = {k: v for k, v in merged.items() if v is not None}
    try:
        return Dose.model_validate(merged)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = format_path(["dose", *err["loc"]])
        raise AdjustmentError(ctx.index, field, _plain(err["msg"])) from None


def _swap(item: Item, phase_number: int, swap: Swap, ctx: _Context) -> Item:
    exercise = ctx.library.exercise(item.exercise)
    target = exercise.easier if swap.to == "easier" else exercise.harder
    if target is None:
        raise AdjustmentError(
            ctx.index, "to", f"'{item.exercise}' has no {swap.to} variant in the library"
        )
    model = _nearest_item(ctx.original, target, phase_number)
    if model is not None:
        return item.model_copy(
            update={
                "exercise": target,
                "dose": model.dose,
                "setup": model.setup,
                "text": model.text,
            }
        )
    return item.model_copy(update={"exercise": target, "setup": [], "text": None})


def _nearest_item(programme: Programme, exercise_id: str, phase_number: int) -> Item | None:
    """The item using ``exercise_id`` in the phase nearest ``phase_number`` (the seed's easier
    version of an exercise is the one from the phase before)."""
    found = [
        (abs(phase.number - phase_number), item)
        for phase in programme.phases
        for item in phase.items
        if item.exercise == exercise_id
    ]
    return min(found, key=lambda pair: pair[0])[1] if found else None


def _add(programme: Programme, add: Add, ctx: _Context) -> Programme:
    if add.exercise not in ctx.library.exercises:
        raise AdjustmentError(ctx.index, "exercise", f"unknown exercise id '{add.exercise}'")
    if add.phase not in {p.number for p in programme.phases}:
        valid = ", ".join(str(p.number) for p in programme.phases)
        raise AdjustmentError(ctx.index, "phase", f"no phase {add.phase} (phases: {valid})")
    phases: list[Phase] = []
    for phase in programme.phases:
        if phase.number == add.phase:
            phase = phase.model_copy(update={"items": [*phase.items, _new_item(phase, add, ctx)]})
        phases.append(phase)
    return programme.model_copy(update={"phases": phases})


def _new_item(phase: Phase, add: Add, ctx: _Context) -> Item:
    taken = {item.position for item in phase.items}
    position = add.position
    if position is None:
        numbers = [int(p.split(".")[0]) for p in taken]
        position = str(max(numbers, default=0) + 1)
    elif position in taken:
        raise AdjustmentError(
            ctx.index, "position", f"'{position}' is already used in phase {phase.number}"
        )
    return Item(position=position, part=add.part, exercise=add.exercise, dose=add.dose)
