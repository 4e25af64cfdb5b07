"""The response schema of the outcome series (``training.outcomes``), shared by the runner's
``/me/outcomes`` and the clinician's ``/clinician/patients/{id}/outcomes``."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


class ScorePoint(Schema):
    date: dt.date = Field(description="the day")
    score: float = Field(description="the score")
    subscales: dict[str, float] = Field(description="each subscale's score, by id")
    change: float = Field(description="the change from the first score")
    important: int = Field(
        description="1 better, -1 worse by at least the smallest important change, 0 neither"
    )


class QuestionnaireSeries(Schema):
    id: str = Field(description="the questionnaire id")
    title: str = Field(description="its title")
    min: float = Field(description="the lowest score")
    max: float = Field(description="the highest score")
    higher_is_better: bool = Field(description="whether a higher score is better")
    smallest_important_change: float = Field(description="the smallest change that matters")
    source: str = Field(description="where that figure comes from")
    points: list[ScorePoint] = Field(description="the scores over time")


class RunPoint(Schema):
    date: dt.date = Field(description="the day")
    minutes: float = Field(description="minutes run")
    distance_m: float = Field(description="distance in metres")


class LoadPoint(Schema):
    date: dt.date = Field(description="the day")
    exercise: str = Field(description="the exercise id")
    load_kg: float = Field(description="the load in kg")
    sets: int = Field(description="sets")
    reps: list[int] = Field(description="repetitions per set")


class OutcomesOut(Schema):
    questionnaires: list[QuestionnaireSeries] = Field(description="questionnaire scores over time")
    runs: list[RunPoint] = Field(description="runs over time")
    loads: list[LoadPoint] = Field(description="loads over time")
