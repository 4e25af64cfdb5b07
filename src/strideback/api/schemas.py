"""Response shapes (request bodies reuse the pages' pydantic models, e.g. ``EntryIn``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints


class In(Schema):
    """A request body: an unknown field is an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ErrorItem(Schema):
    field: str | None = Field(description="the field, as a dotted path; null for the request")
    message: str


class Errors(Schema):
    errors: list[ErrorItem]


ERRORS = {400: Errors, 401: Errors, 403: Errors, 404: Errors, 409: Errors, 422: Errors}


class ProgrammeSummary(Schema):
    id: str
    kind: str
    title: str
    summary: str
    language: str


class PainOut(Schema):
    during: int | None
    after: int | None
    next_morning: int | None


class EntryOut(Schema):
    id: int
    date: dt.date
    kind: str
    completed: bool
    sets_done: int | None
    pain: PainOut
    swelling: bool
    red_flags: list[str]
    painful_exercises: list[str]
    run_minutes: float | None
    run_week: int | None
    run_day: int | None
    note: str
    idempotency_key: str | None
    programme: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    editable_until: dt.datetime


class TokenIn(In):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(TokenOut):
    token: str = Field(description="the secret: shown this once, store it now")


class EvidenceOut(Schema):
    entry_id: int | None
    date: dt.date | None
    field: str
    value: float | int | str | None
    limit: float | None


class FlagOut(Schema):
    code: str
    evidence: list[EvidenceOut]
    facts: dict[str, Any]


class PatientOut(Schema):
    runner_id: int
    name: str
    email: str
    language: str
    programme_id: str | None
    run_plan_id: str | None
    start: dt.date | None
    week: int | None
    last_entry: dt.date | None
    worst_pain_7d: int | None
    sessions_7d: int
    pain_limit: float | None
    urgency: int
    flags: list[FlagOut]


class PrescriptionOut(Schema):
    id: int
    runner_id: int
    programme_id: str
    start: dt.date
    active: bool
    adjustments: list[Any]
    thresholds: dict[str, Any]
    note_to_runner: str
    prescribed_by_id: int | None
    rule_set: str = Field(description="the rule set the runner follows here (docs/rules.md)")
    rule_set_by_id: int | None = Field(None, description="who chose it (None: the default)")
    rule_set_at: dt.datetime | None = None
    start_phase: int = Field(1, description="the phase the runner started in")
    earlier_phases_pain_free: bool | None = Field(
        None, description="someone's word on the phases before the start (None: not said)"
    )
    earlier_stated_by_id: int | None = None
    earlier_stated_at: dt.datetime | None = None


class PatientDetail(Schema):
    patient: PatientOut
    prescriptions: list[PrescriptionOut]
    journal: list[EntryOut]


class PrescribeIn(In):
    programme_id: Annotated[str, StringConstraints(max_length=80)]
    start: dt.date
    adjustments: list[Any] = []
    thresholds: dict[str, Any] = {}
    note: Annotated[str, StringConstraints(max_length=5000)] = ""
    rule_set: Annotated[str, StringConstraints(max_length=40)] | None = None
    start_phase: int = 1
    earlier_phases_pain_free: bool | None = None
    with_run_plan: bool = False


class AdjustIn(In):
    enrollment_id: int | None = None
    adjustments: list[Any] | None = None
    thresholds: dict[str, Any] | None = None
    note: Annotated[str, StringConstraints(max_length=5000)] | None = None
    rule_set: Annotated[str, StringConstraints(max_length=40)] | None = None
    earlier_phases_pain_free: bool | None = None


class ClearanceIn(In):
    on: dt.date | None = None
    note: Annotated[str, StringConstraints(max_length=5000)] = ""


class ClearanceOut(Schema):
    id: int
    runner_id: int
    cleared_on: dt.date
    note: str


class InviteIn(In):
    email: Annotated[str, StringConstraints(max_length=254)] = ""


class InviteOut(Schema):
    id: int
    email: str
    status: str
    url: str
