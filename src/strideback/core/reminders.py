"""Reminders that help and never nag: which reminder (if any) a runner gets at a moment.

Pure: the caller gathers the runner's situation on their own local day (``Situation``) and the
moment in their own time zone; nothing here reads a clock or a database. Every rule here is
Strideback's own (the seeds say nothing about reminders); docs/reminders.md states them:

- nothing unless the runner turned reminders on, and nothing before their chosen time of day;
- nothing during a red-flag stop (the plan is stopped until a clinician clears it);
- at most one reminder a day (a second run of the sender that day finds one already sent);
- on a day with a planned session (on one of the runner's chosen weekdays, if they chose
  some; else on every training day of the plan), one reminder, only if nothing is logged yet;
  a run is not a reason while running is paused;
- the morning after a session still waiting for its next-morning pain, the pain check;
- after three reminders in a row were ignored (nothing logged after it that day), the next
  one asks instead whether to keep them, and then none goes until the runner answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from strideback.core.content.models import Dose

IGNORED_BEFORE_ASKING = 3


class Kind(StrEnum):
    SESSION = "session"  # what is planned today
    MORNING = "morning"  # this morning's pain, after yesterday's session
    ASK_KEEP = "ask_keep"  # three ignored in a row: keep them?


class Channel(StrEnum):
    EMAIL = "email"
    PUSH = "push"


@dataclass(frozen=True, slots=True)
class Prefs:
    enabled: bool
    time: dt.time
    weekdays: frozenset[int] = frozenset()  # 0 = Monday; empty: the plan's training days
    channels: frozenset[Channel] = frozenset()


@dataclass(frozen=True, slots=True)
class Planned:
    """One session the plan has for the day, as a reminder describes it."""

    kind: str  # "strength" or "run"
    phase: int | None = None
    exercises: int = 0
    minutes: int = 0
    run_week: int | None = None
    run_day: int | None = None


@dataclass(frozen=True, slots=True)
class Situation:
    """The runner on their local day, as the sender found it."""

    planned: tuple[Planned, ...]  # the plan's sessions of the day
    logged_today: bool  # a session (or ticked 'skipped') logged for the day
    morning_pending: bool  # yesterday's session still waits for this morning's pain
    red_flag_stop: bool
    running_paused: bool
    sent_today: bool  # a reminder of any kind already went out today
    ignored_in_a_row: int  # the latest reminders that nothing was logged after
    asked_keep: bool  # the 'keep them?' question went out and is not answered yet


@dataclass(frozen=True, slots=True)
class Due:
    kind: Kind
    sessions: tuple[Planned, ...] = ()  # what a SESSION reminder lists
    morning_too: bool = False  # a SESSION reminder that also asks this morning's pain


def due(prefs: Prefs, now: dt.datetime, situation: Situation) -> Due | None:
    """The reminder due at ``now`` (the runner's local time), or None."""
    s = situation
    if not prefs.enabled or not prefs.channels or s.red_flag_stop or s.sent_today:
        return None
    if now.time() < prefs.time:
        return None
    if s.asked_keep:
        return None  # asked once; quiet until the runner answers
    sessions = reminded_sessions(prefs, now.date(), s)
    if sessions:
        found = Due(Kind.SESSION, sessions, morning_too=s.morning_pending)
    elif s.morning_pending:
        found = Due(Kind.MORNING)
    else:
        return None
    if s.ignored_in_a_row >= IGNORED_BEFORE_ASKING:
        return Due(Kind.ASK_KEEP)  # instead of the reminder that would have gone
    return found


def reminded_sessions(prefs: Prefs, day: dt.date, s: Situation) -> tuple[Planned, ...]:
    """The day's planned sessions a reminder names: none on a rest day, on a weekday the
    runner did not choose, once something is logged, or (for runs) while running is paused."""
    if s.logged_today or (prefs.weekdays and day.weekday() not in prefs.weekdays):
        return ()
    return tuple(p for p in s.planned if not (p.kind == "run" and s.running_paused))


def ignored_in_a_row(acted_on: Iterable[bool]) -> int:
    """How many of the latest reminders (newest first) were followed by nothing."""
    count = 0
    for acted in acted_on:
        if acted:
            break
        count += 1
    return count


# --- how long a session takes (Strideback's own estimate, the player's timings) -----------

READY_SECONDS = 10
SWITCH_SECONDS = 5
COUNT_PACE_SECONDS = 3
RELAX_SECONDS = 3
UNTIMED_SECONDS = 60
DEFAULT_REST_SECONDS = 60


def dose_seconds(dose: Dose) -> int:
    """One exercise as the player paces it: get ready, every set (each side), rests between."""
    if dose.reps and dose.tempo_seconds and not dose.steps_each_way:
        work = dose.reps * sum(dose.tempo_seconds)
    elif dose.reps and dose.hold_seconds:
        work = dose.reps * (dose.hold_seconds + RELAX_SECONDS)
    elif dose.reps:
        work = dose.reps * COUNT_PACE_SECONDS
    elif dose.hold_seconds:
        work = dose.hold_seconds
    else:
        work = UNTIMED_SECONDS
    sides = 2 if dose.per_side else 1
    per_set = work * sides + SWITCH_SECONDS * (sides - 1)
    rests = (dose.sets - 1) * (dose.rest_seconds or DEFAULT_REST_SECONDS)
    return READY_SECONDS + dose.sets * per_set + rests


def about_minutes(doses: Sequence[Dose]) -> int:
    """A session's length in minutes, rounded to the nearest 5 (at least 5)."""
    seconds = sum(dose_seconds(d) for d in doses)
    return max(5, 5 * round(seconds / 300))
