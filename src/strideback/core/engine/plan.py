"""``plan``: the state on a day (``state.evaluate``) and the sessions of the coming days."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from strideback.core.content.models import Dose, Item, Programme, Segment
from strideback.core.engine import schedule
from strideback.core.engine.advice import Adjustment, AdjustmentKind
from strideback.core.engine.gate import Statement
from strideback.core.engine.journal import EntryKind, JournalEntry
from strideback.core.engine.state import State, Status, evaluate
from strideback.core.engine.thresholds import Thresholds
from strideback.core.engine.walk import Setup, setup_for


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


def _strength_sessions(setup: Setup, state: State, until: date) -> list[PlannedSession]:
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


def _run_sessions(setup: Setup, th: Thresholds, state: State, until: date) -> list[PlannedSession]:
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
    setup = setup_for(programme, run_plan, rule_set)
    th = thresholds if thresholds is not None else setup.thresholds
    until = on + timedelta(days=days - 1)
    sessions = _strength_sessions(setup, state, until) + _run_sessions(setup, th, state, until)
    sessions.sort(key=lambda s: (s.date, s.kind != EntryKind.STRENGTH))
    return Plan(state, tuple(sessions))
