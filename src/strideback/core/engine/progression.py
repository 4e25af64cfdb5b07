"""Phase progression: weeks pass, phases advance only when the pain rules held.

Weeks are 7-day blocks counted from the start date (or from the day the runner came back
after a gap). At the end of each block:

- no breach: the next week; at the end of a phase's weeks, the next phase (``advance``);
- a breach at the end of a phase: ``hold`` (repeat its last week, a week at a time);
- a breach mid-phase: carry on, but it is noted (``pain_noted``);
- ``step_back_after_weeks`` breached weeks in a row: ``step_back`` to the previous phase's
  last week (in phase 1: hold).

A gap of ``gap_days`` without a strength session re-enters at the week of the last session;
a gap of ``long_gap_weeks`` or more re-enters at the first week of the previous phase. Until
the first strength session is logged the weeks follow the calendar. A runner may start in any
phase (its first week); each phase they enter is reported to the running gate, if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from strideback.core.content.models import Phase, Programme
from strideback.core.engine.decision import Action, Breach, Cause, Code, Decision, Reason
from strideback.core.engine.gate import PhaseGate
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.monitoring import (
    Limits,
    PainRecord,
    session_limits,
    worst_breach,
)
from strideback.core.engine.thresholds import Thresholds

WEEK = 7
# ``last_session`` before the first session: so far ahead that no day is a gap after it.
NO_SESSION = 1 << 40


@dataclass(frozen=True, slots=True)
class Course:
    """The phases of an exercise programme, indexed from 0."""

    phases: tuple[Phase, ...]
    numbers: tuple[int, ...]
    starts: tuple[int, ...]  # first programme week of each phase
    lengths: tuple[int | None, ...]  # weeks in each phase; None: open-ended

    @classmethod
    def of(cls, programme: Programme) -> Course:
        phases = tuple(programme.phases)
        return cls(
            phases=phases,
            numbers=tuple(p.number for p in phases),
            starts=tuple(p.weeks.from_ for p in phases),
            lengths=tuple(
                None if p.weeks.to is None else p.weeks.to - p.weeks.from_ + 1 for p in phases
            ),
        )

    def week(self, index: int, week_in_phase: int) -> int:
        return self.starts[index] + week_in_phase - 1

    def after_clean_week(self, index: int, week_in_phase: int) -> tuple[int, int]:
        """Where a week without breaches leads."""
        if week_in_phase != self.lengths[index]:
            return index, week_in_phase + 1
        if index + 1 < len(self.phases):
            return index + 1, 1
        return index, week_in_phase  # the last phase's last week: stay


class _Event(NamedTuple):
    """What opened the current week (turned into a Decision only when asked)."""

    code: Code
    breach: Breach | None = None
    number: int = 0  # the phase index we came from, or the gap's length in days
    day: int = 0  # the last session before a gap
    weeks: int = 0  # breached weeks in a row before a step back


_ON_TRACK = _Event(Code.ON_TRACK)


class Progression:
    """Reads strength sessions in date order and keeps the phase and week up to date."""

    __slots__ = (
        "course",
        "limits",
        "_record",
        "_floor",
        "_gap",
        "_long_gap",
        "_step",
        "_rise",
        "index",
        "phase",
        "_length",
        "week_in_phase",
        "boundary",
        "streak",
        "breach",
        "worst",
        "_prev_worst",
        "last_session",
        "phase_since",
        "_event",
        "quiet_is_nothing",
        "_gate",
    )

    def __init__(
        self,
        course: Course,
        th: Thresholds,
        start_day: int,
        record: PainRecord,
        start_index: int = 0,
        gate: PhaseGate | None = None,
    ) -> None:
        self.course = course
        self.limits: Limits = session_limits(th)
        self._record = record
        self._floor = self.limits.floor
        self._gap = th.gap_days
        self._long_gap = th.long_gap_weeks * WEEK
        self._step = th.step_back_after_weeks
        self._rise = th.weekly_rise_max
        # Without the week-to-week rule, a session without pain only moves the calendar.
        self.quiet_is_nothing = self._rise is None
        self.index = start_index
        self.phase = course.numbers[start_index]  # kept with ``index``: read for every entry
        self._length = course.lengths[start_index]
        self.week_in_phase = 1
        self.boundary = start_day + WEEK  # first day of the next week
        self.streak = 0  # breached weeks in a row
        self.breach: Breach | None = None  # the worst breach so far this week
        self.worst: int | None = None  # the worst pain reported this week
        self._prev_worst: int | None = None
        self.last_session = NO_SESSION
        self.phase_since = start_day
        self._event = _ON_TRACK
        self._gate = gate
        if gate is not None:
            before = course.numbers[start_index - 1] if start_index > 0 else None
            gate.enter(self.phase, before, start_day, start_day, False, self._length is None)

    @property
    def week(self) -> int:
        return self.course.week(self.index, self.week_in_phase)

    @property
    def last_session_day(self) -> int | None:
        return None if self.last_session == NO_SESSION else self.last_session

    @property
    def week_start(self) -> int:
        return self.boundary - WEEK

    def sync(self, day: int) -> None:
        """Let the weeks run up to ``day``, unless a gap is open (then only a session, or the
        evaluation day, decides where the runner re-enters)."""
        if day >= self.boundary and day - self.last_session < self._gap:
            self._close_until(day)

    def quiet_week(self) -> bool:
        """Into the next week after a week without breaches, if the phase goes on (the walk's
        shortcut for a routine session on the first day of a new week); False: not that case."""
        if self.breach is None and self.week_in_phase != self._length:
            self.week_in_phase += 1
            self.boundary += WEEK
            self.streak = 0
            self._event = _ON_TRACK
            return True
        return False

    def session(self, entry: JournalEntry, day: int, index: int) -> None:
        """A strength session that took place on ``day`` (entry ``index`` of the sorted
        journal). Runs for every session, so the common case is kept to a few comparisons."""
        last = self.last_session
        if day - last >= self._gap:
            self._reenter(day, last)
        elif day >= self.boundary:
            if (
                day < self.boundary + WEEK
                and self.breach is None
                and self._rise is None
                and self.week_in_phase != self._length
            ):
                self.week_in_phase += 1  # into the next week of the phase, nothing to decide
                self.boundary += WEEK
                self.streak = 0
                self._event = _ON_TRACK
            else:
                self._close_until(day)
        self.last_session = day
        worst = entry.pain.worst
        if worst is None:
            if not entry.swelling:
                return
        elif self._rise is not None and (self.worst is None or worst > self.worst):
            self.worst = worst
        if entry.swelling or (worst is not None and worst > self._floor):
            found = worst_breach(entry, self.limits, self._record, index)
            if found is not None and (self.breach is None or found.outranks(self.breach)):
                self.breach = found

    def finish(self, day: int) -> None:
        """Bring the position up to the evaluation day ``day``."""
        last = self.last_session
        if day - last >= self._gap:
            self._reenter(day, last)
        else:
            self._close_until(day)

    def _close_until(self, day: int) -> None:
        while day >= self.boundary:
            if self.breach is None and self._rise is None and self.week_in_phase != self._length:
                # The common case: nothing went wrong, and the phase goes on; close as many
                # such weeks at once as lie before ``day`` and inside the phase.
                weeks = (day - self.boundary) // WEEK + 1
                if self._length is not None:
                    weeks = min(weeks, self._length - self.week_in_phase)
                self.week_in_phase += weeks
                self.boundary += WEEK * weeks
                self.streak = 0
                self._event = _ON_TRACK
            else:
                self._close_week()
                self.boundary += WEEK

    def _close_week(self) -> None:
        breach = self.breach
        if breach is None and self._rise is not None:
            breach = self._rising()
        self._prev_worst, self.worst, self.breach = self.worst, None, None
        if breach is None:
            self.streak = 0
            if self.week_in_phase == self._length and self.index + 1 < len(self.course.phases):
                self._event = _Event(Code.ADVANCE, None, self.index)  # the phase is done
                self._enter(self.index + 1, 1, self.boundary)
            elif self.week_in_phase != self._length:
                self.week_in_phase += 1
                self._event = _ON_TRACK
            else:
                self._event = _ON_TRACK  # the last phase's last week: stay
            return
        self.streak += 1
        at_end = self.week_in_phase == self.course.lengths[self.index]
        if self.streak >= self._step and self.index > 0:
            self._step_back(breach)
        elif at_end or self.streak >= self._step:
            self._event = _Event(Code.HOLD, breach)
        else:
            self.week_in_phase += 1
            self._event = _Event(Code.PAIN_NOTED, breach)

    def _rising(self) -> Breach | None:
        worst, before, rise = self.worst, self._prev_worst, self._rise
        if worst is None or before is None or rise is None or worst <= before + rise:
            return None
        last_day = date.fromordinal(self.boundary - 1)
        return Breach(Cause.PAIN_RISING, last_day, worst, before + rise, previous=before)

    def _go(self, index: int, week_in_phase: int) -> None:
        self.index, self.week_in_phase = index, week_in_phase
        self.phase, self._length = self.course.numbers[index], self.course.lengths[index]

    def _enter(self, index: int, week_in_phase: int, day: int) -> None:
        """Into a new visit of phase ``index`` on ``day`` (the gate judges the one that ends)."""
        left, since, last = self.phase, self.phase_since, self.last_session
        self._go(index, week_in_phase)
        self.phase_since = day
        if self._gate is not None:
            logged = last != NO_SESSION and since <= last < day
            self._gate.enter(self.phase, left, day, since, logged, self._length is None)

    def _step_back(self, breach: Breach) -> None:
        self._event = _Event(Code.STEP_BACK, breach, number=self.index, weeks=self.streak)
        length = self.course.lengths[self.index - 1]
        self._enter(self.index - 1, length if length is not None else 1, self.boundary)
        self.streak = 0

    def _reenter(self, day: int, last: int) -> None:
        days = day - last
        if days >= self._long_gap:
            self._enter(max(0, self.index - 1), 1, day)
            self._event = _Event(Code.GAP_PREVIOUS_PHASE, number=days, day=last)
        else:
            self._event = _Event(Code.GAP_REPEAT_WEEK, number=days, day=last)
        self.boundary = day + WEEK
        self.streak = 0
        self.breach, self.worst, self._prev_worst = None, None, None

    def decision(self) -> Decision:
        """The decision that opened the current week, with its reasons."""
        event, here = self._event, {"phase": self.phase, "week": self.week}
        code = event.code
        if code is Code.ON_TRACK:
            return Decision(Action.CONTINUE, (Reason(code, here),))
        if code is Code.ADVANCE:
            came_from = self.course.numbers[event.number]
            return Decision(Action.ADVANCE, (Reason(code, {**here, "from_phase": came_from}),))
        if code is Code.PAIN_NOTED and event.breach is not None:
            return Decision(
                Action.CONTINUE,
                (Reason(Code.ON_TRACK, here), Reason(code, event.breach.facts())),
            )
        if code is Code.HOLD and event.breach is not None:
            return Decision(Action.HOLD, (Reason(code, {**here, **event.breach.facts()}),))
        if code is Code.STEP_BACK and event.breach is not None:
            came_from = self.course.numbers[event.number]
            facts = {**here, **event.breach.facts(), "from_phase": came_from, "weeks": event.weeks}
            return Decision(Action.STEP_BACK, (Reason(code, facts),))
        gap = {**here, "last": date.fromordinal(event.day), "days": event.number}
        action = Action.HOLD if code is Code.GAP_REPEAT_WEEK else Action.STEP_BACK
        return Decision(action, (Reason(code, gap),))
