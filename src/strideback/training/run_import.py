"""Store runs read from a watch file: once per runner and start time, matched to the run the
plan had for that day (run week and day), counted in the journal so that the engine's
long-run warning sees the minutes.

A run already imported is reported as already there; a run on a day the runner already logged
a run by hand is attached to that entry (its minutes filled in if they were missing) instead of
counted twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.engine.journal import EntryKind as EngineKind
from strideback.training.followed import followed
from strideback.training.journal import log_entry
from strideback.training.models import EntryKind, ImportedRun, JournalEntry
from strideback.training.runfiles import Refused, Run, read_runs
from strideback.training.schemas import EntryIn


@dataclass
class Imported:
    stored: list[ImportedRun] = field(default_factory=list)
    already: list[ImportedRun] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def local_date(run: Run) -> dt.date:
    return timezone.localtime(run.start).date()


def planned_run(user: User, on: dt.date) -> tuple[int, int] | None:
    """(run week, run day) of the run the plan had for ``on``, if any."""
    for state in followed(user, on, days=1):
        for session in state.plan.sessions:
            planned = session.date == on and session.kind == EngineKind.RUN
            if planned and session.run_week is not None and session.run_day is not None:
                return session.run_week, session.run_day
    return None


def _entry_for(user: User, run: Run) -> JournalEntry:
    on = local_date(run)
    minutes = round(run.moving_s / 60, 1)
    hand_logged = (
        JournalEntry.objects.filter(user=user, date=on, kind=EntryKind.RUN, watch__isnull=True)
        .order_by("id")
        .first()
    )
    if hand_logged is not None:
        if hand_logged.run_minutes is None:
            hand_logged.run_minutes = minutes
            hand_logged.save(update_fields=["run_minutes", "updated_at"])
        return hand_logged
    week_day = planned_run(user, on)
    data = EntryIn(
        date=on,
        kind="run",
        completed=True,
        run_minutes=min(minutes, 600) or None,
        run_week=week_day[0] if week_day else None,
        run_day=week_day[1] if week_day else None,
    )
    entry, _ = log_entry(user, data)
    return entry


def store_run(user: User, run: Run) -> tuple[ImportedRun, bool]:
    """The stored import for ``run`` and whether it is new (False: it was already there)."""
    existing = ImportedRun.objects.filter(user=user, start=run.start).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            imported = ImportedRun.objects.create(
                user=user,
                entry=_entry_for(user, run),
                start=run.start,
                duration_s=run.duration_s,
                moving_s=run.moving_s,
                distance_m=round(run.distance_m, 1),
                source=run.source,
            )
    except IntegrityError:  # the same file sent twice at once: the first one won
        return ImportedRun.objects.get(user=user, start=run.start), False
    return imported, True


def import_file(user: User, data: bytes) -> Imported:
    """Read a GPX, TCX or FIT file and store its runs for ``user``.

    Raises ``RunFileError`` (one line) for a file that is empty, broken or not a watch file.
    """
    runs, refused = read_runs(data)
    result = Imported(refused=refused)
    for run in runs:
        imported, new = store_run(user, run)
        (result.stored if new else result.already).append(imported)
    return result
