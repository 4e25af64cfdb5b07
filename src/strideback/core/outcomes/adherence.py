"""Missed sessions: one definition, for the runner's calendar and the clinician's flag alike.

A session is missed on a day when the engine's plan *as it stood that morning* (the journal
before that day) called for it there, and nothing of that kind was logged that day (done,
ended early or skipped). So nothing is missed while a red flag stops the plan, while running
is paused, before the run gate opens or after the programme has ended. After a missed session
the next one of its kind is looked for a rhythm's gap later, as the plan would have put it had
that session been done: one skipped run is one missed run, not one per day until the next.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from strideback.core.content.models import Programme
from strideback.core.engine import schedule
from strideback.core.engine.gate import Statement
from strideback.core.engine.journal import EntryKind, JournalEntry
from strideback.core.engine.plan import plan
from strideback.core.engine.thresholds import Thresholds, thresholds_for

DAY = timedelta(days=1)


class MissedSession(NamedTuple):
    date: date
    kind: EntryKind  # STRENGTH or RUN
    phase: int | None = None
    run_week: int | None = None
    run_day: int | None = None


def missed_sessions(
    programme: Programme,
    start: date,
    journal: Sequence[JournalEntry],
    first: date,
    last: date,
    *,
    run_plan: Programme | None = None,
    thresholds: Thresholds | None = None,
    cleared: Sequence[date] = (),
    rule_set: str | None = None,
    start_phase: int | None = None,
    statement: Statement | None = None,
) -> list[MissedSession]:
    """The sessions missed from ``first`` to ``last`` (both included), in date order.
    ``journal`` must be in date order; entries after ``last`` are not read. The rule set,
    start phase and statement are the engine's (``plan``)."""
    th = thresholds if thresholds is not None else thresholds_for(programme, run_plan, rule_set)
    days = [entry.date for entry in journal]
    logged = {(entry.kind, entry.date) for entry in journal}
    done = {(entry.kind, entry.date) for entry in journal if entry.attempted}
    runs = run_plan or programme
    gap = {
        EntryKind.STRENGTH: min(schedule.rhythm(programme.schedule)),
        EntryKind.RUN: min(schedule.rhythm(runs.schedule, th.run_min_gap_days)),
    }
    kinds = []
    if programme.kind == "exercises":
        kinds.append(EntryKind.STRENGTH)
    if run_plan is not None or programme.kind == "run_plan":
        kinds.append(EntryKind.RUN)
    day = max(first, start)
    look_from = dict.fromkeys(kinds, day)
    out: list[MissedSession] = []
    while day <= last:
        for kind in kinds:
            if (kind, day) in done:  # the plan puts the next one at least a gap later
                look_from[kind] = max(look_from[kind], day + gap[kind] * DAY)
        due = [k for k in kinds if day >= look_from[k] and (k, day) not in logged]
        if due:
            morning = plan(
                programme,
                start,
                journal[: bisect_left(days, day)],
                day,
                run_plan=run_plan,
                thresholds=th,
                cleared=cleared,
                days=1,
                rule_set=rule_set,
                start_phase=start_phase,
                statement=statement,
            )
            for session in morning.sessions:
                if session.date != day or session.kind not in due:
                    continue
                out.append(
                    MissedSession(
                        day, session.kind, session.phase, session.run_week, session.run_day
                    )
                )
                look_from[session.kind] = day + gap[session.kind] * DAY
        day += DAY
    return out
