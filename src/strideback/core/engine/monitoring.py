"""Pain monitoring: which entries break the programme's pain rules, and the running record
of pain the other rules need (the baseline, the last pain, the last symptom).

Strength sessions are judged by the programme's limits, runs by the run limits
(``run_pain_*``). "Next morning" is judged against the runner's baseline: the latest morning
reading from an earlier day (a check, or a session's next-morning value) within
``baseline_days``; without one the baseline is 0. The next-morning limit is the lower of
``pain_next_morning_max`` and baseline + ``next_morning_rise_max``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from strideback.core.engine.decision import Breach, Cause
from strideback.core.engine.journal import EntryKind, JournalEntry
from strideback.core.engine.thresholds import Thresholds


@dataclass(frozen=True, slots=True)
class Limits:
    during: float
    after: float
    next_morning: float
    rise: float
    causes: tuple[Cause, Cause, Cause, Cause]  # during, after, next morning, swelling

    @property
    def floor(self) -> float:
        """No pain at or below this can break any of these limits, whatever the baseline."""
        return min(self.during, self.after, self.next_morning, self.rise)


def session_limits(th: Thresholds) -> Limits:
    causes = (Cause.PAIN_DURING, Cause.PAIN_AFTER, Cause.PAIN_NEXT_MORNING, Cause.SWELLING)
    return Limits(
        th.pain_during_max, th.pain_after_max, th.pain_next_morning_max,
        th.next_morning_rise_max, causes,
    )


def run_limits(th: Thresholds) -> Limits:
    causes = (
        Cause.RUN_PAIN_DURING, Cause.RUN_PAIN_AFTER, Cause.RUN_PAIN_NEXT_MORNING, Cause.RUN_SWELLING
    )
    return Limits(
        th.run_pain_during_max, th.run_pain_after_max, th.run_pain_next_morning_max,
        th.next_morning_rise_max, causes,
    )


def during_or_after(entry: JournalEntry, limits: Limits) -> Breach | None:
    """The worse of pain during and right after over its limit, if any."""
    pain = entry.pain
    found: Breach | None = None
    if pain.during is not None and pain.during > limits.during:
        found = Breach(limits.causes[0], entry.date, pain.during, limits.during)
    if pain.after is not None and pain.after > limits.after:
        after = Breach(limits.causes[1], entry.date, pain.after, limits.after)
        found = after if after.outranks(found) else found
    return found


def morning_limit(limits: Limits, baseline: int) -> float:
    return min(limits.next_morning, baseline + limits.rise)


def next_morning_or_swelling(entry: JournalEntry, limits: Limits, baseline: int) -> Breach | None:
    """Next-morning pain over its limit (see the module doc), else swelling, if any."""
    morning = entry.pain.next_morning
    limit = morning_limit(limits, baseline)
    if morning is not None and morning > limit:
        return Breach(limits.causes[2], entry.date, morning, limit)
    if entry.swelling:
        return Breach(limits.causes[3], entry.date)
    return None


def worst_breach(entry: JournalEntry, limits: Limits, baseline: int) -> Breach | None:
    first = during_or_after(entry, limits)
    second = next_morning_or_swelling(entry, limits, baseline)
    return second if second is not None and second.outranks(first) else first


def may_breach(entry: JournalEntry, limits: Limits) -> bool:
    """Cheap pre-check: False means ``worst_breach`` is certainly None."""
    worst = entry.pain.worst
    return entry.swelling or (worst is not None and worst > limits.floor)


class PainRecord:
    """What the journal has said about pain so far, read in date order.

    Keeps the last day with pain over the running gate's limit (and that pain), the last day
    with any symptom (pain over the symptom-free limit, or swelling) and the morning readings
    that make the baseline.
    """

    __slots__ = (
        "_gate_max", "_symptom_max", "_baseline_days",
        "gate_day", "gate_value", "symptom_day",
        "_today", "_today_reading", "_reading",
    )

    def __init__(self, th: Thresholds) -> None:
        self._gate_max = th.running_gate_pain_max
        self._symptom_max = th.symptom_free_pain_max
        self._baseline_days = th.baseline_days
        self.gate_day: int | None = None
        self.gate_value = 0
        self.symptom_day: int | None = None
        self._today = 0
        self._today_reading: tuple[int, int] | None = None  # (day it describes, value)
        self._reading: tuple[int, int] | None = None  # the latest from an earlier day

    def baseline(self, day: int) -> int:
        """The runner's morning pain before a session on ``day`` (0 when unknown)."""
        reading = self._reading if day == self._today else self._today_reading or self._reading
        if reading is None or reading[0] < day - self._baseline_days:
            return 0
        return reading[1]

    def record(self, entry: JournalEntry, day: int) -> None:
        if day != self._today:
            self._reading = self._today_reading or self._reading
            self._today_reading = None
            self._today = day
        pain = entry.pain
        worst = pain.worst
        if worst is not None:
            if worst > self._gate_max:
                self.gate_day, self.gate_value = day, worst
            if worst > self._symptom_max:
                self.symptom_day = day
            if pain.next_morning is not None:
                self._today_reading = (day + 1, pain.next_morning)
            elif entry.kind is EntryKind.CHECK:
                self._today_reading = (day, worst)
        if entry.swelling:
            self.symptom_day = day

    def gate_date(self) -> date | None:
        return date.fromordinal(self.gate_day) if self.gate_day is not None else None
