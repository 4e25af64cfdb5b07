"""The response schema of the outcome series (``training.outcomes``), shared by the runner's
``/me/outcomes`` and the clinician's ``/clinician/patients/{id}/outcomes``."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ScorePoint(Schema):
    date: dt.date
    score: float
    subscales: dict[str, float]
    change: float
    important: int


class QuestionnaireSeries(Schema):
    id: str
    title: str
    min: float
    max: float
    higher_is_better: bool
    smallest_important_change: float
    source: str
    points: list[ScorePoint]


class RunPoint(Schema):
    date: dt.date
    minutes: float
    distance_m: float


class LoadPoint(Schema):
    date: dt.date
    exercise: str
    load_kg: float
    sets: int
    reps: list[int]


class OutcomesOut(Schema):
    questionnaires: list[QuestionnaireSeries]
    runs: list[RunPoint]
    loads: list[LoadPoint]
