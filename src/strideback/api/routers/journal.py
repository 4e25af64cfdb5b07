"""The runner's journal: log (idempotent), list, read, and edit within 24 hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from strideback.api.auth import USER_AUTH
from strideback.api.errors import ApiError
from strideback.api.schemas import ERRORS, EntryOut, RowId
from strideback.core.text import MAX_ID
from strideback.training.journal import (
    KEY_REUSED,
    EntryDateError,
    EntryLocked,
    KeyReused,
    check_entry_date,
    editable_until,
    log_entry,
    update_entry,
)
from strideback.training.models import JournalEntry
from strideback.training.schemas import EntryIn

router = Router(tags=["journal"], auth=USER_AUTH)

# A runner may correct an entry for a day after logging it; later the history is settled
# (a clinician may already have read it).


def entry_out(
    entry: JournalEntry, programmes: Mapping[int, str] | None = None
) -> dict[str, object]:
    """The entry as the API shows it; ``programmes`` (enrollment id -> programme id) saves a
    query per entry when the caller already has the enrollments."""
    if programmes is not None:
        programme = programmes.get(entry.enrollment_id or 0)
    else:
        programme = entry.enrollment.programme_id if entry.enrollment_id else None
    return {
        "id": entry.pk,
        "date": entry.date,
        "kind": entry.kind,
        "completed": entry.completed,
        "sets_done": entry.sets_done,
        "pain": {
            "during": entry.pain_during,
            "after": entry.pain_after,
            "next_morning": entry.pain_next_morning,
        },
        "swelling": entry.swelling,
        "red_flags": entry.red_flags,
        "painful_exercises": entry.painful_exercises,
        "run_minutes": entry.run_minutes,
        "run_week": entry.run_week,
        "run_day": entry.run_day,
        "note": entry.note,
        "idempotency_key": entry.idempotency_key,
        "programme": programme,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "editable_until": editable_until(entry),
    }


class JournalQuery(Schema):
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=MAX_ID)


def _own(request: HttpRequest, entry_id: RowId) -> JournalEntry:
    entry = (
        JournalEntry.objects.select_related("enrollment")
        .filter(pk=entry_id, user=request.auth)
        .first()
    )
    if entry is None:
        raise ApiError(404, "no such journal entry", "id")
    return entry


@router.post(
    "",
    response={200: EntryOut, 201: EntryOut, **ERRORS},
    summary="Log a session or check",
    description="201 with the new entry; 200 with the stored entry when the idempotency_key "
    "was sent before with the same entry (a retried offline post never creates a second "
    "entry); 409 when the key was used for a different entry.",
)
def create_entry(request: HttpRequest, payload: EntryIn) -> Status[dict[str, object]]:
    try:
        check_entry_date(request.auth, payload.date, timezone.localdate())
        entry, created = log_entry(request.auth, payload)
    except EntryDateError as exc:
        raise ApiError(422, str(exc), "date") from None
    except KeyReused:
        raise ApiError(409, KEY_REUSED, "idempotency_key") from None
    return Status(201 if created else 200, entry_out(entry))


@router.get("", response={200: list[EntryOut], **ERRORS}, summary="My journal, oldest first")
def list_entries(request: HttpRequest, q: Query[JournalQuery]) -> list[dict[str, object]]:
    rows = JournalEntry.objects.filter(user=request.auth).select_related("enrollment")
    if q.since:
        rows = rows.filter(date__gte=q.since)
    if q.until:
        rows = rows.filter(date__lte=q.until)
    return [entry_out(e) for e in rows.order_by("date", "id")[q.offset : q.offset + q.limit]]


@router.get("/{entry_id}", response={200: EntryOut, **ERRORS}, summary="One entry")
def get_entry(request: HttpRequest, entry_id: RowId) -> dict[str, object]:
    return entry_out(_own(request, entry_id))


@router.put(
    "/{entry_id}",
    response={200: EntryOut, **ERRORS},
    summary="Correct an entry (within 24 hours of logging it)",
)
def edit_entry(request: HttpRequest, entry_id: RowId, payload: EntryIn) -> dict[str, object]:
    entry = _own(request, entry_id)
    try:
        if payload.date != entry.date:
            check_entry_date(request.auth, payload.date, timezone.localdate())
        return entry_out(update_entry(entry, payload, now=timezone.now()))
    except EntryDateError as exc:
        raise ApiError(422, str(exc), "date") from None
    except EntryLocked:
        raise ApiError(
            409,
            "this entry was logged more than 24 hours ago and can no longer be changed; "
            "log a new entry instead",
            "id",
        ) from None
