"""Response shapes of the runner's reads (decision, plan, export), a clinician's notes and a
programme's public JSON: every field described, so the OpenAPI document says what a client
gets (``tests/api/test_openapi_schema.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema
from pydantic import Field

from strideback.training.calendar import CalendarWeek


def described(text: str, default: Any = ...) -> Any:
    return Field(default, description=text)


# --- the decision ----------------------------------------------------------------------------


class CitedOut(Schema):
    rule: str = described("the rule behind the reason")
    rule_set: str = described("the rule set it belongs to")
    kind: str = described("where it comes from: seed, study, strideback or clinician")
    ref: str = described("the source itself (empty for Strideback's own)")
    text: str = described(
        "the source in words, as the pages show it behind 'Why?' (explain.source_text)", ""
    )


class ReasonOut(Schema):
    code: str = described("the reason's code (docs/engine.md lists them)")
    facts: dict[str, Any] = described("the numbers behind it, by name (dates as YYYY-MM-DD)")
    text: str = described("the reason as a sentence in the language asked for")
    source: CitedOut | None = described("the rule's source (docs/rules.md)")


class RunningOut(Schema):
    allowed: bool = described("whether running is allowed today")
    paused: bool = described("whether running is paused by pain")
    run_week: int | None = described("the run plan week, once running is allowed")
    restart_on: dt.date | None = described("when a paused run plan may start again")
    reasons: list[ReasonOut] = described("why running is (not) allowed")


class RedFlagDateOut(Schema):
    code: str = described("the red-flag code")
    date: dt.date = described("the day it was reported")


class DecisionOut(Schema):
    programme_id: str = described("the programme")
    rule_set: str = described("the rule set that judged the journal (docs/rules.md)")
    rule_set_name: str = described("the rule set's name in words", "")
    on: dt.date = described("the day decided for (today)")
    status: str = described("active, or stopped (a red flag until a clinician clears it)")
    phase: int | None = described("the programme phase")
    week: int = described("the programme week")
    action: str = described(
        "continue, advance, hold, step_back, pause_running, resume_running or stop"
    )
    reasons: list[ReasonOut] = described("why")
    running: RunningOut = described("the running gate and the run plan's state")
    warnings: list[ReasonOut] = described("what to watch, without changing the plan")
    advice: list[ReasonOut] = described("how to adjust exercises that hurt")
    red_flags: list[RedFlagDateOut] = described("red flags in the journal")


# --- the plan ahead --------------------------------------------------------------------------


class PlanProgrammeOut(Schema):
    id: int = described("the enrollment id")
    programme_id: str = described("the programme")
    start: dt.date = described("its start")
    prescribed: bool = described("whether a clinician prescribed it")
    note_to_runner: str = described("the clinician's note to the runner")


class PlannedSessionOut(Schema):
    date: dt.date = described("the day")
    kind: str = described("strength or run")
    status: str = described("planned")
    programme_id: str | None = described("the programme it belongs to")
    title: str = described("the programme's title")
    phase: int | None = described("the programme phase (strength)")
    run_week: int | None = described("the run plan week (runs)")
    run_day: int | None = described("the run plan day (runs)")
    pain: int | None = described("always null for a planned session")
    play_url: str | None = described("the session player's address, on the day itself")
    minutes: int = described("about how long, in minutes", 0)
    lines: list[str] = described("a strength session: its exercises and doses", [])


class PlanOut(Schema):
    on: dt.date = described("today")
    programmes: list[PlanProgrammeOut] = described("the programmes followed")
    sessions: list[PlannedSessionOut] = described("the sessions planned, day by day")


# --- the calendar ----------------------------------------------------------------------------


class CalendarOut(Schema):
    """The calendar page's answer without its subscription secret (shown on the page only)."""

    start: dt.date = described("the first day shown")
    end: dt.date = described("the last day shown")
    on: dt.date = described("today")
    weeks: list[CalendarWeek] = described("the weeks, each with its days")
    previous: dt.date = described("the first day of the range before")
    following: dt.date = described("the first day of the range after")


# --- the data export -------------------------------------------------------------------------


class AccountExport(Schema):
    email: str = described("the e-mail address")
    name: str = described("the name")
    language: str = described("the language chosen")
    role: str = described("runner or clinician")
    date_joined: str = described("when the account was made (ISO 8601)")


class ProfileExport(Schema):
    areas: list[str] = described("where it hurts, as answered at the start")
    goal: str = described("the goal chosen at the start")
    onboarded_at: str | None = described("when the start questions were answered (ISO 8601)")


class EnrollmentExport(Schema):
    programme: str = described("the programme id")
    start: str = described("its start (YYYY-MM-DD)")
    active: bool = described("whether it is followed now")
    prescribed: bool = described("whether a clinician prescribed it")
    adjustments: list[Any] | None = described("the clinician's changes to it")
    thresholds: dict[str, Any] | None = described("the clinician's limits over the programme's")
    note_to_runner: str = described("the clinician's note")


class EntryExport(Schema):
    date: str = described("the day (YYYY-MM-DD)")
    kind: str = described("strength, run or check")
    completed: bool = described("whether the session was done")
    sets_done: int | None = described("sets done")
    pain_during: int | None = described("pain during, 0-10")
    pain_after: int | None = described("pain right after, 0-10")
    pain_next_morning: int | None = described("pain the next morning, 0-10")
    swelling: bool = described("swelling after the session")
    red_flags: list[str] = described("red-flag codes answered yes")
    painful_exercises: list[str] = described("exercises that hurt")
    run_minutes: float | None = described("minutes run")
    run_week: int | None = described("the run plan week")
    run_day: int | None = described("the run plan day")
    note: str = described("the runner's note")
    programme: str | None = described("the programme the entry belongs to")
    created_at: str = described("when it was stored (ISO 8601)")


class ClearanceExport(Schema):
    cleared_on: str = described("the day self-training could resume (YYYY-MM-DD)")
    note: str = described("what the clinician found")
    by_mistake: bool = described("the runner's tick was a mistake: a recorded correction")


class ClinicianExport(Schema):
    clinician: str = described("the clinician's e-mail")
    status: str = described("invited, active or stopped")
    accepted_at: str | None = described("when the runner accepted (ISO 8601)")


class ExportOut(Schema):
    format: str = described("the export format and its version: strideback-export/1")
    account: AccountExport = described("the account")
    profile: ProfileExport = described("the answers given at the start")
    enrollments: list[EnrollmentExport] = described("every programme, active or not")
    journal: list[EntryExport] = described("every journal entry")
    clearances: list[ClearanceExport] = described("red-flag clearances by a clinician")
    clinicians: list[ClinicianExport] = described("the clinicians the plan is shared with")
    runs_from_watch: list[dict[str, Any]] = described("runs imported from a watch's files")
    questionnaire_responses: list[dict[str, Any]] = described("questionnaires answered")
    set_loads: list[dict[str, Any]] = described("loads lifted, set by set")
    physio_invites: list[dict[str, Any]] = described(
        "invitations sent to a physiotherapist: e-mail, when, accepted when"
    )
    reminders_sent: list[dict[str, Any]] = described("reminders sent: day, kind, channels")
    api_tokens: list[dict[str, Any]] = described(
        "personal API tokens: name, first characters, made, last used, revoked (no secret)"
    )
    rule_set_changes: list[dict[str, Any]] = described(
        "a clinician's switches of the rule set followed: programme, from, to, by, at"
    )


# --- a clinician's notes ---------------------------------------------------------------------


class NoteOut(Schema):
    id: int = described("the note id")
    text: str = described("the note (seen only by its author)")
    created_at: dt.datetime = described("when it was written")


# --- a programme's public JSON (``core.content.public``) -------------------------------------


class DoseOut(Schema):
    sets: int = described("sets")
    reps: int | None = described("repetitions per set (the lower end of a range)")
    reps_max: int | None = described("the upper end of a range of repetitions")
    hold_seconds: int | None = described("seconds to hold (the lower end of a range)")
    hold_seconds_max: int | None = described("the upper end of a range of seconds")
    steps_each_way: int | None = described("steps each way (walking exercises)")
    tempo_seconds: list[int] | None = described("seconds up, hold, down per repetition")
    per_side: bool = described("whether the dose is for each side")
    repetition_maximum: bool = described("reps as a load you can lift that many times at most")
    load: str | None = described("the load in words")
    rest_seconds: int | None = described("rest between sets, in seconds")
    text: str = described("the whole dose in words")


class ItemOut(Schema):
    position: str = described("its number in the phase, as in the handout (3, 3.a)")
    part: str = described("warm_up, main or cool_down")
    exercise: str = described("the exercise id")
    name: str = described("the exercise's name")
    alternative_to: str | None = described("the position of the exercise this one may replace")
    dose: DoseOut = described("how much")
    setup: list[str] = described("what to set up, in words")
    note: str | None = described("a note on this exercise in this programme")


class WeeksOut(Schema):
    from_: int = Field(alias="from", description="the phase's first programme week")
    to: int | None = described("its last week (null: open-ended)")


class PhaseOut(Schema):
    number: int = described("the phase number, as in the handout")
    title: str | None = described("the phase's title")
    weeks: WeeksOut = described("the programme weeks of the phase")
    items: list[ItemOut] = described("the exercises")


class SegmentOut(Schema):
    kind: str = described("walk or run")
    minutes: int = described("minutes")
    or_km: float | None = described("or this distance in km")


class RunSessionOut(Schema):
    day: int = described("the session's day in the week")
    minutes: int = described("the session's minutes in all")
    segments: list[SegmentOut] = described("walk and run intervals, in order")


class RunWeekOut(Schema):
    number: int = described("the run plan week")
    sessions: list[RunSessionOut] = described("its sessions")


class SourceOut(Schema):
    seed: str = described("the number of the source document the programme is built from")
    title: str = described("the source's title")
    publisher: str | None = described("who published it")
    published: str | None = described("when")


class SectionOut(Schema):
    heading: str = described("the section's heading")
    paragraphs: list[str] = described("its paragraphs")


class RuleSetOut(Schema):
    id: str = described("the rule set id")
    name: str = described("its name")


class ProgrammeOut(Schema):
    id: str = described("the programme id")
    kind: str = described("exercises or run_plan")
    title: str = described("the title")
    summary: str = described("whom it is for")
    language: str = described("the language of the texts")
    languages: list[str] = described("every language it is available in")
    source: SourceOut = described("where it comes from")
    references: list[str] = described("studies and guidelines behind it")
    rule_sets: list[RuleSetOut] = described("the rule sets that judge pain (docs/rules.md)")
    schedule: str = described("how often sessions happen, in words")
    companion: str | None = described("the programme usually followed with it")
    guidance: list[SectionOut] = described("advice sections, as in the handout")
    phases: list[PhaseOut] | None = described("exercises programmes: the phases", None)
    weeks: list[RunWeekOut] | None = described("run plans: the weeks", None)


# --- a questionnaire's public JSON (``core.questionnaires.public``) --------------------------


class OptionOut(Schema):
    id: str = described("the option id, as answered")
    text: str = described("the option's words")
    points: int = described("its points in the score")


class AnchorsOut(Schema):
    min: str = described("what the lowest number means")
    max: str = described("what the highest number means")


class QuestionOut(Schema):
    id: str = described("the item id, as answered")
    text: str = described("the question")
    options: list[OptionOut] | None = described("single choice: the options", None)
    min: int | None = described("a number answer: the lowest", None)
    max: int | None = described("a number answer: the highest", None)
    anchors: AnchorsOut | None = described("a number answer: the words at both ends", None)
    optional: bool = described("whether it may be left out")
    not_applicable: str | None = described("the answer meaning 'does not apply', if allowed", None)


class ScoringOut(Schema):
    method: str = described("sum, mean or percent")
    min: float = described("the lowest score")
    max: float = described("the highest score")
    higher_is_better: bool = described("whether a higher score is better")
    smallest_important_change: float = described("the smallest change that matters")
    smallest_important_change_source: str = described("where that figure comes from")


class SubscaleOut(Schema):
    id: str = described("the subscale id")
    title: str = described("its title")
    items: list[str] = described("the items it adds up")


class QuestionnaireOut(Schema):
    id: str = described("the questionnaire id")
    abbreviation: str = described("its usual abbreviation (e.g. AKPS)")
    title: str = described("its title")
    instructions: str = described("what to tell the person answering")
    citation: str = described("the publication it comes from")
    licence: str = described("the terms it may be used under")
    versions: str | None = described("where versions differ, and which one this is")
    scoring: ScoringOut = described("how answers become a score")
    subscales: list[SubscaleOut] = described("subscales, each scored on its own")
    items: list[QuestionOut] = described("the questions, in order")
