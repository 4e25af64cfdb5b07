"""One programme's set-up (its course of phases, its run table, its thresholds; cached: the same
programme objects are evaluated again and again) and the walk through the journal: read once,
in date order, up to the evaluation day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from strideback.core.content.models import Programme
from strideback.core.engine.advice import PainfulLog
from strideback.core.engine.gate import PhaseGate, Statement
from strideback.core.engine.journal import EntryKind, JournalEntry
from strideback.core.engine.monitoring import PainRecord
from strideback.core.engine.progression import NO_SESSION, WEEK, Course, Progression
from strideback.core.engine.red_flags import RedFlag
from strideback.core.engine.running import Running, RunTable
from strideback.core.engine.thresholds import Thresholds, rule_set_of, thresholds_for


@dataclass(frozen=True, slots=True)
class Setup:
    programme: Programme
    run_plan: Programme | None
    course: Course | None
    table: RunTable | None
    thresholds: Thresholds
    rule_set: str


_setups: dict[tuple[int, int, str | None], Setup] = {}


_SETUP_CACHE_SIZE = 64


def setup_for(programme: Programme, run_plan: Programme | None, rule_set: str | None) -> Setup:
    """Raises ``UnknownRuleSet`` for a rule set the programme does not offer."""
    key = (id(programme), id(run_plan), rule_set)
    found = _setups.get(key)
    if found is not None and found.programme is programme and found.run_plan is run_plan:
        return found
    chosen = rule_set_of(programme, rule_set)
    if run_plan is not None and run_plan.kind != "run_plan":
        raise ValueError(f"run_plan '{run_plan.id}' is not a run plan")
    alone = programme.kind == "run_plan"
    made = Setup(
        programme,
        run_plan,
        course=None if alone else Course.of(programme),
        table=RunTable.of(programme) if alone else (RunTable.of(run_plan) if run_plan else None),
        thresholds=thresholds_for(programme, None if alone else run_plan, chosen),
        rule_set=chosen,
    )
    if len(_setups) >= _SETUP_CACHE_SIZE:
        _setups.clear()
    _setups[key] = made
    return made


_by_date = attrgetter("ordinal")  # the date as a number: sorts faster than dates


@dataclass(slots=True)
class Walk:
    record: PainRecord
    progression: Progression | None
    running: Running | None
    painful: PainfulLog
    flags: list[tuple[int, RedFlag]]


def walk_journal(
    setup: Setup,
    th: Thresholds,
    start: tuple[int, int],
    journal: Sequence[JournalEntry],
    on_day: int,
    statement: Statement | None,
) -> Walk:
    """One pass over the journal in date order.

    This runs for every entry of every runner, so it is written for speed: a routine strength
    session in mid-week (the most common entry) only moves ``last`` on, in a local variable
    (handed to the progression before it is asked anything); a quiet run that only moves to
    the next session takes ``Running.quick``; everything else goes to the trackers' methods.
    """
    # The app reads journals in date order; sorting one that already is costs more than checking.
    entries = journal if _in_date_order(journal) else sorted(journal, key=_by_date)
    start_day, start_index = start
    first = bisect_left(entries, start_day, key=_by_date)
    end = bisect_right(entries, on_day, key=_by_date)
    record = PainRecord(th, entries)
    gate = None
    if setup.course is not None and setup.table is not None and th.running_gate_whole_phase:
        gate = PhaseGate(th.running_min_phase, th.running_gate_weeks, record, statement)
    prog = None
    if setup.course is not None:
        prog = Progression(setup.course, th, start_day, record, start_index, gate)
    run = None
    if setup.table is not None:
        run = Running(setup.table, th, prog is not None, on_day, record, entries, gate)
    walk = Walk(record, prog, run, PainfulLog(), [])
    for entry in entries[:first]:
        walk.flags += [(entry.ordinal, flag) for flag in entry.red_flags]
    quick = prog is not None and prog.quiet_is_nothing
    boundary = prog.boundary if prog is not None else 0
    last, gap = NO_SESSION, th.gap_days
    strength, run_kind = EntryKind.STRENGTH, EntryKind.RUN
    for index, entry in enumerate(entries[first:end], first):
        day = entry.ordinal
        if entry.routine and quick and day - last < gap:
            if day < boundary:
                last = day
                continue
            if day < boundary + WEEK and prog.quiet_week():  # type: ignore[union-attr]
                boundary, last = boundary + WEEK, day
                continue
        quiet, kind = entry.quiet, entry.kind
        if prog is not None:
            if kind is strength and (entry.completed or entry.attempted):
                prog.last_session = last
                prog.session(entry, day, index)
                boundary, last = prog.boundary, prog.last_session
            elif day >= boundary:
                prog.last_session = last
                prog.sync(day)
                boundary = prog.boundary
        if run is not None:
            if kind is run_kind and quiet and run.quick(entry, day):
                continue
            phase = prog.phase if prog is not None else 0
            if run.paused or (phase >= run.min_phase) is not run.gate_open:
                # as of the morning: before this entry's pain
                run.check(day, phase, last)
        if not quiet:
            record.record(entry, day)
            if entry.red_flags or entry.painful_exercises:
                _notice(walk, entry, day)
        if kind is run_kind and run is not None:
            run.run(entry, day, index)
    if on_day >= start_day:
        if prog is not None:
            prog.last_session = last
            prog.finish(on_day)
        if run is not None:
            run.finish(on_day, prog.phase if prog is not None else 0, last)
    return walk


def _in_date_order(journal: Sequence[JournalEntry]) -> bool:
    last = -1
    for entry in journal:
        day = entry.ordinal
        if day < last:
            return False
        last = day
    return True


def _notice(walk: Walk, entry: JournalEntry, day: int) -> None:
    """What an entry with red flags or painful exercises adds to the record."""
    if entry.red_flags:
        walk.flags += [(day, flag) for flag in entry.red_flags]
    if entry.painful_exercises and entry.kind is EntryKind.STRENGTH:
        walk.painful.record(entry, day)
