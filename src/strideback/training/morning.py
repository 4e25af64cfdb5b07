"""The next-morning check: yesterday's sessions waiting for this morning's pain, and
recording it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from strideback.accounts.models import User
from strideback.errors import InputError
from strideback.training.models import (
    EntryKind,
    JournalEntry,
)

SESSION_KINDS = (EntryKind.STRENGTH, EntryKind.RUN)


def pending_morning_check(user: User, on: dt.date) -> list[JournalEntry]:
    """Yesterday's sessions still waiting for this morning's pain (asked first thing)."""
    return list(
        JournalEntry.objects.filter(
            user=user,
            date=on - dt.timedelta(days=1),
            kind__in=SESSION_KINDS,
            pain_next_morning__isnull=True,
        ).order_by("id")
    )


def record_next_morning(user: User, pain: int, on: dt.date) -> list[JournalEntry]:
    """This morning's pain (0-10), stored on yesterday's sessions. Sent twice, the second
    value wins (a corrected tap); with no session yesterday it is stored as a check."""
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
        raise InputError("pain", "morning.error_pain")
    yesterday = on - dt.timedelta(days=1)
    with transaction.atomic():
        rows = list(
            JournalEntry.objects.select_for_update().filter(
                user=user, date=yesterday, kind__in=SESSION_KINDS
            )
        )
        for row in rows:
            row.pain_next_morning = pain
            row.save(update_fields=["pain_next_morning", "updated_at"])
        if not rows:
            rows = [_morning_check(user, pain, on)]
    return rows


def _morning_check(user: User, pain: int, on: dt.date) -> JournalEntry:
    checks = JournalEntry.objects.filter(user=user, date=on, kind=EntryKind.CHECK)
    check = next((c for c in checks if not c.red_flags), None)
    if check is None:
        return JournalEntry.objects.create(
            user=user, date=on, kind=EntryKind.CHECK, completed=False, pain_next_morning=pain
        )
    check.pain_next_morning = pain
    check.save(update_fields=["pain_next_morning", "updated_at"])
    return check
