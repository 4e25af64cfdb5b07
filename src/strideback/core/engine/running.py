"""Running: the gate, the run plan's position, pauses, restarts and the long-run warning.

- The gate (alongside an exercise programme): no running before ``running_min_phase``; then
  either the seed's whole-phase gate (``gate.py``) or, in the pain-monitoring rule sets, only
  when the ``running_gate_weeks`` before had no pain above ``running_gate_pain_max``.
- Run weeks are done in order: a logged, completed run moves to the next session; a week
  with next-morning pain over the limit or swelling after a run is repeated.
- Pain over the run limits during or right after a run pauses running (strength goes on);
  so does next-morning pain after a run where ``run_next_morning_pauses`` (the seed).
  Running restarts after ``restart_symptom_free_days`` without symptoms, at the last run week
  that was pain-free, and never later than the week before the one that hurt (week 1 at least).
- No run for ``gap_days`` repeats the week of the last run; ``long_gap_weeks`` or more goes
  one run week further back.
- A run longer than its planned session and than ``long_run_factor`` x the longest run in the
  ``long_run_window_days`` before is a warning (Frandsen 2025), if there was such a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from strideback.core.content.models import Programme, RunSession
from strideback.core.engine.decision import Action, Breach, Code, Reason
from strideback.core.engine.gate import PhaseGate
from strideback.core.engine.journal import EntryKind, JournalEntry
from strideback.core.engine.monitoring import (
    PainRecord,
    during_or_after,
    next_morning_or_swelling,
    run_limits,
)
from strideback.core.engine.thresholds import Thresholds

WEEK = 7
# ``last_run`` before the first run: so far ahead that no day is a gap after it.
NO_RUN = 1 << 40


@dataclass(frozen=True, slots=True)
class RunTable:
    """A run plan's sessions by week and day, with the minutes of running in each."""

    sessions: tuple[tuple[RunSession, ...], ...]
    run_minutes: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, run_plan: Programme) -> RunTable:
        sessions = tuple(tuple(week.sessions) for week in run_plan.weeks)
        return cls(sessions, tuple(tuple(s.run_minutes for s in week) for week in sessions))

    @property
    def weeks(self) -> int:
        return len(self.sessions)

    def days(self, week: int) -> int:
        return len(self.sessions[week - 1])

    def planned_minutes(self, week: int | None, day: int | None) -> int | None:
        if week is None or day is None or not 1 <= week <= self.weeks:
            return None
        minutes = self.run_minutes[week - 1]
        return minutes[day - 1] if 1 <= day <= len(minutes) else None

    def following(self, week: int, day: int) -> tuple[int, int]:
        """The session after (week, day); after the last one, the last week starts over."""
        if day < self.days(week):
            return week, day + 1
        return (week + 1, 1) if week < self.weeks else (week, 1)


class RunningState(NamedTuple):
    allowed: bool
    run_week: int | None  # the next run session's week (None without a run plan)
    run_day: int | None
    paused: bool
    restart_on: date | None  # while paused: the first day running may restart
    reasons: tuple[Reason, ...]
    last_run: date | None = None


class _Event(NamedTuple):
    code: Code
    day: int
    breach: Breach | None = None
    number: int = 0  # days of a gap, or symptom-free days before a restart
    last: int = 0  # the last run before a gap
    week: int = 0  # the run week it concerns


class Running:
    """Reads the journal in date order and keeps the running side of the plan."""

    __slots__ = (
        "table",
        "limits",
        "_record",
        "_entries",
        "_floor",
        "gated",
        "min_phase",
        "_gate_window",
        "_restart_days",
        "_gap",
        "_long_gap",
        "_factor",
        "_window_days",
        "_news_from",
        "gate_open",
        "paused",
        "pause_day",
        "pause_breach",
        "restart_week",
        "week",
        "day",
        "days_in_week",
        "last_clean",
        "dirty",
        "done",
        "last_run",
        "last_run_week",
        "event",
        "warnings",
        "_window",
        "phase_gate",
        "_morning_pauses",
    )

    def __init__(
        self,
        table: RunTable,
        th: Thresholds,
        gated: bool,
        on_day: int,
        record: PainRecord,
        entries: Sequence[JournalEntry],
        phase_gate: PhaseGate | None = None,
    ) -> None:
        self.table = table
        self.phase_gate = phase_gate
        self._morning_pauses = th.run_next_morning_pauses
        self.limits = run_limits(th)
        self._record = record
        self._entries = entries  # the whole journal, sorted by date
        self._floor = self.limits.floor
        self.gated = gated
        self.min_phase = th.running_min_phase if gated else 0
        self._gate_window = th.running_gate_weeks * WEEK
        self._restart_days = th.restart_symptom_free_days
        self._gap = th.gap_days
        self._long_gap = th.long_gap_weeks * WEEK
        self._factor = th.long_run_factor
        self._window_days = th.long_run_window_days
        self._news_from = on_day - th.recent_days  # events after this day are news
        self.gate_open = not gated
        self.paused = False
        self.pause_day = 0
        self.pause_breach: Breach | None = None
        self.restart_week = 1
        self.week, self.day = 1, 1
        self.days_in_week = table.days(1)
        self.last_clean = 0  # the last run week completed without breaches
        self.dirty: Breach | None = None  # why this run week must be repeated
        self.done = False
        self.last_run = NO_RUN
        self.last_run_week = 1
        self.event: _Event | None = None
        self.warnings: list[Reason] = []
        self._window: list[tuple[int, float]] | None = None  # recent runs, for long runs

    @property
    def last_run_day(self) -> int | None:
        return None if self.last_run == NO_RUN else self.last_run

    def quick(self, entry: JournalEntry, day: int) -> bool:
        """Take a quiet, completed run that only moves to the next session of the week (the
        common run) without the full path; False if the full path is needed."""
        if (
            self.gate_open
            and not self.paused
            and entry.completed
            and day <= self._news_from
            and day - self.last_run < self._gap
        ):
            self.last_run, self.last_run_week = day, self.week
            if self.day < self.days_in_week:
                self.day += 1
            else:
                self._next_session()
            return True
        return False

    def check(self, day: int, phase: int, last_session: int) -> None:
        """Open or close the gate and end a pause, as of ``day``. Only needed while paused,
        while the gate is closed, or when the phase drops below ``min_phase``."""
        record = self._record
        if self.gated:
            if phase < self.min_phase:
                self.gate_open = False
            elif not self.gate_open:
                gate = self.phase_gate
                if gate is not None:
                    self.gate_open = gate.opens(day, last_session)
                else:
                    pain_day = record.gate_day
                    self.gate_open = pain_day is None or day - pain_day > self._gate_window
        if self.paused:
            restart = self._restart_day()
            if day >= restart:
                self._resume(restart)

    def run(self, entry: JournalEntry, day: int, index: int) -> None:
        """A logged run (entry ``index`` of the sorted journal, already in the pain record)."""
        if entry.run_minutes is not None and day > self._news_from:
            self._long_run(entry, day, index, entry.run_minutes)
        if not self.gate_open or self.paused:
            return  # a run outside the plan: its pain still counts (in ``record``)
        last = self.last_run
        if day - last >= self._gap:
            self._reenter(day, last)
        self.last_run, self.last_run_week = day, self.week
        worst = entry.pain.worst
        if not entry.quiet and (entry.swelling or (worst is not None and worst > self._floor)):
            stop = during_or_after(entry, self.limits)
            if stop is not None:
                self._pause(stop, day)
                return
            settle = next_morning_or_swelling(entry, self.limits, self._record, index)
            if settle is not None and self._morning_pauses and settle.value is not None:
                self._pause(settle, day)  # next-morning pain (not swelling) pauses too
                return
            if settle is not None and settle.outranks(self.dirty):
                self.dirty = settle
        if entry.completed:
            self._next_session()

    def finish(self, day: int, phase: int, last_session: int) -> None:
        self.check(day, phase, last_session)
        last = self.last_run
        if self.gate_open and not self.paused and day - last >= self._gap:
            self._reenter(day, last)

    def _restart_day(self) -> int:
        symptom = self._record.symptom_day
        latest = self.pause_day if symptom is None else max(symptom, self.pause_day)
        return latest + self._restart_days

    def _pause(self, breach: Breach, day: int) -> None:
        self.paused, self.pause_day, self.pause_breach = True, day, breach
        self.restart_week = max(1, min(self.last_clean, self.week - 1))
        self.event = _Event(Code.PAUSE_RUNNING, day, breach)

    def _resume(self, day: int) -> None:
        self.event = _Event(
            Code.RESUME_RUNNING, day, number=day - self.pause_day, week=self.restart_week
        )
        self.paused = False
        self._go(self.restart_week)
        self.last_run, self.last_run_week = day, self.restart_week

    def _reenter(self, day: int, last: int) -> None:
        days = day - last
        if days >= self._long_gap:
            code, week = Code.RUN_GAP_PREVIOUS_WEEK, max(1, self.last_run_week - 1)
        else:
            code, week = Code.RUN_GAP_REPEAT_WEEK, self.last_run_week
        self._go(week)
        self.event = _Event(code, day, number=days, last=last, week=week)

    def _go(self, week: int) -> None:
        self.week, self.day, self.days_in_week = week, 1, self.table.days(week)
        self.dirty, self.done = None, False

    def _next_session(self) -> None:
        if self.day < self.days_in_week:
            self.day += 1
            return
        self.day = 1
        if self.dirty is not None:
            self.event = _Event(Code.RUN_WEEK_REPEAT, self.last_run, self.dirty, week=self.week)
            self.dirty = None
            return
        self.last_clean = max(self.last_clean, self.week)
        if self.week < self.table.weeks:
            self.week += 1
            self.days_in_week = self.table.days(self.week)
        elif not self.done:
            self.done = True
            self.event = _Event(Code.RUN_PLAN_DONE, self.last_run)

    def _long_run(self, entry: JournalEntry, day: int, index: int, minutes: float) -> None:
        """Only runs in the last ``recent_days`` are checked (older warnings are not news)."""
        window = self._window
        if window is None:
            window = self._window = self._runs_before(index, day - self._window_days)
        oldest = day - self._window_days
        longest = max((m for d, m in window if oldest <= d < day), default=None)
        window.append((day, minutes))
        if longest is None:
            return
        planned = self.table.planned_minutes(entry.run_week, entry.run_day)
        if planned is None:
            planned = self.table.planned_minutes(self.week, self.day) or 0
        if minutes > planned and minutes > longest * self._factor:
            self.warnings.append(self._long_run_reason(entry, minutes, planned, longest))

    def _runs_before(self, index: int, oldest: int) -> list[tuple[int, float]]:
        """(day, minutes) of the logged runs from ``oldest`` up to entry ``index``."""
        found: list[tuple[int, float]] = []
        for j in range(index - 1, -1, -1):
            other = self._entries[j]
            if other.ordinal < oldest:
                break
            if other.kind is EntryKind.RUN and other.run_minutes is not None:
                found.append((other.ordinal, other.run_minutes))
        found.reverse()
        return found

    def _long_run_reason(
        self, entry: JournalEntry, minutes: float, planned: int, longest: float
    ) -> Reason:
        facts = {
            "date": entry.date,
            "minutes": minutes,
            "planned": planned,
            "longest": longest,
            "limit": round(longest * self._factor, 1),
            "percent": round((self._factor - 1) * 100),
            "window": self._window_days,
        }
        return Reason(Code.LONG_RUN, facts)

    # --- the state on the evaluation day ----------------------------------------------

    def state(self, on_day: int, phase: int, th: Thresholds) -> tuple[RunningState, Action | None]:
        """The running state, and the headline action it asks for (pause or resume)."""
        last_day = self.last_run_day
        last = date.fromordinal(last_day) if last_day is not None else None
        if self.gated and phase < self.min_phase:
            reason = Reason(Code.RUNNING_NOT_YET, {"phase": phase, "min_phase": self.min_phase})
            return RunningState(False, None, None, False, None, (reason,), last), None
        if not self.gate_open:
            gate = self.phase_gate
            reasons = gate.reasons(on_day) if gate is not None else (self._gate_reason(th),)
            return RunningState(False, None, None, False, None, reasons, last), None
        if self.paused:
            return self._paused_state(on_day, last), Action.PAUSE_RUNNING
        news = self._news()
        allowed = Reason(Code.RUNNING_ALLOWED, {"run_week": self.week, "run_day": self.day})
        headline = Action.RESUME_RUNNING if news and news.code is Code.RESUME_RUNNING else None
        reasons = (news, allowed) if news is not None else (allowed,)
        return RunningState(True, self.week, self.day, False, None, reasons, last), headline

    def _gate_reason(self, th: Thresholds) -> Reason:
        record = self._record
        pain_day = record.gate_day or 0
        facts = {
            "date": date.fromordinal(pain_day),
            "value": record.gate_value,
            "limit": th.running_gate_pain_max,
            "weeks": th.running_gate_weeks,
            "opens_on": date.fromordinal(pain_day + self._gate_window + 1),
        }
        return Reason(Code.RUNNING_GATE_PAIN, facts)

    def _paused_state(self, on_day: int, last: date | None) -> RunningState:
        restart = self._restart_day()
        breach = self.pause_breach
        pause = Reason(Code.PAUSE_RUNNING, breach.facts() if breach is not None else {})
        countdown = Reason(
            Code.RESTART_COUNTDOWN,
            {
                "restart_on": date.fromordinal(restart),
                "days": on_day - (restart - self._restart_days),
                "needed": self._restart_days,
                "run_week": self.restart_week,
            },
        )
        return RunningState(
            False, self.restart_week, 1, True, date.fromordinal(restart), (pause, countdown), last
        )

    def _news(self) -> Reason | None:
        event = self.event
        if event is None or event.day <= self._news_from:
            return None
        code = event.code
        if code is Code.RESUME_RUNNING:
            return Reason(
                code,
                {"run_week": event.week, "days": event.number, "date": date.fromordinal(event.day)},
            )
        if code is Code.RUN_WEEK_REPEAT and event.breach is not None:
            return Reason(code, {"run_week": event.week, **event.breach.facts()})
        if code in (Code.RUN_GAP_REPEAT_WEEK, Code.RUN_GAP_PREVIOUS_WEEK):
            return Reason(
                code,
                {
                    "run_week": event.week,
                    "last": date.fromordinal(event.last),
                    "days": event.number,
                },
            )
        if code is Code.RUN_PLAN_DONE:
            return Reason(code, {"weeks": self.table.weeks})
        return None
