"""The clinician's actions on one patient: clearing a red-flag stop, private notes."""

from __future__ import annotations

import datetime as dt

from strideback.accounts.models import User
from strideback.clinic.models import ClinicalNote
from strideback.clinic.patients import ClinicError, patient
from strideback.training.models import RedFlagClearance


def clear_red_flag(
    clinician: User,
    runner: User,
    *,
    on: dt.date,
    note: str = "",
    now: dt.datetime,
    by_mistake: bool = False,
) -> RedFlagClearance:
    """Record that the clinician has seen the runner and self-training may resume, with what
    they found: a clearance without a finding is refused. ``by_mistake``: the runner's tick
    was a mistake, recorded as a correction."""
    patient(clinician, runner.pk)
    if not note.strip():
        raise ClinicError("note", "say what you found: it is kept with the clearance")
    return RedFlagClearance.objects.create(
        user=runner,
        cleared_on=on,
        cleared_by=clinician,
        note=note.strip(),
        by_mistake=by_mistake,
        created_at=now,
    )


def add_note(clinician: User, runner: User, text: str, *, now: dt.datetime) -> ClinicalNote:
    """A private note, seen only by the clinician who wrote it."""
    patient(clinician, runner.pk)
    text = text.strip()
    if not text:
        raise ClinicError("text", "must not be empty")
    if len(text) > 5000:
        raise ClinicError("text", "must be at most 5000 characters")
    return ClinicalNote.objects.create(
        clinician=clinician, runner=runner, text=text, created_at=now
    )


def notes(clinician: User, runner: User) -> list[ClinicalNote]:
    return list(ClinicalNote.objects.filter(clinician=clinician, runner=runner))
