"""The engine's entry points: ``evaluate`` (where the runner is, and why) and ``plan`` (that,
plus the sessions of the coming days).

Everything comes from the arguments: the programme (possibly a clinician's customised copy),
the start date (and phase), the journal, the evaluation day ``on``, the rule set the runner
follows, what someone stated about training before the journal, and the clinician's
clearances of red flags. The journal is read once, in date order; entries after ``on`` are
ignored, and so are entries before the start (except their red flags). Every reason comes
out with the source of its rule (``rules.py``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from operator import attrgetter
from typing import NamedTuple

from strideback.core.content.models import Dose, Item, Programme, Segment
from strideback.core.engine import schedule
from strideback.core.engine.advice import Adjustment, AdjustmentKind, PainfulLog, advise
from strideback.core.engine.decision import Action, Code, Decision, Reason
from strideback.core.engine.gate import PhaseGate, Statement
from strideback.core.engine.journal import EntryKind, JournalEntry
from strideback.core.engine.monitoring import PainRecord
from strideback.core.engine.progression import NO_SESSION, WEEK, Course, Progression
from strideback.core.engine.red_flags import RedFlag, Urgency, most_urgent_first
from strideback.core.engine.rules import Citer
from strideback.core.engine.running import Running, RunningState, RunTable
from strideback.core.engine.thresholds import Thresholds, rule_set_of, thresholds_for


class Status(StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"


class FlagReport(NamedTuple):
    flag: RedFlag
    date: date

    @property
    def urgency(self) -> Urgency:
        return self.flag.urgency


class State(NamedTuple):
    on: date
    programme: str
    rule_set: str
    start: date
    phase: int | None  # None for a run plan followed on its own
    week: int  # programme week (1-based); for a run plan on its own, the run week
    phase_week: int | None  # week within the phase
    week_started: date  # the first day of the current programme week
    status: Status
    running: RunningState
    decision: Decision
    warnings: tuple[Reason, ...]
    advice: tuple[Reason, ...]  # painful exercises, then ice
    adjustments: tuple[Adjustment, ...]  # how today's items change because of that advice
    show_ice: bool
    red_flags: tuple[FlagReport, ...]  # the ones that stop the plan, most urgent first
    last_strength: date | None


@dataclass(frozen=True, slots=True)
class PlannedItem:
    position: str
    exercise: str
    dose: Dose
    part: str
    alternative_to: str | None
    adjustment: AdjustmentKind | None = None
    replaces: str | None = None  # the exercise this one stands in for (easier variant)


@dataclass(frozen=True, slots=True)
class PlannedSession:
    date: date
    kind: EntryKind  # STRENGTH or RUN
    phase: int | None = None
    week: int | None = None  # programme week of a strength session
    run_week: int | None = None
    run_day: int | None = None
    items: tuple[PlannedItem, ...] = ()
    segments: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    state: State
    sessions: tuple[PlannedSession, ...]


# --- set-up per programme (cached: the same programme objects are evaluated again and again)


@dataclass(frozen=True, slots=True)
class _Setup:
    programme: Programme
    run_plan: Programme | None
    course: Course | None
    table: RunTable | None
    thresholds: Thresholds
    rule_set: str


_setups: dict[tuple[int, int, str | None], _Setup] = {}
_SETUP_CACHE_SIZE = 64


def _setup(programme: Programme, run_plan: Programme | None, rule_set: str | None) -> _Setup:
    """Raises ``UnknownRuleSet`` for a rule set the programme does not offer."""
    key = (id(programme), id(run_plan), rule_set)
    found = _setups.get(key)
    if found is not None and found.programme is programme and found.run_plan is run_plan:
        return found
    chosen = rule_set_of(programme, rule_set)
    if run_plan is not None and run_plan.kind != "run_plan":
        raise ValueError(f"run_plan '{run_plan.id}' is not a run plan")
    alone = programme.kind == "run_plan"
    made = _Setup(
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


# --- the walk through the journal ---------------------------------------------------------

_by_date = attrgetter("ordinal")  # the date as a number: sorts faster than dates


@dataclass(slots=True)
class _Walk:
    record: PainRecord
    progression: Progression | None
    running: Running | None
    painful: PainfulLog
    flags: list[tuple[int, RedFlag]]


def _walk(
    setup: _Setup,
    th: Thresholds,
    start: tuple[int, int],
    journal: Sequence[JournalEntry],
    on_day: int,
    statement: Statement | None,
) -> _Walk:
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
    walk = _Walk(record, prog, run, PainfulLog(), [])
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


def _notice(walk: _Walk, entry: JournalEntry, day: int) -> None:
    """What an entry with red flags or painful exercises adds to the record."""
    if entry.red_flags:
        walk.flags += [(day, flag) for flag in entry.red_flags]
    if entry.painful_exercises and entry.kind is EntryKind.STRENGTH:
        walk.painful.record(entry, day)


# --- the state on ``on`` ------------------------------------------------------------------


def _active_flags(
    flags: list[tuple[int, RedFlag]], cleared: Sequence[date], on: date
) -> tuple[FlagReport, ...]:
    if not flags:
        return ()
    cleared_day = max((c.toordinal() for c in cleared if c <= on), default=-1)
    latest: dict[RedFlag, int] = {}
    for day, flag in flags:
        if day > cleared_day:
            latest[flag] = max(day, latest.get(flag, day))
    ordered = most_urgent_first(list(latest))
    return tuple(FlagReport(flag, date.fromordinal(latest[flag])) for flag in ordered)


def _stop(flags: tuple[FlagReport, ...]) -> Decision:
    reasons = tuple(
        Reason(Code.STOP, {"flag": f.flag, "date": f.date, "urgency": f.urgency}) for f in flags
    )
    return Decision(Action.STOP, reasons)


_PRIORITY = {
    Action.STOP: 0,
    Action.PAUSE_RUNNING: 1,
    Action.STEP_BACK: 2,
    Action.HOLD: 3,
    Action.RESUME_RUNNING: 4,
    Action.ADVANCE: 5,
    Action.CONTINUE: 6,
}


def _combine(phase: Decision, running: RunningState, headline: Action | None) -> Decision:
    """The day's headline decision: the most pressing of the phase's and running's."""
    if headline is None or _PRIORITY[phase.action] < _PRIORITY[headline]:
        return phase
    extra = tuple(r for r in phase.reasons if r not in running.reasons)
    return Decision(headline, running.reasons + extra)


def _no_running() -> RunningState:
    return RunningState(False, None, None, False, None, (Reason(Code.NO_RUN_PLAN),))


def _stopped_running(state: RunningState) -> RunningState:
    reasons = (Reason(Code.RUNNING_STOPPED),)
    return RunningState(
        False,
        state.run_week,
        state.run_day,
        state.paused,
        state.restart_on,
        reasons,
        state.last_run,
    )


def _phase_decision(walk: _Walk, start: date, on: date, running: RunningState) -> Decision:
    prog = walk.progression
    if on < start:
        return Decision(Action.CONTINUE, (Reason(Code.NOT_STARTED, {"date": start}),))
    if prog is None:
        return Decision(Action.CONTINUE, running.reasons)
    return prog.decision()


def _advice(
    setup: _Setup, walk: _Walk, th: Thresholds, on_day: int
) -> tuple[list[Reason], list[Adjustment], bool]:
    reasons: list[Reason] = []
    adjustments: list[Adjustment] = []
    prog = walk.progression
    if prog is not None and walk.painful.days:
        phases = prog.course.phases
        first = max(prog.phase_since, on_day - th.painful_window_days + 1)
        reasons, adjustments = advise(
            walk.painful,
            phases[: prog.index + 1],
            setup.programme.easier_versions,
            (first, on_day),
            th,
        )
    symptom = walk.record.symptom_day
    ice = symptom is not None and on_day - symptom < th.ice_advice_days
    if ice:
        reasons.append(
            Reason(Code.ADVICE_ICE, {"minutes": th.ice_minutes, "hours": th.ice_every_hours})
        )
    return reasons, adjustments, ice


def evaluate(
    programme: Programme,
    start: date,
    journal: Sequence[JournalEntry],
    on: date,
    *,
    run_plan: Programme | None = None,
    thresholds: Thresholds | None = None,
    cleared: Sequence[date] = (),
    rule_set: str | None = None,
    start_phase: int | None = None,
    statement: Statement | None = None,
) -> State:
    """Where the runner stands on ``on``: phase, week, running, the decision and its reasons.

    ``rule_set``: one the programme offers (default: its first; another raises
    ``UnknownRuleSet``). ``start_phase``: the phase the runner started in (default: the
    first). ``statement``: what the runner or their clinician said about training before
    the journal (the seed's running gate reads it)."""
    setup = _setup(programme, run_plan, rule_set)
    th = thresholds if thresholds is not None else setup.thresholds
    on_day, start_day = on.toordinal(), start.toordinal()
    start_index = _start_index(setup, start_phase)
    walk = _walk(setup, th, (start_day, start_index), journal, on_day, statement)
    prog = walk.progression
    phase_number = prog.phase if prog is not None else 0
    if walk.running is not None:
        running, headline = walk.running.state(on_day, phase_number, th)
    else:
        running, headline = _no_running(), None
    flags = _active_flags(walk.flags, cleared, on)
    if flags:
        decision = _stop(flags)
        running = _stopped_running(running)
    else:
        decision = _combine(_phase_decision(walk, start, on, running), running, headline)
    advice, adjustments, ice = _advice(setup, walk, th, on_day)
    last = prog.last_session_day if prog is not None else None
    cite = Citer(setup.rule_set, programme.source.seed, setup.thresholds, th)
    running = running._replace(reasons=cite.reasons(running.reasons))
    decision = Decision(decision.action, cite.reasons(decision.reasons))
    # ``_make`` builds the tuple in C: several times cheaper than the keyword constructor,
    # which counts when every runner is evaluated on every request. The order is State's.
    return State._make(
        (
            on,
            programme.id,
            setup.rule_set,
            start,
            prog.phase if prog is not None else None,
            prog.week if prog is not None else (running.run_week or 1),
            prog.week_in_phase if prog is not None else None,
            date.fromordinal(prog.week_start) if prog is not None else on,
            Status.STOPPED if flags else Status.ACTIVE,
            running,
            decision,
            cite.reasons(walk.running.warnings) if walk.running is not None else (),
            cite.reasons(advice),
            tuple(adjustments),
            ice,
            flags,
            date.fromordinal(last) if last is not None else None,
        )
    )


def _start_index(setup: _Setup, start_phase: int | None) -> int:
    course = setup.course
    if start_phase is None or course is None:
        return 0
    if start_phase not in course.numbers:
        raise ValueError(f"start_phase {start_phase} is not a phase of '{setup.programme.id}'")
    return course.numbers.index(start_phase)


# --- the coming sessions --------------------------------------------------------------------


def _items(items: Sequence[Item], adjustments: Sequence[Adjustment]) -> tuple[PlannedItem, ...]:
    swaps = {a.exercise: a for a in adjustments}
    out: list[PlannedItem] = []
    for item in items:
        adjustment = swaps.get(item.exercise)
        use = adjustment.item if adjustment is not None else item
        kind = adjustment.kind if adjustment is not None else None
        replaces = item.exercise if kind is AdjustmentKind.EASIER else None
        out.append(
            PlannedItem(
                item.position,
                use.exercise,
                use.dose,
                item.part,
                item.alternative_to,
                kind,
                replaces,
            )
        )
    return tuple(out)


def _strength_sessions(setup: _Setup, state: State, until: date) -> list[PlannedSession]:
    course = setup.course
    if course is None or state.phase is None or state.phase_week is None:
        return []
    gaps = schedule.rhythm(setup.programme.schedule)
    earliest = max(state.on, state.start)
    if state.last_strength is not None:
        first = schedule.next_after(state.last_strength, gaps, earliest)
    else:
        first = schedule.on_calendar(state.start, gaps, earliest)
    index = course.numbers.index(state.phase)
    sessions = []
    for day in schedule.dates(first, gaps, until):
        at, week_in_phase = index, state.phase_week
        for _ in range((day - state.week_started).days // 7):
            at, week_in_phase = course.after_clean_week(at, week_in_phase)
        adjustments = state.adjustments if at == index else ()
        sessions.append(
            PlannedSession(
                day,
                EntryKind.STRENGTH,
                phase=course.numbers[at],
                week=course.week(at, week_in_phase),
                items=_items(course.phases[at].items, adjustments),
            )
        )
    return sessions


def _run_sessions(setup: _Setup, th: Thresholds, state: State, until: date) -> list[PlannedSession]:
    running, table = state.running, setup.table
    if table is None or running.run_week is None or running.run_day is None:
        return []
    if not running.allowed and not running.paused:
        return []
    earliest = max(state.on, state.start, running.restart_on or state.on)
    plan_schedule = setup.programme if setup.course is None else setup.run_plan
    gaps = schedule.rhythm(
        plan_schedule.schedule if plan_schedule else setup.programme.schedule, th.run_min_gap_days
    )
    first = schedule.next_after(running.last_run, gaps, earliest)
    week, day = running.run_week, running.run_day
    sessions = []
    for when in schedule.dates(first, gaps, until):
        session = table.sessions[week - 1][day - 1]
        sessions.append(
            PlannedSession(
                when, EntryKind.RUN, run_week=week, run_day=day, segments=tuple(session.segments)
            )
        )
        week, day = table.following(week, day)
    return sessions


def plan(
    programme: Programme,
    start: date,
    journal: Sequence[JournalEntry],
    on: date,
    *,
    run_plan: Programme | None = None,
    thresholds: Thresholds | None = None,
    cleared: Sequence[date] = (),
    days: int = 14,
    rule_set: str | None = None,
    start_phase: int | None = None,
    statement: Statement | None = None,
) -> Plan:
    """``evaluate``, plus the planned sessions from ``on`` for ``days`` days (none while a red
    flag stops the plan)."""
    state = evaluate(
        programme,
        start,
        journal,
        on,
        run_plan=run_plan,
        thresholds=thresholds,
        cleared=cleared,
        rule_set=rule_set,
        start_phase=start_phase,
        statement=statement,
    )
    if state.status is Status.STOPPED or days < 1:
        return Plan(state, ())
    setup = _setup(programme, run_plan, rule_set)
    th = thresholds if thresholds is not None else setup.thresholds
    until = on + timedelta(days=days - 1)
    sessions = _strength_sessions(setup, state, until) + _run_sessions(setup, th, state, until)
    sessions.sort(key=lambda s: (s.date, s.kind != EntryKind.STRENGTH))
    return Plan(state, tuple(sessions))
