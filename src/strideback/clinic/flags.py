"""Who needs attention and why: the patient list's flags, each with the entries behind it.

Pure functions over rows already loaded (``Rows``), so the list costs the same few queries for
five patients or two hundred. Pain limits are the engine's threshold table for the programme,
with the clinician's overrides; a flag never invents its own limit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from strideback.accounts.models import User
from strideback.core.content.library import Library
from strideback.core.content.models import Programme
from strideback.core.engine.thresholds import ThresholdError, Thresholds
from strideback.training import convert
from strideback.training.models import Enrollment, JournalEntry, RedFlagClearance

RECENT_DAYS = 7  # "pain above the limit in the last 7 days"
MISSED_WINDOW_DAYS = 14  # sessions expected by the schedule over the last two weeks
MISSED_AT_LEAST = 2  # one missed session is life; two is a pattern worth a look
RISE_AT_LEAST = 1.0  # average worst pain this week vs last week, points on the 0-10 scale


class FlagCode(StrEnum):
    RED_FLAG = "red_flag"
    PAIN_ABOVE_LIMIT = "pain_above_limit"
    PAIN_RISING = "pain_rising"
    RUNNING_PAUSED = "running_paused"
    MISSED_SESSIONS = "missed_sessions"


# Order of attention: a red flag outweighs everything else together.
WEIGHT: dict[FlagCode, int] = {
    FlagCode.RED_FLAG: 1000,
    FlagCode.PAIN_ABOVE_LIMIT: 100,
    FlagCode.PAIN_RISING: 50,
    FlagCode.RUNNING_PAUSED: 20,
    FlagCode.MISSED_SESSIONS: 10,
}


@dataclass(frozen=True)
class Evidence:
    """One journal value behind a flag: which entry, which field, its value and the limit."""

    entry_id: int | None
    date: dt.date | None
    field: str
    value: float | int | str | None
    limit: float | None = None


@dataclass(frozen=True)
class Flag:
    code: FlagCode
    evidence: tuple[Evidence, ...]
    facts: Mapping[str, object] = field(default_factory=dict)

    @property
    def entry_ids(self) -> list[int]:
        return sorted({e.entry_id for e in self.evidence if e.entry_id is not None})

    @property
    def dates(self) -> list[dt.date]:
        return sorted({e.date for e in self.evidence if e.date is not None})


@dataclass(frozen=True)
class PatientRow:
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
    flags: tuple[Flag, ...]

    @property
    def display_name(self) -> str:
        return self.name or self.email

    @property
    def urgency(self) -> int:
        return sum(WEIGHT[f.code] for f in self.flags)

    @property
    def needs_attention(self) -> bool:
        return bool(self.flags)

    def flag(self, code: FlagCode) -> Flag | None:
        return next((f for f in self.flags if f.code == code), None)


# The row's fields as the JSON API gives them (plus ``urgency`` and ``flags``).
ROW_FIELDS = (
    "runner_id",
    "name",
    "email",
    "language",
    "programme_id",
    "run_plan_id",
    "start",
    "week",
    "last_entry",
    "worst_pain_7d",
    "sessions_7d",
    "pain_limit",
)


def _evidence_data(e: Evidence) -> dict[str, object]:
    return {
        "entry_id": e.entry_id,
        "date": e.date,
        "field": e.field,
        "value": e.value,
        "limit": e.limit,
    }


def row_data(row: PatientRow) -> dict[str, object]:
    """The row as JSON-ready data (the API's ``PatientOut``). Built field by field:
    ``dataclasses.asdict`` deep-copies and cost ~0.5 ms per row."""
    out: dict[str, object] = {name: getattr(row, name) for name in ROW_FIELDS}
    out["urgency"] = row.urgency
    out["flags"] = [
        {
            "code": flag.code.value,
            "evidence": [_evidence_data(e) for e in flag.evidence],
            "facts": dict(flag.facts),
        }
        for flag in row.flags
    ]
    return out


class Rows:
    """Rows of many runners, loaded once and grouped by runner."""

    def __init__(
        self,
        enrollments: Sequence[Enrollment],
        entries: Sequence[JournalEntry],
        clearances: Sequence[RedFlagClearance],
    ) -> None:
        self.enrollments: dict[int, list[Enrollment]] = defaultdict(list)
        self.entries: dict[int, list[JournalEntry]] = defaultdict(list)
        self.clearances: dict[int, list[RedFlagClearance]] = defaultdict(list)
        for enrollment in enrollments:
            self.enrollments[enrollment.user_id].append(enrollment)
        for entry in sorted(entries, key=lambda e: (e.date, e.pk)):
            self.entries[entry.user_id].append(entry)
        for clearance in clearances:
            self.clearances[clearance.user_id].append(clearance)


def split_enrollments(
    enrollments: Sequence[Enrollment], library: Library
) -> tuple[Enrollment | None, Enrollment | None]:
    """(the exercise programme, the run plan) among a runner's active enrollments."""
    main = run = None
    # The newest last (the latest start, then the latest made), as services.prescriptions.
    for enrollment in sorted(enrollments, key=lambda e: (e.start, e.pk)):
        prog = library.programmes.get(enrollment.programme_id)
        if prog is None:
            continue
        if prog.kind == "exercises":
            main = enrollment
        else:
            run = enrollment
    return main, run


def limits_for(
    library: Library, main: Enrollment | None, run: Enrollment | None
) -> Thresholds | None:
    first = main or run
    if first is None:
        return None
    programme = library.programme(first.programme_id)
    run_plan: Programme | None = library.programme(run.programme_id) if run else None
    # Cached per (programme, run plan, overrides): the same few tables serve every patient.
    try:
        return convert.threshold_table(
            programme, run_plan, first.thresholds or {}, first.rule_set or None
        )
    except ThresholdError:
        return convert.threshold_table(programme, run_plan, None, first.rule_set or None)


def worst(entry: JournalEntry) -> int | None:
    values = [
        v for v in (entry.pain_during, entry.pain_after, entry.pain_next_morning) if v is not None
    ]
    return max(values) if values else None


def flags_for(runner: User, rows: Rows, library: Library, on: dt.date) -> PatientRow:
    main, run = split_enrollments(rows.enrollments.get(runner.pk, []), library)
    entries = [e for e in rows.entries.get(runner.pk, []) if e.date <= on]
    limits = limits_for(library, main, run)
    recent = [e for e in entries if e.date > on - dt.timedelta(days=RECENT_DAYS)]
    red = _red_flag(entries, rows.clearances.get(runner.pk, []), on)
    since = red.facts.get("since") if red is not None else None
    stopped = since if isinstance(since, dt.date) else None
    flags = [
        red,
        _pain_above_limit(recent, limits) if limits else None,
        _pain_rising(entries, on),
        _running_paused(
            entries,
            rows.enrollments.get(runner.pk, []),
            rows.clearances.get(runner.pk, []),
            limits,
            library,
            on,
        )
        if limits and run
        else None,
        _missed_sessions(entries, main or run, library, on, stopped),
    ]
    first = main or run
    pains = [p for p in (worst(e) for e in recent) if p is not None]
    return PatientRow(
        runner_id=runner.pk,
        name=runner.name,
        email=runner.email,
        language=runner.language,
        programme_id=main.programme_id if main else None,
        run_plan_id=run.programme_id if run else None,
        start=first.start if first else None,
        week=(on - first.start).days // 7 + 1 if first and first.start <= on else None,
        last_entry=max((e.date for e in entries), default=None),
        worst_pain_7d=max(pains, default=None),
        sessions_7d=sum(1 for e in recent if e.completed and e.kind != "check"),
        pain_limit=limits.pain_during_max if limits else None,
        flags=tuple(f for f in flags if f is not None),
    )


def _red_flag(
    entries: Sequence[JournalEntry], clearances: Sequence[RedFlagClearance], on: dt.date
) -> Flag | None:
    # As the engine reads it: a clearance dated on or after a red flag's day clears it.
    last = max((c.cleared_on for c in clearances if c.cleared_on <= on), default=None)
    open_ = [e for e in entries if e.red_flags and (last is None or e.date > last)]
    if not open_:
        return None
    evidence = tuple(
        Evidence(e.pk, e.date, "red_flags", code) for e in open_ for code in e.red_flags
    )
    return Flag(FlagCode.RED_FLAG, evidence, {"since": open_[0].date})


def _pain_checks(entry: JournalEntry, limits: Thresholds) -> list[tuple[str, int | None, float]]:
    if entry.kind == "run":
        return [
            ("pain_during", entry.pain_during, limits.run_pain_during_max),
            ("pain_after", entry.pain_after, limits.run_pain_after_max),
            ("pain_next_morning", entry.pain_next_morning, limits.run_pain_next_morning_max),
        ]
    return [
        ("pain_during", entry.pain_during, limits.pain_during_max),
        ("pain_after", entry.pain_after, limits.pain_after_max),
        ("pain_next_morning", entry.pain_next_morning, limits.pain_next_morning_max),
    ]


def _pain_above_limit(recent: Sequence[JournalEntry], limits: Thresholds) -> Flag | None:
    evidence = tuple(
        Evidence(e.pk, e.date, name, value, limit)
        for e in recent
        for name, value, limit in _pain_checks(e, limits)
        if value is not None and value > limit
    )
    if not evidence:
        return None
    worst_value = max(float(e.value) for e in evidence if isinstance(e.value, int | float))
    return Flag(FlagCode.PAIN_ABOVE_LIMIT, evidence, {"worst": worst_value})


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _pain_rising(entries: Sequence[JournalEntry], on: dt.date) -> Flag | None:
    week = dt.timedelta(days=RECENT_DAYS)
    now = [(e, worst(e)) for e in entries if e.date > on - week]
    before = [(e, worst(e)) for e in entries if on - 2 * week < e.date <= on - week]
    now_mean = _mean([p for _, p in now if p is not None])
    before_mean = _mean([p for _, p in before if p is not None])
    if now_mean is None or before_mean is None or now_mean - before_mean < RISE_AT_LEAST:
        return None
    evidence = tuple(
        Evidence(e.pk, e.date, "worst_pain", p) for e, p in [*before, *now] if p is not None
    )
    facts = {"before": round(before_mean, 1), "now": round(now_mean, 1)}
    return Flag(FlagCode.PAIN_RISING, evidence, facts)


def _run_breach(entry: JournalEntry, limits: Thresholds) -> list[Evidence]:
    return [
        Evidence(entry.pk, entry.date, name, value, limit)
        for name, value, limit in _pain_checks(entry, limits)
        if value is not None and value > limit
    ]


def _running_paused(
    runner_entries: Sequence[JournalEntry],
    enrollments: Sequence[Enrollment],
    clearances: Sequence[RedFlagClearance],
    limits: Thresholds,
    library: Library,
    on: dt.date,
) -> Flag | None:
    """Running is paused when the engine says so (as on the runner's own Today page); the
    evidence is the run whose pain paused it."""
    from strideback.core.engine.plan import evaluate

    journal = convert.journal(runner_entries)
    cleared = convert.cleared_dates(clearances)
    for track in convert.tracks(list(enrollments), library):
        if track.run_plan is None and track.programme.kind != "run_plan":
            continue
        state = evaluate(
            track.programme,
            track.enrollment.start,
            journal,
            on,
            run_plan=track.run_plan,
            thresholds=limits,
            cleared=cleared,
            **track.engine_options(),
        )
        if state.running.paused:
            evidence = _last_breach(runner_entries, limits)
            facts = {
                "since": evidence[0].date if evidence else None,
                "restart_on": state.running.restart_on,
            }
            return Flag(FlagCode.RUNNING_PAUSED, tuple(evidence), facts)
    return None


def _last_breach(entries: Sequence[JournalEntry], limits: Thresholds) -> list[Evidence]:
    """The pain values of the latest run that went over a run limit."""
    for entry in reversed(entries):
        if entry.kind == "run":
            breach = _run_breach(entry, limits)
            if breach:
                return breach
    return []


def _expected_sessions(programme: Programme, days: int) -> int:
    schedule = programme.schedule
    if schedule.every_days is not None:
        return days // schedule.every_days
    per_week = schedule.per_week_min or schedule.per_week_max or 0
    return per_week * days // 7


def _missed_sessions(
    entries: Sequence[JournalEntry],
    enrollment: Enrollment | None,
    library: Library,
    on: dt.date,
    stopped: dt.date | None = None,
) -> Flag | None:
    """Fewer sessions than the schedule expects over the last two weeks. Days since a red flag
    stopped self-training do not count: the runner was told not to train."""
    if enrollment is None:
        return None
    first = max(enrollment.start, on - dt.timedelta(days=MISSED_WINDOW_DAYS - 1))
    last = on if stopped is None else min(on, stopped - dt.timedelta(days=1))
    if last < first:
        return None
    programme = library.programme(enrollment.programme_id)
    kind = "strength" if programme.kind == "exercises" else "run"
    days = (last - first).days + 1
    done = [e for e in entries if e.kind == kind and e.completed and first <= e.date <= last]
    expected = _expected_sessions(programme, days)
    missed = expected - len({e.date for e in done})
    if missed < MISSED_AT_LEAST:
        return None
    evidence = tuple(Evidence(e.pk, e.date, "completed", kind) for e in done)
    last_done = max((e.date for e in entries if e.kind == kind and e.completed), default=None)
    facts = {"expected": expected, "done": expected - missed, "days": days, "last": last_done}
    return Flag(FlagCode.MISSED_SESSIONS, evidence, facts)
