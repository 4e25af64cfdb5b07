"""Rows -> core objects, in one place: journal rows, enrollments and clearances."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import QuerySet

from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.engine import journal as core_journal
from strideback.core.engine.red_flags import RedFlag
from strideback.training.models import Enrollment, JournalEntry, RedFlagClearance

ROW_FIELDS = (
    "enrollment_id",
    "date",
    "kind",
    "completed",
    "sets_done",
    "pain_during",
    "pain_after",
    "pain_next_morning",
    "swelling",
    "red_flags",
    "note",
    "run_minutes",
    "run_week",
    "run_day",
    "painful_exercises",
)


def light_rows(rows: QuerySet[JournalEntry]) -> list[SimpleNamespace]:
    """Journal rows with just the columns the engine reads: several times faster to load than
    model instances, which matters for a runner with months of history on every page view."""
    return [SimpleNamespace(**values) for values in rows.values(*ROW_FIELDS)]


def journal_entry(row: JournalEntry | SimpleNamespace) -> core_journal.JournalEntry:
    return core_journal.JournalEntry(
        date=row.date,
        kind=core_journal.EntryKind(row.kind),
        completed=row.completed,
        sets_done=row.sets_done,
        pain=core_journal.Pain(row.pain_during, row.pain_after, row.pain_next_morning),
        swelling=row.swelling,
        red_flags=frozenset(RedFlag(code) for code in row.red_flags if code in _FLAGS),
        note=row.note,
        run_minutes=row.run_minutes,
        run_week=row.run_week,
        run_day=row.run_day,
        painful_exercises=tuple(row.painful_exercises),
    )


_FLAGS = {flag.value for flag in RedFlag}


def journal(rows: Iterable[JournalEntry | SimpleNamespace]) -> list[core_journal.JournalEntry]:
    return sorted((journal_entry(r) for r in rows), key=lambda e: e.date)


def programme(enrollment: Enrollment, library: Library | None = None) -> Programme:
    """The library programme as this runner follows it (with a clinician's adjustments)."""
    library = library or default_library()
    base = library.programme(enrollment.programme_id)
    if not enrollment.adjustments:
        return base
    from strideback.core.content.adjust import apply_adjustments

    return apply_adjustments(base, enrollment.adjustments, library)


def cleared_dates(rows: Iterable[RedFlagClearance]) -> tuple[dt.date, ...]:
    return tuple(sorted(r.cleared_on for r in rows))


@dataclass(frozen=True)
class Track:
    """One programme the runner follows, with the run plan that goes with it (if any).

    A run plan enrolled on its own (no exercise programme names it as companion) is a track
    of its own; the engine is then given the run plan alone.
    """

    enrollment: Enrollment
    programme: Programme
    run_enrollment: Enrollment | None = None
    run_plan: Programme | None = None

    @property
    def enrollment_ids(self) -> set[int]:
        ids = {self.enrollment.pk}
        if self.run_enrollment is not None:
            ids.add(self.run_enrollment.pk)
        return ids


def tracks(enrollments: Sequence[Enrollment], library: Library | None = None) -> list[Track]:
    library = library or default_library()
    runs = {e.programme_id: e for e in enrollments if _kind(e, library) == "run_plan"}
    used: set[str] = set()
    out: list[Track] = []
    for e in enrollments:
        if _kind(e, library) != "exercises":
            continue
        prog = programme(e, library)
        run = runs.get(prog.companion or "")
        if run is not None:
            used.add(run.programme_id)
        plan = library.programme(run.programme_id) if run is not None else None
        out.append(Track(e, prog, run, plan))
    for pid, run in runs.items():
        if pid not in used:
            out.append(Track(run, library.programme(pid)))
    return out


def _kind(enrollment: Enrollment, library: Library) -> str:
    return library.programme(enrollment.programme_id).kind
