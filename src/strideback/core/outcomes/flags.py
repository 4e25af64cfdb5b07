"""The flags a physiotherapist sees on the patient list: who needs attention and why, each
flag with the journal values behind it. Pure rules over a runner's journal (entries with their
row ids, in date order), the engine's state and its limits; the clinic app loads the rows and
shows the result. Limits are always the engine's thresholds table (with the clinician's
overrides): a flag never invents its own limit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from strideback.core.engine.journal import EntryKind, JournalEntry
from strideback.core.engine.thresholds import Thresholds
from strideback.core.outcomes.adherence import MissedSession

RECENT_DAYS = 7  # "pain above the limit in the last 7 days"
MISSED_WINDOW_DAYS = 14  # missed sessions are counted over the last two weeks
MISSED_AT_LEAST = 2  # one missed session is life; two is a pattern worth a look
RISE_AT_LEAST = 1.0  # average worst pain this week vs last week, points on the 0-10 scale

# A journal entry with the id of its row (None for an entry that has no row).
Logged = tuple[int | None, JournalEntry]


class FlagCode(StrEnum):
    RED_FLAG = "red_flag"
    PAIN_ABOVE_LIMIT = "pain_above_limit"
    PAIN_RISING = "pain_rising"
    RUNNING_PAUSED = "running_paused"
    MISSED_SESSIONS = "missed_sessions"


# Order of attention: a red flag outweighs everything else together.
WEIGHT: dict[FlagCode, int] = {
    FlagCode.RED_FLAG: 1000,
    FlagCode.PAIN_ABOVE_LIMIT: 100,
    FlagCode.PAIN_RISING: 50,
    FlagCode.RUNNING_PAUSED: 20,
    FlagCode.MISSED_SESSIONS: 10,
}


@dataclass(frozen=True)
class Evidence:
    """One journal value behind a flag: which entry, which field, its value and the limit."""

    entry_id: int | None
    date: date | None
    field: str
    value: float | int | str | None
    limit: float | None = None


@dataclass(frozen=True)
class Flag:
    code: FlagCode
    evidence: tuple[Evidence, ...]
    facts: Mapping[str, object] = field(default_factory=dict)

    @property
    def entry_ids(self) -> list[int]:
        return sorted({e.entry_id for e in self.evidence if e.entry_id is not None})

    @property
    def dates(self) -> list[date]:
        return sorted({e.date for e in self.evidence if e.date is not None})


def red_flag(entries: Sequence[Logged], cleared: Sequence[date], on: date) -> Flag | None:
    """Red flags not yet cleared; as the engine reads them, a clearance dated on or after a red
    flag's day clears it."""
    last = max((c for c in cleared if c <= on), default=None)
    open_ = [(i, e) for i, e in entries if e.red_flags and (last is None or e.date > last)]
    if not open_:
        return None
    evidence = tuple(
        Evidence(i, e.date, "red_flags", code.value)
        for i, e in open_
        for code in sorted(e.red_flags)
    )
    return Flag(FlagCode.RED_FLAG, evidence, {"since": open_[0][1].date})


def _pain_checks(entry: JournalEntry, limits: Thresholds) -> list[tuple[str, int | None, float]]:
    pain = entry.pain
    if entry.kind is EntryKind.RUN:
        return [
            ("pain_during", pain.during, limits.run_pain_during_max),
            ("pain_after", pain.after, limits.run_pain_after_max),
            ("pain_next_morning", pain.next_morning, limits.run_pain_next_morning_max),
        ]
    return [
        ("pain_during", pain.during, limits.pain_during_max),
        ("pain_after", pain.after, limits.pain_after_max),
        ("pain_next_morning", pain.next_morning, limits.pain_next_morning_max),
    ]


def _over(i: int | None, entry: JournalEntry, limits: Thresholds) -> list[Evidence]:
    return [
        Evidence(i, entry.date, name, value, limit)
        for name, value, limit in _pain_checks(entry, limits)
        if value is not None and value > limit
    ]


def recent(entries: Sequence[Logged], on: date) -> list[Logged]:
    """The entries of the last ``RECENT_DAYS`` days up to ``on``."""
    return [(i, e) for i, e in entries if on - timedelta(days=RECENT_DAYS) < e.date <= on]


def pain_above_limit(entries: Sequence[Logged], limits: Thresholds, on: date) -> Flag | None:
    """Pain over the programme's limits in the last week."""
    evidence = tuple(ev for i, e in recent(entries, on) for ev in _over(i, e, limits))
    if not evidence:
        return None
    worst = max(float(e.value) for e in evidence if isinstance(e.value, int | float))
    return Flag(FlagCode.PAIN_ABOVE_LIMIT, evidence, {"worst": worst})


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def pain_rising(entries: Sequence[Logged], on: date) -> Flag | None:
    """This week's average worst pain at least ``RISE_AT_LEAST`` above last week's."""
    week = timedelta(days=RECENT_DAYS)
    now = [(i, e) for i, e in entries if on - week < e.date <= on and e.pain.worst is not None]
    before = [
        (i, e)
        for i, e in entries
        if on - 2 * week < e.date <= on - week and e.pain.worst is not None
    ]
    now_mean = _mean([e.pain.worst for _, e in now if e.pain.worst is not None])
    before_mean = _mean([e.pain.worst for _, e in before if e.pain.worst is not None])
    if now_mean is None or before_mean is None or now_mean - before_mean < RISE_AT_LEAST:
        return None
    evidence = tuple(Evidence(i, e.date, "worst_pain", e.pain.worst) for i, e in [*before, *now])
    return Flag(
        FlagCode.PAIN_RISING, evidence, {"before": round(before_mean, 1), "now": round(now_mean, 1)}
    )


def running_paused(
    paused: bool, restart_on: date | None, entries: Sequence[Logged], limits: Thresholds
) -> Flag | None:
    """Running is paused when the engine says so (as on the runner's own Today); the evidence is
    the latest run whose pain went over a run limit."""
    if not paused:
        return None
    evidence: list[Evidence] = []
    for i, entry in reversed(entries):
        if entry.kind is EntryKind.RUN:
            evidence = _over(i, entry, limits)
            if evidence:
                break
    facts = {"since": evidence[0].date if evidence else None, "restart_on": restart_on}
    return Flag(FlagCode.RUNNING_PAUSED, tuple(evidence), facts)


def missed_window(start: date, on: date) -> tuple[date, date] | None:
    """The days the missed-sessions flag looks at: the last ``MISSED_WINDOW_DAYS`` before
    today (today's session is not missed yet), not before the start."""
    first = max(start, on - timedelta(days=MISSED_WINDOW_DAYS))
    last = on - timedelta(days=1)
    return (first, last) if first <= last else None


def missed_sessions(
    missed: Sequence[MissedSession],
    entries: Sequence[Logged],
    window: tuple[date, date],
) -> Flag | None:
    """``MISSED_AT_LEAST`` sessions missed in the window (``adherence.missed_sessions``, the
    same count the runner's calendar shows); the evidence is the sessions that were done."""
    if len(missed) < MISSED_AT_LEAST:
        return None
    first, last = window
    kinds = (EntryKind.STRENGTH, EntryKind.RUN)
    done = [
        (i, e) for i, e in entries if e.kind in kinds and e.attempted and first <= e.date <= last
    ]
    evidence = tuple(Evidence(i, e.date, "completed", e.kind.value) for i, e in done)
    last_done = max((e.date for _, e in entries if e.kind in kinds and e.attempted), default=None)
    facts = {
        "missed": len(missed),
        "done": len(done),
        "expected": len(done) + len(missed),
        "days": (last - first).days + 1,
        "last": last_done,
    }
    return Flag(FlagCode.MISSED_SESSIONS, evidence, facts)
