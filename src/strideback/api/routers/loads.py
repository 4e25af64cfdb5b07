"""Load for repetition-maximum exercises (the heavy heel raise): one set at a time, and the
next session's load with its reason and sources."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field, StrictFloat, StrictInt

from strideback.api.auth import USER_AUTH
from strideback.api.errors import ApiError
from strideback.api.routers.programmes import language
from strideback.api.schemas import ERRORS, In
from strideback.training.loads import advice, advice_words, record_set
from strideback.training.models import SetLoad

router = Router(tags=["loads"], auth=USER_AUTH)


class SetIn(In):
    load_kg: Annotated[StrictFloat, Field(ge=0, le=200, multiple_of=0.5)]
    reps: Annotated[StrictInt, Field(ge=0, le=100)]


class SetOut(Schema):
    date: dt.date = Field(description="the day of the set")
    exercise: str = Field(description="the exercise id")
    set_number: int = Field(description="the set's number that day")
    load_kg: float = Field(description="the load in kg")
    reps: int = Field(description="repetitions done")


class AdviceOut(Schema):
    exercise: str = Field(description="the exercise id")
    programme_id: str = Field(description="the programme")
    phase: int = Field(description="the phase")
    target_reps: int = Field(description="the repetitions aimed for")
    action: str = Field(description="what to do with the load next session")
    load_kg: float | None = Field(description="the load to use next session, in kg")
    change_kg: float = Field(description="the change from last session, in kg")
    last_session: dt.date | None = Field(description="the last session with this exercise")
    facts: dict[str, float] = Field(description="the numbers behind the advice, by name")
    sources: list[str] = Field(description="the sources of the rule")
    reason: str = Field(description="the advice as a sentence with its numbers, in the language")
    source_text: str = Field(description="its source in words, in the language")


def set_out(row: SetLoad) -> dict[str, Any]:
    return {
        "date": row.date,
        "exercise": row.exercise,
        "set_number": row.set_number,
        "load_kg": row.load_kg,
        "reps": row.reps,
    }


class ExerciseQuery(Schema):
    exercise: str
    on: dt.date | None = None
    lang: str | None = None


@router.get("/next", response={200: AdviceOut, **ERRORS}, summary="The next session's load")
def next_load(request: HttpRequest, q: Query[ExerciseQuery]) -> dict[str, Any]:
    on = q.on or timezone.localdate()
    item, day, result = advice(request.auth, q.exercise, on)
    reason, source_text = advice_words(result, language(request, q.lang))
    return {
        "exercise": q.exercise,
        "programme_id": item.programme_id,
        "phase": item.phase,
        "target_reps": result.target_reps,
        "action": result.action.value,
        "load_kg": result.load_kg,
        "change_kg": result.change_kg,
        "last_session": day,
        "facts": result.facts,
        "sources": list(result.sources),
        "reason": reason,
        "source_text": source_text,
    }


@router.get("", response={200: list[SetOut], **ERRORS}, summary="My logged sets")
def list_sets(request: HttpRequest) -> list[dict[str, Any]]:
    return [set_out(r) for r in SetLoad.objects.filter(user=request.auth)]


@router.put(
    "/{date}/{exercise}/{set_number}",
    response={200: SetOut, 201: SetOut, **ERRORS},
    summary="Log one set (load in kg added, reps done); sent again, it replaces the set",
)
def put_set(
    request: HttpRequest, date: dt.date, exercise: str, set_number: int, payload: SetIn
) -> Status[dict[str, Any]]:
    if not 1 <= set_number <= 20:
        raise ApiError(422, "must be from 1 to 20", "set_number")
    if date > timezone.localdate() + dt.timedelta(days=1):
        raise ApiError(422, "is in the future", "date")
    row, created = record_set(
        request.auth, date, exercise, set_number, payload.load_kg, payload.reps
    )
    return Status(201 if created else 200, set_out(row))
