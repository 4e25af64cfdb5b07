"""Pain monitoring: which entries break the programme's pain rules, and the running record
of pain the other rules need (the baseline, the last pain, the last symptom).

Strength sessions are judged by the programme's limits, runs by the run limits
(``run_pain_*``). "Next morning" is judged against the runner's baseline: the latest morning
reading from an earlier day (a check, or a session's next-morning value) within
``baseline_days``; without one the baseline is 0. The next-morning limit is the lower of
``pain_next_morning_max`` and baseline + ``next_morning_rise_max``.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    def morning(self, baseline: int) -> float:
        """The next-morning limit for a runner whose mornings start at ``baseline``."""
        return min(self.next_morning, baseline + self.rise)


_SESSION_CAUSES = (Cause.PAIN_DURING, Cause.PAIN_AFTER, Cause.PAIN_NEXT_MORNING, Cause.SWELLING)
_RUN_CAUSES = (
    Cause.RUN_PAIN_DURING,
    Cause.RUN_PAIN_AFTER,
    Cause.RUN_PAIN_NEXT_MORNING,
    Cause.RUN_SWELLING,
)
# Limits per thresholds table, by identity (tables are frozen, and the same few are used for
# every runner): (table, session limits, run limits).
_limits: dict[int, tuple[Thresholds, Limits, Limits]] = {}


def _both(th: Thresholds) -> tuple[Thresholds, Limits, Limits]:
    found = _limits.get(id(th))
    if found is None or found[0] is not th:
        if len(_limits) > 64:
            _limits.clear()
        session = Limits(
            th.pain_during_max,
            th.pain_after_max,
            th.pain_next_morning_max,
            th.next_morning_rise_max,
            _SESSION_CAUSES,
        )
        run = Limits(
            th.run_pain_during_max,
            th.run_pain_after_max,
            th.run_pain_next_morning_max,
            th.next_morning_rise_max,
            _RUN_CAUSES,
        )
        found = _limits[id(th)] = (th, session, run)
    return found


def session_limits(th: Thresholds) -> Limits:
    return _both(th)[1]


def run_limits(th: Thresholds) -> Limits:
    return _both(th)[2]


def during_or_after(entry: JournalEntry, limits: Limits) -> Breach | None:
    """The worse of pain during and right after over its limit, if any (a tie: during)."""
    pain = entry.pain
    during, after = pain.during, pain.after
    over_during = during is not None and during > limits.during
    if after is not None and after > limits.after and (not over_during or after > (during or 0)):
        return Breach(limits.causes[1], entry.date, after, limits.after)
    if over_during:
        return Breach(limits.causes[0], entry.date, during, limits.during)
    return None


def next_morning_or_swelling(
    entry: JournalEntry, limits: Limits, record: PainRecord, index: int
) -> Breach | None:
    """Next-morning pain over its limit (see the module doc), else swelling, if any. The
    baseline (entry ``index`` in ``record``'s journal) is looked up only when it matters."""
    morning = entry.pain.next_morning
    if morning is not None and morning > limits.morning(0):
        limit = limits.next_morning
        if morning <= limit:
            limit = limits.morning(record.baseline(index, entry.ordinal))
        if morning > limit:
            return Breach(limits.causes[2], entry.date, morning, limit)
    if entry.swelling:
        return Breach(limits.causes[3], entry.date)
    return None


def worst_breach(
    entry: JournalEntry, limits: Limits, record: PainRecord, index: int
) -> Breach | None:
    """The entry's worst broken pain rule: the highest pain over its limit (during, then
    after, then next morning on a tie), else swelling. Written out in one function because
    it runs for every entry with pain."""
    pain = entry.pain
    value, which = 0, -1
    limit: float = 0
    during, after, morning = pain.during, pain.after, pain.next_morning
    if during is not None and during > limits.during:
        value, which, limit = during, 0, limits.during
    if after is not None and after > limits.after and after > value:
        value, which, limit = after, 1, limits.after
    if morning is not None and morning > value and morning > min(limits.next_morning, limits.rise):
        morning_limit = limits.next_morning
        if morning <= morning_limit:
            morning_limit = limits.morning(record.baseline(index, entry.ordinal))
        if morning > morning_limit:
            value, which, limit = morning, 2, morning_limit
    if which >= 0:
        return Breach(limits.causes[which], entry.date, value, limit)
    return Breach(limits.causes[3], entry.date) if entry.swelling else None


class PainRecord:
    """What the journal has said about pain so far, read in date order.

    Keeps the last day with pain over the running gate's limit (and that pain) and the last
    day with any symptom (pain over the symptom-free limit, or swelling). ``record`` need only
    be called for entries with pain above 0 or swelling: no other entry can change these.
    The baseline is looked up when needed, in the sorted journal.
    """

    __slots__ = (
        "_entries",
        "_gate_max",
        "_symptom_max",
        "_baseline_days",
        "gate_day",
        "gate_value",
        "symptom_day",
    )

    def __init__(self, th: Thresholds, entries: Sequence[JournalEntry]) -> None:
        self._entries = entries  # the whole journal, sorted by date
        self._gate_max = th.running_gate_pain_max
        self._symptom_max = th.symptom_free_pain_max
        self._baseline_days = th.baseline_days
        self.gate_day: int | None = None
        self.gate_value = 0
        self.symptom_day: int | None = None

    def record(self, entry: JournalEntry, day: int) -> None:
        worst = entry.pain.worst
        if worst is not None:
            if worst > self._gate_max:
                self.gate_day, self.gate_value = day, worst
            if worst > self._symptom_max:
                self.symptom_day = day
        if entry.swelling:
            self.symptom_day = day

    def baseline(self, index: int, day: int) -> int:
        """The runner's morning pain before a session on ``day`` (entry ``index``): the latest
        morning reading from an earlier day within ``baseline_days``, else 0."""
        oldest = day - self._baseline_days
        for j in range(index - 1, -1, -1):
            entry = self._entries[j]
            when = entry.ordinal
            if when >= day:
                continue
            if when + 1 < oldest:
                break
            pain = entry.pain
            if pain.next_morning is not None:
                return pain.next_morning
            if entry.kind is EntryKind.CHECK and pain.worst is not None and when >= oldest:
                return pain.worst
        return 0

    def gate_date(self) -> date | None:
        return date.fromordinal(self.gate_day) if self.gate_day is not None else None
