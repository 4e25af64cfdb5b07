"""The engine, per programme: every programme a runner follows, evaluated on a day from
their journal, clearances and the clinician's prescription."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from strideback.accounts.models import User
from strideback.core import engine
from strideback.core.engine.thresholds import Thresholds
from strideback.training import convert
from strideback.training.models import (
    EntryKind,
    JournalEntry,
    RedFlagClearance,
)
from strideback.training.programmes import active_enrollments


@dataclass(frozen=True)
class Followed:
    """One programme (with its run plan) and what the engine says about it on a day."""

    track: convert.Track
    thresholds: Thresholds
    plan: engine.Plan

    @property
    def state(self) -> engine.State:
        return self.plan.state


def journal_for(track: convert.Track, rows: Sequence[Any]) -> list[Any]:
    """A programme's journal: its own sessions, its run plan's, and every check (pain
    mornings and red flags concern the whole runner)."""
    ids = track.enrollment_ids
    mine = [r for r in rows if r.enrollment_id in ids or r.kind == EntryKind.CHECK]
    return convert.journal(mine)


def _thresholds(track: convert.Track) -> Thresholds:
    return track.thresholds()


def followed(
    user: User, on: dt.date, days: int = 14, *, without: int | None = None
) -> list[Followed]:
    """Every programme the runner follows, evaluated on ``on`` with ``days`` of plan; with
    ``without``, as if that journal entry were not there (the session it logged is planned
    again: resuming or redoing a session ended early)."""
    return followed_with_rows(user, on, days, without=without)[0]


def light_journal(user: User, on: dt.date, *, without: int | None = None) -> list[convert.LightRow]:
    """The runner's journal up to ``on`` (date, then id), with just the columns read."""
    rows = JournalEntry.objects.filter(user=user, date__lte=on)
    if without is not None:
        rows = rows.exclude(pk=without)
    return convert.light_rows(rows)


def clearance_dates(user: User) -> tuple[dt.date, ...]:
    """The days a clinician cleared this runner's red-flag stops."""
    return tuple(
        sorted(RedFlagClearance.objects.filter(user=user).values_list("cleared_on", flat=True))
    )


def followed_with_rows(
    user: User, on: dt.date, days: int, *, without: int | None = None
) -> tuple[list[Followed], list[convert.LightRow] | None]:
    """``followed``, with the journal rows it read (None: nothing followed, nothing read)."""
    enrollments = active_enrollments(user)
    if not enrollments:
        return [], None
    rows = light_journal(user, on, without=without)
    cleared = clearance_dates(user)
    out = []
    for track in convert.tracks(enrollments):
        th = _thresholds(track)
        result = engine.plan(
            track.programme,
            track.enrollment.start,
            journal_for(track, rows),
            on,
            run_plan=track.run_plan,
            thresholds=th,
            cleared=cleared,
            days=days,
            **track.engine_options(),
        )
        out.append(Followed(track, th, result))
    return out, rows
