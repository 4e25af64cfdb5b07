"""Rows -> core objects, in one place: journal rows, enrollments and clearances."""

from __future__ import annotations

import datetime as dt
import json
from collections import namedtuple
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from strideback.core.content.adjust import apply_adjustments
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.engine import journal as core_journal
from strideback.core.engine.gate import Statement
from strideback.core.engine.red_flags import RedFlag
from strideback.core.engine.thresholds import Thresholds, thresholds_for
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


# A journal row with just the columns the engine reads (and its id): a plain tuple with names.
LightRow = namedtuple("LightRow", ("id", *ROW_FIELDS))  # type: ignore[misc]


_JSON_FIELDS = frozenset({"red_flags", "painful_exercises"})


def row_tuples(rows: QuerySet[JournalEntry], *leading: str) -> list[tuple[Any, ...]]:
    """``rows.values_list(*leading, *ROW_FIELDS)``, faster: the two JSON lists come as text and
    are decoded here, where almost all are ``[]``, instead of through Django's converter for
    every value (which was a third of the patient list's time)."""
    columns = [Cast(name, TextField()) if name in _JSON_FIELDS else name for name in ROW_FIELDS]
    first = len(leading) + ROW_FIELDS.index("red_flags")
    second = len(leading) + ROW_FIELDS.index("painful_exercises")
    out = []
    for values in rows.values_list(*leading, *columns):
        values = list(values)
        for i in (first, second):
            text = values[i]
            values[i] = [] if text == "[]" else json.loads(text)
        out.append(values)
    return out


def light_rows(rows: QuerySet[JournalEntry]) -> list[LightRow]:
    """Journal rows with just the columns the engine reads (and the id): several times faster to
    load than model instances, which matters for a runner with months of history on every page
    view. In the queryset's order (a journal entry's default: date, then id)."""
    return list(map(LightRow._make, row_tuples(rows, "id")))


def journal_entry(row: JournalEntry | SimpleNamespace | LightRow) -> core_journal.JournalEntry:
    # Looked up, not constructed: this runs for every journal row of every page the engine
    # computes (almost every row has no red flags and no painful exercises).
    flags = row.red_flags
    return core_journal.JournalEntry(
        date=row.date,
        kind=_KINDS[row.kind],
        completed=row.completed,
        sets_done=row.sets_done,
        pain=_pain(row.pain_during, row.pain_after, row.pain_next_morning),
        swelling=row.swelling,
        red_flags=frozenset(_FLAGS[c] for c in flags if c in _FLAGS) if flags else _NO_FLAGS,
        note=row.note,
        run_minutes=row.run_minutes,
        run_week=row.run_week,
        run_day=row.run_day,
        painful_exercises=tuple(row.painful_exercises) if row.painful_exercises else (),
    )


_KINDS = {kind.value: kind for kind in core_journal.EntryKind}
_FLAGS = {flag.value: flag for flag in RedFlag}
_NO_FLAGS: frozenset[RedFlag] = frozenset()


@lru_cache(maxsize=2048)  # pain is 0-10 or None three times: at most 1,331 different ones
def _pain(during: int | None, after: int | None, next_morning: int | None) -> core_journal.Pain:
    return core_journal.Pain(during, after, next_morning)


def journal(
    rows: Iterable[JournalEntry | SimpleNamespace | LightRow],
) -> list[core_journal.JournalEntry]:
    return sorted((journal_entry(r) for r in rows), key=lambda e: e.date)


# --- programmes and threshold tables, built once per process -----------------------------
#
# Programmes and threshold tables are frozen, and each depends only on immutable inputs: the
# library, the programme id, the adjustments' JSON (and the run plan, the overrides' JSON). So
# they are cached by exactly those inputs, never by time: a changed prescription is a new key.
# A cached value keeps the objects its key names by identity, and a hit checks them with
# ``is``, so a key can never match a newer object that took over an old one's id.

_CACHE_MAX = 1024
_programmes: dict[tuple[int, str, str], tuple[Library, Programme]] = {}
_tables: dict[tuple[int, int, str], tuple[Programme, Programme | None, Thresholds]] = {}


def _json_key(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _remember(cache: dict, key: object, value: object) -> None:  # type: ignore[type-arg]
    if len(cache) >= _CACHE_MAX:
        cache.clear()  # rare (more prescriptions than this in one process): start over
    cache[key] = value


def programme(enrollment: Enrollment, library: Library | None = None) -> Programme:
    """The library programme as this runner follows it (with a clinician's adjustments)."""
    library = library or default_library()
    base = library.programme(enrollment.programme_id)
    if not enrollment.adjustments:
        return base
    key = (id(library), enrollment.programme_id, _json_key(enrollment.adjustments))
    hit = _programmes.get(key)
    if hit is not None and hit[0] is library:
        return hit[1]

    adjusted = apply_adjustments(base, enrollment.adjustments, library)
    _remember(_programmes, key, (library, adjusted))
    return adjusted


def threshold_table(
    prog: Programme,
    run_plan: Programme | None = None,
    overrides: object = None,
    rule_set: str | None = None,
) -> Thresholds:
    """``thresholds_for(prog, run_plan, rule_set).with_overrides(overrides)``, cached; raises
    ``ThresholdError`` for bad overrides as ``with_overrides`` does (errors are not cached)."""
    key = (id(prog), id(run_plan), _json_key(overrides or {}), rule_set or "")
    hit = _tables.get(key)
    if hit is not None and hit[0] is prog and hit[1] is run_plan:
        return hit[2]
    table = thresholds_for(prog, run_plan, rule_set or None)
    if overrides:
        table = table.with_overrides(overrides)  # type: ignore[arg-type]
    _remember(_tables, key, (prog, run_plan, table))
    return table


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

    @property
    def rule_set(self) -> str | None:
        """The rule set a clinician chose for this runner (None: the programme's default)."""
        return self.enrollment.rule_set or None

    def thresholds(self) -> Thresholds:
        """The runner's table: the rule set's, with the clinician's overrides."""
        return threshold_table(
            self.programme, self.run_plan, self.enrollment.thresholds or {}, self.rule_set
        )

    def engine_options(self) -> dict[str, Any]:
        """What the engine needs besides the journal: the rule set, the start phase and
        someone's word on the phases before it."""
        e = self.enrollment
        return {
            "rule_set": self.rule_set,
            "start_phase": e.start_phase if self.programme.kind == "exercises" else None,
            "statement": statement(e),
        }


def statement(enrollment: Enrollment) -> Statement | None:
    """The runner's or their clinician's word on the phases before the start, if given."""
    said, at = enrollment.earlier_pain_free, enrollment.earlier_stated_at
    if said is None or at is None:
        return None
    by = "runner" if enrollment.earlier_stated_by_id == enrollment.user_id else "clinician"
    return Statement(said, at.date(), by)


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
