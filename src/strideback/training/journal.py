"""Writing the journal: one function per state change, used by pages, offline queue and API.

A logged session is never lost or duplicated: each write is one transaction, and an entry sent
again with the same idempotency key returns the entry already stored instead of a second one.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from strideback.accounts.models import User
from strideback.training.models import Enrollment, JournalEntry
from strideback.training.schemas import EntryIn


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


def log_entry(
    user: User, data: EntryIn, enrollment: Enrollment | None = None
) -> tuple[JournalEntry, bool]:
    """Store an entry; returns (entry, created). A repeated idempotency key creates nothing."""
    key = data.idempotency_key
    if key:
        existing = JournalEntry.objects.filter(user=user, idempotency_key=key).first()
        if existing is not None:
            return existing, False
    if enrollment is None:
        enrollment = Enrollment.objects.filter(user=user, active=True).order_by("id").first()
    try:
        with transaction.atomic():
            entry = JournalEntry.objects.create(
                user=user, enrollment=enrollment, idempotency_key=key or None, **_fields(data)
            )
    except IntegrityError:
        # Two copies of one offline entry raced each other: the first one won.
        if key:
            return JournalEntry.objects.get(user=user, idempotency_key=key), False
        raise
    return entry, True


def update_entry(entry: JournalEntry, data: EntryIn) -> JournalEntry:
    """Replace an entry's values (the caller checks ownership and the 24-hour window)."""
    with transaction.atomic():
        for name, value in _fields(data).items():
            setattr(entry, name, value)
        entry.save()
    return entry
