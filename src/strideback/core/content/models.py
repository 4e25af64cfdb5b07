"""The content schema: exercises, doses, phases, programmes and run plans.

Every model forbids unknown fields and is frozen, so a typo in a YAML file is an error, not a
silently ignored key. Cross-file checks (unknown exercise ids and the like) live in
``library.py``; the translation of validation errors into plain messages lives in ``problems.py``.
"""

from __future__ import annotations

from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from strideback.core.content.terms import Equipment, Load, Region, RuleSetId, Setup
from strideback.core.figures.spec import HOLD_CUES, MOVING_CUES, Figure, ready_needed
from strideback.core.languages import Lang

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Position = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[a-z])?$")]
Positive = Annotated[int, Field(gt=0)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


T = TypeVar("T")


class Translated(Model, Generic[T]):
    """One value per language; a missing or unknown language is a validation error."""

    da: T
    en: T
    de: T
    nb: T

    def get(self, lang: Lang) -> T:
        value: T = getattr(self, lang)
        return value


# --- exercises -------------------------------------------------------------------------


class ExerciseText(Model):
    name: Text
    purpose: Text
    steps: Annotated[list[Text], Field(min_length=3, max_length=6)]
    cues: Annotated[list[Text], Field(min_length=1)]
    mistakes: Annotated[list[Text], Field(min_length=1)]
    note: Text | None = None


# Where a piece of content comes from: the programme's seed, a study (named in the programme's
# references), or Strideback's own advice (where the seed says nothing: shown as such).
Origin = Literal["seed", "study", "strideback"]


class Exercise(Model):
    id: Slug
    region: list[Region] = Field(min_length=1)
    equipment: list[Equipment] = []
    per_side: bool = False
    easier: Slug | None = None
    harder: Slug | None = None
    steps_from: Origin = "seed"  # "strideback": the seed shows the movement but gives no steps
    text: Translated[ExerciseText]
    figure: Figure

    @model_validator(mode="after")
    def _pacer(self) -> Exercise:
        """The pacer's content fits the exercise: words for what it does, which side first
        when it is done on each side, and time enough to get ready."""
        figure = self.figure
        if figure.motion == "hold" and figure.cues not in HOLD_CUES:
            raise ValueError(f"figure.cues: a hold is cued {' or '.join(sorted(HOLD_CUES))}")
        if figure.motion == "rep" and figure.cues not in MOVING_CUES:
            raise ValueError(f"figure.cues: a movement is cued {', '.join(sorted(MOVING_CUES))}")
        if self.per_side and figure.side is None:
            raise ValueError("figure.side: done on each side, so say which side is first")
        needed = ready_needed(figure, list(self.equipment))
        if figure.get_ready < needed:
            raise ValueError(
                f"figure.get_ready: at least {needed} seconds for this set-up, got "
                f"{figure.get_ready}"
            )
        return self


# --- doses -----------------------------------------------------------------------------


class Dose(Model):
    """How much of one exercise: sets x reps, sets x hold, or sets x steps each way.

    ``reps_max``/``hold_seconds_max`` express the seeds' ranges (5-10 x 8-10 s).
    ``repetition_maximum`` marks reps as an RM target (12RM: heavy enough that 12 is the most
    you can do). A dose with neither reps, hold nor steps is an untimed mobilisation: the
    seed gives no count, so neither do we.
    """

    sets: Positive
    reps: Positive | None = None
    reps_max: Positive | None = None
    hold_seconds: Positive | None = None
    hold_seconds_max: Positive | None = None
    steps_each_way: Positive | None = None
    tempo_seconds: Annotated[list[Positive], Field(min_length=3, max_length=3)] | None = None
    per_side: bool = False
    repetition_maximum: bool = False
    load: Load | None = None
    rest_seconds: Positive | None = None

    @model_validator(mode="after")
    def _ranges_are_ordered(self) -> Dose:
        if self.reps_max is not None and (self.reps is None or self.reps_max < self.reps):
            raise ValueError("reps_max must be at least reps")
        if self.hold_seconds_max is not None and (
            self.hold_seconds is None or self.hold_seconds_max < self.hold_seconds
        ):
            raise ValueError("hold_seconds_max must be at least hold_seconds")
        if self.steps_each_way is not None and self.reps is not None:
            raise ValueError("a dose counts either reps or steps_each_way, not both")
        return self

    @property
    def is_hold(self) -> bool:
        return self.hold_seconds is not None and self.reps is None

    @property
    def tempo(self) -> tuple[int, int, int] | None:
        t = self.tempo_seconds
        return (t[0], t[1], t[2]) if t is not None else None


# --- exercise programmes ---------------------------------------------------------------


class Weeks(Model):
    from_: Positive = Field(alias="from")
    to: Positive | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _ordered(self) -> Weeks:
        if self.to is not None and self.to < self.from_:
            raise ValueError("weeks.to must not be before weeks.from")
        return self

    def contains(self, week: int) -> bool:
        return week >= self.from_ and (self.to is None or week <= self.to)


class ItemText(Model):
    note: Text


class Item(Model):
    position: Position
    part: Literal["warm_up", "main", "cool_down"] = "main"
    exercise: Slug
    alternative_to: Position | None = None
    dose: Dose
    setup: list[Setup] = []
    text: Translated[ItemText] | None = None


class PhaseText(Model):
    title: Text
    goal: Text | None = None


class Phase(Model):
    number: Positive
    weeks: Weeks
    items: list[Item] = Field(min_length=1)
    text: Translated[PhaseText] | None = None


# --- run plans -------------------------------------------------------------------------


class Segment(Model):
    kind: Literal["walk", "run"]
    minutes: Positive
    or_km: Annotated[float, Field(gt=0)] | None = None


class RunSession(Model):
    day: Positive
    segments: list[Segment] = Field(min_length=1)

    @property
    def minutes(self) -> int:
        return sum(s.minutes for s in self.segments)

    @property
    def run_minutes(self) -> int:
        return sum(s.minutes for s in self.segments if s.kind == "run")


class RunWeek(Model):
    number: Positive
    sessions: list[RunSession] = Field(min_length=1)


# --- programmes ------------------------------------------------------------------------


class Source(Model):
    seed: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]
    title: Text
    publisher: Text | None = None
    published: Text | None = None


class Section(Model):
    heading: Text
    paragraphs: list[Text] = Field(min_length=1)


class ProgrammeText(Model):
    title: Text
    summary: Text
    guidance: list[Section] = []


class Schedule(Model):
    """How often sessions happen: every N days, or a range of sessions per week."""

    every_days: Positive | None = None
    per_week_min: Positive | None = None
    per_week_max: Positive | None = None
    source: Origin = "seed"  # "strideback": the seed does not say how often

    @model_validator(mode="after")
    def _one_pattern(self) -> Schedule:
        weekly = self.per_week_min is not None or self.per_week_max is not None
        if (self.every_days is None) == (not weekly):
            raise ValueError("give either every_days or per_week_min/per_week_max")
        return self


class Programme(Model):
    id: Slug
    kind: Literal["exercises", "run_plan"]
    source: Source
    references: list[Text] = []
    # Where the doses come from when not from the seed itself (short citations).
    doses_from: list[Text] = []
    # The rule sets this programme may follow; the first is its default (a clinician may
    # choose another one of them for a runner).
    rule_sets: list[RuleSetId] = Field(min_length=1)
    schedule: Schedule
    companion: Slug | None = None
    thresholds: dict[str, int | float] = {}
    # The outcome questionnaires asked of a runner on this programme (ids in
    # content/questionnaires/ or a clinic's folder; `strideback content check` checks them).
    questionnaires: list[Slug] = []
    text: Translated[ProgrammeText]
    phases: list[Phase] = []
    weeks: list[RunWeek] = []
    # Filled by the library from the exercises' ``easier`` fields (never written in YAML):
    # for each exercise of the programme that has one, its easier version.
    easier_versions: dict[str, Slug] = {}

    @model_validator(mode="after")
    def _body_matches_kind(self) -> Programme:
        if len(set(self.rule_sets)) != len(self.rule_sets):
            raise ValueError("rule_sets names a rule set twice")
        if self.kind == "exercises" and (not self.phases or self.weeks):
            raise ValueError("an exercise programme has phases and no weeks")
        if self.kind == "run_plan" and (not self.weeks or self.phases):
            raise ValueError("a run plan has weeks and no phases")
        return self

    def phase(self, number: int) -> Phase:
        for phase in self.phases:
            if phase.number == number:
                return phase
        raise KeyError(number)
