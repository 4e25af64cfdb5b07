"""Response shapes (request bodies reuse the pages' pydantic models, e.g. ``EntryIn``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Path, Schema
from pydantic import ConfigDict, Field, StrictBool, StrictInt, StringConstraints

from strideback.core.text import MAX_ID
from strideback.training.schemas import NoNul

# A row id in a path: larger than any row can have is a 422 naming it, not a database overflow.
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]


class In(NoNul, Schema):
    """A request body: an unknown field is an error, not silently dropped; no text may hold a
    NUL character."""

    model_config = ConfigDict(extra="forbid")


class ErrorItem(Schema):
    field: str | None = Field(description="the field, as a dotted path; null for the request")
    message: str = Field(description="what is wrong, in plain words")


class Errors(Schema):
    errors: list[ErrorItem] = Field(description="one item per problem")


ERRORS = {400: Errors, 401: Errors, 403: Errors, 404: Errors, 409: Errors, 422: Errors}


class ProgrammeSummary(Schema):
    id: str = Field(description="the programme id, as in /programmes/{id}")
    kind: str = Field(
        description="exercises (a self-training programme) or run_plan (a walk/run plan)"
    )
    title: str = Field(description="the title in the language given")
    summary: str = Field(description="one or two sentences: whom it is for")
    language: str = Field(description="the language of title and summary (da, en, de or nb)")


class PainOut(Schema):
    during: int | None = Field(description="pain during the session, 0-10 (null: not given)")
    after: int | None = Field(description="pain right after it, 0-10")
    next_morning: int | None = Field(description="pain the next morning, 0-10")


class EntryOut(Schema):
    id: int = Field(description="the entry id")
    date: dt.date = Field(description="the day of the session or check")
    kind: str = Field(description="strength, run or check")
    completed: bool = Field(description="whether the session was done (false: skipped or stopped)")
    sets_done: int | None = Field(description="sets done, when fewer than planned or counted")
    pain: PainOut = Field(description="pain scores 0-10")
    swelling: bool = Field(description="swelling noticed after the session")
    red_flags: list[str] = Field(
        description="red-flag codes answered yes (any one stops self-training)"
    )
    painful_exercises: list[str] = Field(description="ids of the exercises that hurt")
    run_minutes: float | None = Field(description="minutes run")
    run_week: int | None = Field(description="the run plan week of the run")
    run_day: int | None = Field(description="the run plan day of the run")
    note: str = Field(description="the runner's own note")
    idempotency_key: str | None = Field(
        description="the client's key: sending it again gives this entry, never a second"
    )
    programme: str | None = Field(description="the programme the entry belongs to")
    created_at: dt.datetime = Field(description="when the entry was stored")
    updated_at: dt.datetime = Field(description="when it was last changed")
    editable_until: dt.datetime = Field(
        description="until when the runner may still edit it (24 hours)"
    )


class TokenIn(In):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class TokenOut(Schema):
    id: int = Field(description="the token id")
    name: str = Field(description="the name its owner gave it")
    hint: str = Field(description="its first characters, to tell tokens apart")
    created_at: dt.datetime = Field(description="when it was made")
    last_used_at: dt.datetime | None = Field(
        description="when it was last used (noted at most once an hour)"
    )
    revoked_at: dt.datetime | None = Field(description="when it was revoked; null while it works")


class TokenCreated(TokenOut):
    token: str = Field(description="the secret: shown this once, store it now")


class EvidenceOut(Schema):
    entry_id: int | None = Field(description="the journal entry behind the flag")
    date: dt.date | None = Field(description="its date")
    field: str = Field(description="the entry's field, e.g. pain.during")
    value: float | int | str | None = Field(description="the value logged")
    limit: float | None = Field(description="the limit it crossed, if any")


class FlagOut(Schema):
    code: str = Field(
        description="what needs attention, e.g. red_flag, pain_above_limit, missed_sessions"
    )
    evidence: list[EvidenceOut] = Field(description="the entries behind it")
    facts: dict[str, Any] = Field(description="the numbers behind it, by name")


class PatientOut(Schema):
    runner_id: int = Field(description="the runner's user id")
    name: str = Field(description="the runner's name")
    email: str = Field(description="the runner's e-mail")
    language: str = Field(description="the runner's language")
    programme_id: str | None = Field(description="the programme followed (the first, with several)")
    run_plan_id: str | None = Field(description="the run plan followed, if any")
    start: dt.date | None = Field(description="the programme's start")
    week: int | None = Field(description="the programme week today")
    last_entry: dt.date | None = Field(description="the day of the latest journal entry")
    worst_pain_7d: int | None = Field(description="the worst pain logged in the last 7 days")
    sessions_7d: int = Field(description="sessions logged in the last 7 days")
    pain_limit: float | None = Field(description="the pain limit during training in force")
    urgency: int = Field(description="how urgently the patient needs attention: higher comes first")
    flags: list[FlagOut] = Field(description="what needs attention, each with its evidence")


class PrescriptionOut(Schema):
    id: int = Field(description="the enrollment id")
    runner_id: int = Field(description="the runner's user id")
    programme_id: str = Field(description="the programme")
    start: dt.date = Field(description="its start")
    active: bool = Field(description="whether it is followed now")
    adjustments: list[Any] = Field(
        description="the clinician's changes: doses, variants, skips, additions"
    )
    thresholds: dict[str, Any] = Field(
        description="the clinician's limits over the programme's own, by name"
    )
    note_to_runner: str = Field(description="the clinician's note, shown to the runner on Today")
    prescribed_by_id: int | None = Field(
        description="the prescribing clinician's user id (null: chosen by the runner)"
    )
    rule_set: str = Field(description="the rule set the runner follows here (docs/rules.md)")
    rule_set_by_id: int | None = Field(None, description="who chose it (None: the default)")
    rule_set_at: dt.datetime | None = Field(None, description="when it was chosen")
    start_phase: int = Field(1, description="the phase the runner started in")
    earlier_phases_pain_free: bool | None = Field(
        None, description="someone's word on the phases before the start (None: not said)"
    )
    earlier_stated_by_id: int | None = Field(None, description="who said so (a user id)")
    earlier_stated_at: dt.datetime | None = Field(None, description="when it was said")


class PatientDetail(Schema):
    patient: PatientOut = Field(description="the patient's row, as in the list")
    prescriptions: list[PrescriptionOut] = Field(description="every programme, active or not")
    journal: list[EntryOut] = Field(description="the journal, newest first")


class PrescribeIn(In):
    programme_id: Annotated[str, StringConstraints(max_length=80)]
    start: dt.date
    adjustments: list[Any] = []
    thresholds: dict[str, Any] = {}
    note: Annotated[str, StringConstraints(max_length=5000)] = ""
    rule_set: Annotated[str, StringConstraints(max_length=40)] | None = None
    start_phase: StrictInt = 1
    earlier_phases_pain_free: StrictBool | None = None
    with_run_plan: StrictBool = False


class AdjustIn(In):
    enrollment_id: Annotated[StrictInt, Field(ge=1, le=MAX_ID)] | None = None
    adjustments: list[Any] | None = None
    thresholds: dict[str, Any] | None = None
    note: Annotated[str, StringConstraints(max_length=5000)] | None = None
    rule_set: Annotated[str, StringConstraints(max_length=40)] | None = None
    earlier_phases_pain_free: StrictBool | None = None


class ClearanceIn(In):
    on: dt.date | None = None
    note: Annotated[str, StringConstraints(max_length=5000)] = ""
    by_mistake: bool = False


class ClearanceOut(Schema):
    id: int = Field(description="the clearance id")
    runner_id: int = Field(description="the runner's user id")
    cleared_on: dt.date = Field(description="the day self-training may resume from")
    note: str = Field(description="what the clinician found")
    by_mistake: bool = Field(
        default=False, description="the runner's tick was a mistake: a recorded correction"
    )


class InviteIn(In):
    email: Annotated[str, StringConstraints(max_length=254)] = ""


class InviteOut(Schema):
    id: int = Field(description="the invitation id")
    email: str = Field(description="whom it was sent to (empty for a link)")
    status: str = Field(description="pending or accepted")
    url: str = Field(description="the link the runner opens to accept")
