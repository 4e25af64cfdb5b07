"""When sessions happen: a rhythm of gaps between sessions, and the dates it gives.

A programme's schedule is ``every_days: N`` (gaps of N days) or ``per_week_min/max`` (that
many sessions spread over each 7 days, e.g. 3 a week: gaps 2, 2, 3). A missed session moves to
the next possible day and never piles up: the next session is the later of today and the last
session plus one gap, so two sessions are never closer than the rhythm allows.
"""

from __future__ import annotations

from datetime import date, timedelta

from strideback.core.content.models import Schedule

WEEK = 7

Rhythm = tuple[int, ...]


def spread(per_week: int) -> Rhythm:
    """Gaps (in days) that fit ``per_week`` sessions into 7 days, shorter gaps first."""
    n = max(1, min(per_week, WEEK))
    base, extra = divmod(WEEK, n)
    return (base,) * (n - extra) + (base + 1,) * extra


def rhythm(schedule: Schedule, min_gap: int = 1) -> Rhythm:
    """The schedule's gaps, with none shorter than ``min_gap`` days (fewer sessions if need be)."""
    if schedule.every_days is not None:
        return (max(schedule.every_days, min_gap),)
    per_week = schedule.per_week_max or schedule.per_week_min or 1
    gaps = spread(per_week)
    while min(gaps) < min_gap and per_week > 1:
        per_week -= 1
        gaps = spread(per_week)
    return gaps if min(gaps) >= min_gap else (min_gap,)


def dates(first: date, gaps: Rhythm, until: date) -> list[date]:
    """``first`` and the dates after it, one gap at a time (cycling), up to ``until``."""
    out: list[date] = []
    day, i = first, 0
    while day <= until:
        out.append(day)
        day += timedelta(days=gaps[i % len(gaps)])
        i += 1
    return out


def next_after(last: date | None, gaps: Rhythm, earliest: date) -> date:
    """The next session: one gap after the last (never before ``earliest``)."""
    if last is None:
        return earliest
    return max(earliest, last + timedelta(days=gaps[0]))


def on_calendar(start: date, gaps: Rhythm, earliest: date) -> date:
    """The first date on or after ``earliest`` in the rhythm counted from ``start``."""
    if earliest <= start:
        return start
    cycle = sum(gaps)
    offset = (earliest - start).days % cycle
    base = earliest - timedelta(days=offset)
    position = 0
    for gap in (0, *gaps):
        position += gap
        if position >= offset:
            return base + timedelta(days=position)
    return base + timedelta(days=cycle)  # not reached: the loop ends at a full cycle
