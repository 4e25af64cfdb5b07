"""The progress page: pain, sessions, phases and running minutes over the weeks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ConfigDict

from strideback.accounts.models import User
from strideback.core import engine
from strideback.core.engine import schedule
from strideback.core.languages import Lang
from strideback.training import convert
from strideback.training.calendar import worst_pain
from strideback.training.followed import Followed, followed, journal_for
from strideback.training.models import (
    EntryKind,
    JournalEntry,
    RedFlagClearance,
)
from strideback.training.morning import SESSION_KINDS
from strideback.words import in_language

PROGRESS_WEEKS = 12


# Described fields (the attribute docstrings) for the API's response schema.
DESCRIBED = ConfigDict(use_attribute_docstrings=True)


@dataclass(frozen=True)
class PainPoint:
    __pydantic_config__ = DESCRIBED

    date: dt.date
    """the day"""
    kind: str
    """strength, run or check"""
    during: int | None
    """pain during (0-10)"""
    after: int | None
    """pain right after"""
    next_morning: int | None
    """pain the next morning"""


@dataclass(frozen=True)
class WeekStat:
    __pydantic_config__ = DESCRIBED

    monday: dt.date
    """the week's Monday"""
    planned: int
    """strength sessions the programmes' rhythm asked for"""
    done: int
    """strength sessions logged as done"""
    runs: int
    """runs logged"""
    run_minutes: int | float
    """minutes run (runs stopped early too)"""
    partial: int = 0
    """strength sessions logged as ended early (not counted as done)"""


@dataclass(frozen=True)
class PhaseSpan:
    __pydantic_config__ = DESCRIBED

    phase: int
    """the phase"""
    title: str | None
    """the phase's title"""
    start: dt.date
    """when it started (or starts)"""
    end: dt.date | None
    """when it ended; null while still in it"""
    current: bool
    """whether the runner is in it now"""
    projected: bool
    """ahead of today: when it starts if the pain rules keep holding"""


@dataclass(frozen=True)
class Timeline:
    __pydantic_config__ = DESCRIBED

    programme_id: str
    """the programme"""
    title: str
    """its title"""
    spans: tuple[PhaseSpan, ...]
    """its phases over time"""


@dataclass(frozen=True)
class ProgressPage:
    __pydantic_config__ = DESCRIBED

    on: dt.date
    """today"""
    since: dt.date
    """the first day shown"""
    pain: tuple[PainPoint, ...]
    """pain scores over time"""
    limit: int
    """the pain limit during training"""
    weeks: tuple[WeekStat, ...]
    """sessions and runs, week by week"""
    timelines: tuple[Timeline, ...]
    """the phases of each programme"""
    done: int
    """strength sessions done in all"""
    planned: int
    """strength sessions planned in all"""
    run_minutes: int | float
    """minutes run in all"""
    partial: int = 0
    """strength sessions ended early in all (partly done)"""


@in_language
def progress(user: User, on: dt.date, lang: Lang, weeks: int = PROGRESS_WEEKS) -> ProgressPage:
    """Pain over time, sessions done against planned, phases and running, week by week."""
    this_monday = on - dt.timedelta(days=on.weekday())
    since = this_monday - dt.timedelta(weeks=weeks - 1)
    states = followed(user, on, days=1)
    first = min((f.track.enrollment.start for f in states), default=on)
    # Not the weeks before the runner started: they would only squeeze the charts.
    since = max(since, min(first, on) - dt.timedelta(days=min(first, on).weekday()))
    rows = list(JournalEntry.objects.filter(user=user, date__lte=on))
    recent = [r for r in rows if r.date >= since]
    pain = tuple(
        PainPoint(r.date, r.kind, r.pain_during, r.pain_after, r.pain_next_morning)
        for r in recent
        if r.kind in SESSION_KINDS and worst_pain(r) is not None
    )
    stats = tuple(_week_stat(m, recent, states, on) for m in _mondays(since, this_monday))
    limit = min((int(f.thresholds.pain_during_max) for f in states), default=2)
    timelines = tuple(_timeline(f, rows, on, lang) for f in states if f.state.phase is not None)
    return ProgressPage(
        on=on,
        since=since,
        pain=pain,
        limit=limit,
        weeks=stats,
        timelines=timelines,
        done=sum(w.done for w in stats),
        planned=sum(w.planned for w in stats),
        run_minutes=sum(w.run_minutes for w in stats),
        partial=sum(w.partial for w in stats),
    )


def _mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first
    while day <= last:
        out.append(day)
        day += dt.timedelta(weeks=1)
    return out


def _week_stat(
    monday: dt.date, rows: Sequence[JournalEntry], states: Sequence[Followed], on: dt.date
) -> WeekStat:
    sunday = monday + dt.timedelta(days=6)
    week = [r for r in rows if monday <= r.date <= sunday]
    done = sum(1 for r in week if r.kind == EntryKind.STRENGTH and r.completed)
    partial = sum(1 for r in week if r.kind == EntryKind.STRENGTH and r.ended_early)
    runs = [r for r in week if r.kind == EntryKind.RUN and r.completed]
    minutes = sum(r.run_minutes or 0 for r in week if r.kind == EntryKind.RUN)
    planned = 0
    for f in states:
        prog = f.track.programme
        start = f.track.enrollment.start
        if prog.kind != "exercises" or start > sunday:
            continue
        gaps = schedule.rhythm(prog.schedule)
        due = schedule.dates(start, gaps, min(sunday, on))
        planned += sum(1 for d in due if d >= monday)
    return WeekStat(monday, planned, done, len(runs), minutes, partial)


def _timeline(f: Followed, rows: Sequence[JournalEntry], on: dt.date, lang: Lang) -> Timeline:
    """The phases so far (the engine asked once a week since the start) and those ahead."""
    track, prog = f.track, f.track.programme
    start = track.enrollment.start
    journal = journal_for(track, rows)
    cleared = convert.cleared_dates(RedFlagClearance.objects.filter(user=track.enrollment.user))
    seen: list[tuple[int, dt.date]] = []
    day = start
    while day < on:
        state = engine.evaluate(
            prog,
            start,
            journal,
            day,
            run_plan=track.run_plan,
            thresholds=f.thresholds,
            cleared=cleared,
            **track.engine_options(),
        )
        if state.phase is not None and (not seen or seen[-1][0] != state.phase):
            seen.append((state.phase, day))
        day += dt.timedelta(weeks=1)
    current = f.state.phase or 1
    if not seen or seen[-1][0] != current:
        seen.append((current, min(on, max(start, on))))
    spans = [
        PhaseSpan(
            p,
            _phase_title(prog, p, lang),
            s,
            seen[i + 1][1] - dt.timedelta(days=1) if i + 1 < len(seen) else None,
            i + 1 == len(seen),
            False,
        )
        for i, (p, s) in enumerate(seen)
    ]
    spans += _projected(prog, current, seen[-1][1], lang)
    return Timeline(prog.id, prog.text.get(lang).title, tuple(spans))


def _phase_title(prog: Any, number: int, lang: Lang) -> str | None:
    text = prog.phase(number).text
    return text.get(lang).title if text else None


def _projected(prog: Any, current: int, since: dt.date, lang: Lang) -> list[PhaseSpan]:
    out: list[PhaseSpan] = []
    phase = prog.phase(current)
    if phase.weeks.to is None:
        return out
    day = since + dt.timedelta(weeks=phase.weeks.to - phase.weeks.from_ + 1)
    for later in prog.phases:
        if later.number <= current:
            continue
        out.append(
            PhaseSpan(later.number, _phase_title(prog, later.number, lang), day, None, False, True)
        )
        if later.weeks.to is None:
            break
        day += dt.timedelta(weeks=later.weeks.to - later.weeks.from_ + 1)
    return out
