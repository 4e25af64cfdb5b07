"""Input shapes shared by the pages, the offline queue and the JSON API (pydantic models, so
django-ninja can use them as they are). Every error names the field and what is wrong."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    field_validator,
)

from strideback.core.content.library import default_library
from strideback.core.dates import entry_date_problem
from strideback.core.engine.red_flags import RedFlag
from strideback.core.text import NUL_MESSAGE, nul_paths

# Numbers and yes/no as JSON numbers and booleans: "5" or true is a 422, never stored as 5 or 1.
PainScore = Annotated[StrictInt, Field(ge=0, le=10)]


class NoNul(BaseModel):
    """A body whose text never holds a NUL character: the field holding one is a 422 naming it
    (PostgreSQL cannot store one; on SQLite it would be stored as sent)."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        if isinstance(value, BaseModel):
            return value  # a nested body checks its own fields
        for path in nul_paths(value):
            raise ValueError(f"{path}: {NUL_MESSAGE}" if path else NUL_MESSAGE)
        return value


class PainIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    during: PainScore | None = None
    after: PainScore | None = None
    next_morning: PainScore | None = None


class EntryIn(NoNul):
    """A journal entry as a runner (or their device) sends it."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date
    kind: Literal["strength", "run", "check"]
    completed: StrictBool = True
    sets_done: Annotated[StrictInt, Field(ge=0, le=100)] | None = None
    pain: PainIn = PainIn()
    swelling: StrictBool = False
    red_flags: list[str] = []
    painful_exercises: list[Annotated[str, StringConstraints(max_length=80)]] = []
    run_minutes: Annotated[StrictFloat, Field(gt=0, le=600)] | None = None
    run_week: Annotated[StrictInt, Field(ge=1, le=52)] | None = None
    run_day: Annotated[StrictInt, Field(ge=1, le=7)] | None = None
    note: Annotated[str, StringConstraints(max_length=2000)] = ""
    idempotency_key: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{8,64}$")] | None = (
        None
    )

    @field_validator("date")
    @classmethod
    def _not_in_the_future(cls, value: dt.date) -> dt.date:
        from django.utils import timezone

        # Only "not in the future" here: the programme's start is checked where the runner is
        # known (``training.journal.check_entry_date``).
        problem = entry_date_problem(value, start=dt.date.min, today=timezone.localdate())
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("painful_exercises")
    @classmethod
    def _known_exercises(cls, value: list[str]) -> list[str]:

        known = default_library().exercises
        unknown = [name for name in value if name not in known]
        if unknown:
            raise ValueError(
                f"unknown exercise id(s): {', '.join(unknown)} "
                "(the ids are in GET /api/v1/programmes/{id})"
            )
        return list(dict.fromkeys(value))

    @field_validator("red_flags")
    @classmethod
    def _known_red_flags(cls, value: list[str]) -> list[str]:

        known = {flag.value for flag in RedFlag}
        unknown = [code for code in value if code not in known]
        if unknown:
            listed = ", ".join(sorted(known))
            raise ValueError(f"unknown red-flag code(s): {', '.join(unknown)} (known: {listed})")
        return sorted(set(value))
