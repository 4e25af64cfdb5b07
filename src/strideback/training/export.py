"""The runner's own data: download it all (JSON, CSV) or delete the account."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from strideback.accounts.models import User
from strideback.training.models import (
    Enrollment,
    ImportedRun,
    JournalEntry,
    Profile,
    QuestionnaireResponse,
    RedFlagClearance,
    SetLoad,
)
from strideback.training.onboarding import InputError

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


def export_data(user: User) -> dict[str, object]:
    """Everything Strideback holds about the runner, as plain JSON-ready data."""
    prof = Profile.objects.filter(user=user).first()
    entries = JournalEntry.objects.filter(user=user).select_related("enrollment")
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
    with transaction.atomic():
        # Care links, journal, enrollments, profile, clearances all cascade from the user.
        RedFlagClearance.objects.filter(cleared_by=user).update(cleared_by=None)
        user.delete()
