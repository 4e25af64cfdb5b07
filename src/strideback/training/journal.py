"""Writing the journal: one function per state change, used by pages, offline queue and API.

A logged session is never lost or duplicated: each write is one transaction, and an entry sent
again with the same idempotency key returns the entry already stored instead of a second one.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Min

from strideback.accounts.models import User
from strideback.core.content.library import default_library
from strideback.core.dates import entry_date_problem
from strideback.training.models import Enrollment, JournalEntry
from strideback.training.schemas import EntryIn

EDIT_WINDOW = dt.timedelta(hours=24)


class EntryDateError(ValueError):
    """The entry's date is outside the days the runner can log (``core.dates``)."""


def check_entry_date(user: User, day: dt.date, today: dt.date) -> None:
    """Raise ``EntryDateError`` when ``day`` is before the runner's first programme start (or,
    with none, more than a year back) or in the future."""
    first = Enrollment.objects.filter(user=user).aggregate(first=Min("start"))["first"]
    problem = entry_date_problem(day, start=first, today=today)
    if problem:
        raise EntryDateError(problem)


class EntryLocked(Exception):
    """The entry was logged longer ago than EDIT_WINDOW: log a new one instead of editing."""


def enrollment_for(user: User, kind: str) -> Enrollment | None:
    """A run belongs to the runner's run plan, anything else to an exercise programme."""
    programmes = default_library().programmes
    active = list(Enrollment.objects.filter(user=user, active=True).order_by("id"))
    wanted = "run_plan" if kind == "run" else "exercises"
    for enrollment in active:
        programme = programmes.get(enrollment.programme_id)
        if programme is not None and programme.kind == wanted:
            return enrollment
    return active[0] if active else None


def _fields(data: EntryIn) -> dict[str, object]:
    return {
        "date": data.date,
        "kind": data.kind,
        "completed": data.completed,
        "sets_done": data.sets_done,
        "pain_during": data.pain.during,
        "pain_after": data.pain.after,
        "pain_next_morning": data.pain.next_morning,
        "swelling": data.swelling,
        "red_flags": list(data.red_flags),
        "painful_exercises": list(data.painful_exercises),
        "run_minutes": data.run_minutes,
        "run_week": data.run_week,
        "run_day": data.run_day,
        "note": data.note,
    }


KEY_REUSED = (
    "this key was already used for a different entry: send a new key for a new entry "
    "(the same key is only for sending the same entry again)"
)


class KeyReused(ValueError):
    """An idempotency key sent again with a different entry: a client bug, not a retry."""


# The morning check fills in the next morning's pain later: a retry may lack it.
_SET_LATER = frozenset({"pain_next_morning"})


def _same_entry(entry: JournalEntry, data: EntryIn) -> bool:
    return all(
        getattr(entry, name) == value
        for name, value in _fields(data).items()
        if name not in _SET_LATER
    )


def log_entry(
    user: User, data: EntryIn, enrollment: Enrollment | None = None
) -> tuple[JournalEntry, bool]:
    """Store an entry; returns (entry, created). A repeated idempotency key creates nothing;
    sent with a different entry it raises KeyReused and changes nothing."""
    key = data.idempotency_key
    if key:
        existing = JournalEntry.objects.filter(user=user, idempotency_key=key).first()
        if existing is not None:
            if not _same_entry(existing, data):
                raise KeyReused(key)
            return existing, False
    if enrollment is None:
        enrollment = enrollment_for(user, data.kind)
    try:
        with transaction.atomic():
            entry = JournalEntry.objects.create(
                user=user, enrollment=enrollment, idempotency_key=key or None, **_fields(data)
            )
    except IntegrityError:
        # Two copies of one offline entry raced each other: the first one won.
        if key:
            existing = JournalEntry.objects.get(user=user, idempotency_key=key)
            if not _same_entry(existing, data):
                raise KeyReused(key) from None
            return existing, False
        raise
    return entry, True


def editable_until(entry: JournalEntry) -> dt.datetime:
    return entry.created_at + EDIT_WINDOW


def editable(entry: JournalEntry, now: dt.datetime) -> bool:
    """The one rule for correcting an entry, for the API, the correction page and the player
    (resume, start again): within EDIT_WINDOW of logging it."""
    return now <= editable_until(entry)


def update_entry(entry: JournalEntry, data: EntryIn, *, now: dt.datetime) -> JournalEntry:
    """Replace an entry's values within EDIT_WINDOW of logging it (the caller checks that the
    entry is the asker's own); later, raise EntryLocked and change nothing."""
    if not editable(entry, now):
        raise EntryLocked(f"logged more than {EDIT_WINDOW.days * 24} hours ago")
    with transaction.atomic():
        for name, value in _fields(data).items():
            setattr(entry, name, value)
        entry.save()
    return entry
