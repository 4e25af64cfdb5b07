"""The runner's own data: download it all (JSON, CSV) or delete the account.

The export holds everything Strideback keeps about the runner, except a clinician's own
working notes (``clinic.ClinicalNote``, private to the physiotherapist: see the README). The
apps above this one add their parts (``add_part``: the API tokens, the rule-set changes).
Deleting the account removes every row that names the runner, and on SQLite wipes the freed
space and empties the write-ahead log, so the deleted text is gone from the disk too.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import QuerySet

from strideback.accounts.models import CareLink, CareLinkStatus, User
from strideback.errors import InputError
from strideback.training.models import (
    Enrollment,
    ImportedRun,
    JournalEntry,
    Profile,
    QuestionnaireResponse,
    RedFlagClearance,
    Reminder,
    SetLoad,
)

ENTRY_FIELDS = (
    "date",
    "kind",
    "completed",
    "sets_done",
    "pain_during",
    "pain_after",
    "pain_next_morning",
    "swelling",
    "red_flags",
    "painful_exercises",
    "run_minutes",
    "run_week",
    "run_day",
    "note",
    "programme",
    "created_at",
)


def _entry_row(entry: JournalEntry) -> dict[str, object]:
    row: dict[str, object] = {}
    for name in ENTRY_FIELDS:
        if name == "programme":
            row[name] = entry.enrollment.programme_id if entry.enrollment else None
        else:
            value = getattr(entry, name)
            row[name] = value.isoformat() if isinstance(value, dt.date) else value
    return row


log = logging.getLogger(__name__)

# Parts of the export kept by the apps above this one, by key (see ``add_part``).
_PARTS: dict[str, Callable[[User], list[dict[str, object]]]] = {}


def add_part(key: str, part: Callable[[User], list[dict[str, object]]]) -> None:
    """An app above this one adds what it holds about the runner to the export (from its
    ``AppConfig.ready``)."""
    _PARTS[key] = part


def export_data(user: User) -> dict[str, object]:
    """Everything Strideback holds about the runner, as plain JSON-ready data."""
    prof = Profile.objects.filter(user=user).first()
    entries = JournalEntry.objects.filter(user=user).select_related("enrollment")
    data = _own_data(user, prof, entries)
    for key, part in _PARTS.items():
        data[key] = part(user)
    return data


def _own_data(
    user: User, prof: Profile | None, entries: QuerySet[JournalEntry]
) -> dict[str, object]:
    return {
        "format": "strideback-export/1",
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "role": user.role,
            "date_joined": user.date_joined.isoformat(),
        },
        "profile": {
            "areas": prof.areas if prof else [],
            "goal": prof.goal if prof else "",
            "onboarded_at": prof.onboarded_at.isoformat() if prof and prof.onboarded_at else None,
        },
        "enrollments": [
            {
                "programme": e.programme_id,
                "start": e.start.isoformat(),
                "active": e.active,
                "prescribed": e.prescribed_by_id is not None,
                "adjustments": e.adjustments,
                "thresholds": e.thresholds,
                "note_to_runner": e.note_to_runner,
            }
            for e in Enrollment.objects.filter(user=user).order_by("id")
        ],
        "journal": [_entry_row(e) for e in entries],
        "clearances": [
            {"cleared_on": c.cleared_on.isoformat(), "note": c.note, "by_mistake": c.by_mistake}
            for c in RedFlagClearance.objects.filter(user=user).order_by("cleared_on")
        ],
        "clinicians": [
            {
                "clinician": link.clinician.email,
                "status": link.status,
                "accepted_at": link.accepted_at.isoformat() if link.accepted_at else None,
            }
            for link in user.clinician_links.select_related("clinician").order_by("id")
        ],
        "runs_from_watch": [
            {
                "start": r.start.isoformat(),
                "date": r.entry.date.isoformat(),
                "duration_s": r.duration_s,
                "moving_s": r.moving_s,
                "distance_m": r.distance_m,
                "source": r.source,
            }
            for r in ImportedRun.objects.filter(user=user).select_related("entry")
        ],
        "questionnaire_responses": [
            {
                "questionnaire": r.questionnaire_id,
                "date": r.answered_on.isoformat(),
                "answers": r.answers,
                "activities": r.activities,
                "score": r.score,
                "subscales": r.subscales,
            }
            for r in QuestionnaireResponse.objects.filter(user=user)
        ],
        "set_loads": [
            {
                "date": s.date.isoformat(),
                "exercise": s.exercise,
                "set": s.set_number,
                "load_kg": s.load_kg,
                "reps": s.reps,
            }
            for s in SetLoad.objects.filter(user=user)
        ],
        "physio_invites": [
            {
                "email": i.email,
                "created_at": i.created_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in user.physio_invites.order_by("id")
        ],
        "reminders_sent": [
            {"day": r.day.isoformat(), "kind": r.kind, "channels": r.channels}
            for r in Reminder.objects.filter(user=user).order_by("day")
        ],
    }


def export_csv(user: User) -> str:
    """The journal as CSV (one row per logged session or check), for a spreadsheet."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(ENTRY_FIELDS), lineterminator="\n")
    writer.writeheader()
    entries = JournalEntry.objects.filter(user=user).select_related("enrollment")
    for entry in entries:
        row = _entry_row(entry)
        for key in ("red_flags", "painful_exercises"):
            row[key] = " ".join(str(v) for v in row[key])  # type: ignore[attr-defined]
        writer.writerow(row)
    return out.getvalue()


def delete_account(user: User, confirm_email: str) -> None:
    """Delete the account and everything in it. The runner types their e-mail to confirm."""
    if confirm_email.strip().lower() != user.email.lower():
        raise InputError("confirm", "settings.error_confirm")
    wipe = connection.vendor == "sqlite"
    if wipe:
        # Deleted rows are overwritten with zeros, not left in the file's free space.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
    with transaction.atomic():
        # Care links, journal, enrollments, profile, clearances, tokens, notes all cascade
        # from the user; a clinician's invitation still waiting for this e-mail does not, nor
        # the admin's history of changes to the account.
        RedFlagClearance.objects.filter(cleared_by=user).update(cleared_by=None)
        CareLink.objects.filter(
            runner__isnull=True, status=CareLinkStatus.INVITED, invited_email__iexact=user.email
        ).delete()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
        ).delete()
        user.delete()
        if wipe:
            transaction.on_commit(empty_the_log)


def empty_the_log() -> None:
    """SQLite: copy the write-ahead log into the database and truncate it to nothing, so the
    old versions of deleted rows are not left readable in the ``-wal`` file. A reader still
    busy elsewhere can delay it; SQLite then finishes at its next checkpoint."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy = cursor.fetchone()
    if busy and busy[0]:
        log.warning("the write-ahead log could not be emptied yet (a reader was busy)")
