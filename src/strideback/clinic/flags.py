"""The patient list's rows: one per patient, with the flags of ``core.outcomes.flags`` (who
needs attention and why, each with the entries behind it).

The rules are in the core; this module loads nothing itself: it turns rows already loaded
(``Rows``, the same few queries for five patients or two hundred) into the core's journal and
the engine's limits, and the result into a ``PatientRow``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from strideback.accounts.models import User
from strideback.core.content.library import Library
from strideback.core.content.models import Programme
from strideback.core.engine.state import evaluate
from strideback.core.engine.thresholds import ThresholdError, Thresholds
from strideback.core.outcomes import flags as rules
from strideback.core.outcomes.adherence import missed_sessions
from strideback.core.outcomes.flags import WEIGHT, Evidence, Flag, FlagCode, Logged
from strideback.training import convert
from strideback.training.models import Enrollment, JournalEntry, RedFlagClearance

__all__ = [
    "Evidence",
    "Flag",
    "FlagCode",
    "PatientRow",
    "Rows",
    "flags_for",
    "row_data",
    "row_from_data",
]


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


def row_from_data(data: Mapping[str, Any]) -> PatientRow:
    """A row back from ``row_data`` (a kept row's JSON): the patient-list page renders the same
    kept rows the API gives."""

    def day(value: object) -> dt.date | None:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None

    flags = tuple(
        Flag(
            FlagCode(f["code"]),
            tuple(
                Evidence(e["entry_id"], day(e["date"]), e["field"], e["value"], e["limit"])
                for e in f["evidence"]
            ),
            f["facts"],
        )
        for f in data["flags"]
    )
    fields: dict[str, Any] = {name: data[name] for name in ROW_FIELDS}
    fields["start"], fields["last_entry"] = day(data["start"]), day(data["last_entry"])
    return PatientRow(**fields, flags=flags)


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
    enrollments = rows.enrollments.get(runner.pk, [])
    main, run = split_enrollments(enrollments, library)
    entries = [e for e in rows.entries.get(runner.pk, []) if e.date <= on]
    logged: list[Logged] = [(e.pk, convert.journal_entry(e)) for e in entries]
    cleared = convert.cleared_dates(rows.clearances.get(runner.pk, []))
    limits = limits_for(library, main, run)
    flags = [rules.red_flag(logged, cleared, on), rules.pain_rising(logged, on)]
    if limits is not None:
        flags += [
            rules.pain_above_limit(logged, limits, on),
            *_engine_flags(logged, entries, enrollments, cleared, limits, library, on),
        ]
    recent = rules.recent(logged, on)
    first = main or run
    pains = [p for p in (e.pain.worst for _, e in recent) if p is not None]
    ordered = sorted((f for f in flags if f is not None), key=lambda f: -WEIGHT[f.code])
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
        sessions_7d=sum(1 for _, e in recent if e.completed and e.kind.value != "check"),
        pain_limit=limits.pain_during_max if limits else None,
        flags=tuple(ordered),
    )


def _engine_flags(
    logged: Sequence[Logged],
    rows: Sequence[JournalEntry],
    enrollments: Sequence[Enrollment],
    cleared: Sequence[dt.date],
    limits: Thresholds,
    library: Library,
    on: dt.date,
) -> list[Flag | None]:
    """Running paused and missed sessions: what the engine says for the runner's programme
    (as on their own Today and calendar)."""
    out: list[Flag | None] = []
    for track in convert.tracks(list(enrollments), library):
        # The programme's own entries, as the runner's Today and calendar read them.
        ids = track.enrollment_ids
        mine = [
            (i, e)
            for (i, e), row in zip(logged, rows, strict=True)
            if row.enrollment_id in ids or row.kind == "check"
        ]
        journal = [entry for _, entry in mine]
        if track.run_plan is not None or track.programme.kind == "run_plan":
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
            out.append(
                rules.running_paused(state.running.paused, state.running.restart_on, logged, limits)
            )
        window = rules.missed_window(track.enrollment.start, on)
        if window is not None:
            missed = missed_sessions(
                track.programme,
                track.enrollment.start,
                journal,
                *window,
                run_plan=track.run_plan,
                thresholds=limits,
                cleared=cleared,
                **track.engine_options(),
            )
            out.append(rules.missed_sessions(missed, mine, window))
    return _one_each(out)


def _one_each(flags: list[Flag | None]) -> list[Flag | None]:
    """One flag per code (a runner with two programmes: the first programme's)."""
    seen: set[FlagCode] = set()
    out: list[Flag | None] = []
    for flag in flags:
        if flag is not None and flag.code not in seen:
            seen.add(flag.code)
            out.append(flag)
    return out
