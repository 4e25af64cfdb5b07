"""Prescribing and adjusting a library programme for one runner: doses, variants, skips,
additions and limits, validated by the core before anything is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction

from strideback.accounts.models import User
from strideback.clinic.patients import ClinicError, patient
from strideback.core.content.adjust import AdjustmentError, apply_adjustments
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.engine.thresholds import ThresholdError, Thresholds, thresholds_for
from strideback.training import snapshots
from strideback.training.models import Enrollment


def _programme(library: Library, programme_id: str) -> Programme:
    if programme_id not in library.programmes:
        valid = ", ".join(sorted(library.programmes))
        raise ClinicError("programme", f"unknown programme '{programme_id}' (choose: {valid})")
    return library.programme(programme_id)


def _check_adjustments(
    library: Library, programme: Programme, adjustments: Sequence[object]
) -> list[object]:
    try:
        apply_adjustments(programme, adjustments, library)
    except AdjustmentError as exc:
        raise ClinicError(
            f"adjustments[{exc.index}]{'.' + exc.field if exc.field else ''}", exc.message
        ) from None
    return [_plain_json(a) for a in adjustments]


def _plain_json(adjustment: object) -> object:
    dump = getattr(adjustment, "model_dump", None)
    return dump(mode="json", exclude_none=True) if dump is not None else adjustment


def _check_thresholds(programme: Programme, thresholds: Mapping[str, object]) -> dict[str, object]:
    try:
        thresholds_for(programme).with_overrides(thresholds)
    except ThresholdError as exc:
        first = exc.problems[0]
        raise ClinicError(f"thresholds.{first.split(':')[0]}", first.split(": ", 1)[1]) from None
    return dict(thresholds)


def prescriptions(runner: User) -> list[Enrollment]:
    """The runner's active programmes a clinician adjusts: the exercise programmes, newest
    first (the latest start, then the latest made), or, without one, the run plan."""
    enrollments = list(
        Enrollment.objects.filter(user=runner, active=True).order_by("-start", "-id")
    )
    library = default_library()
    exercises = [
        e
        for e in enrollments
        if (prog := library.programmes.get(e.programme_id)) is not None and prog.kind == "exercises"
    ]
    return exercises or enrollments[:1]


def active_prescription(runner: User, enrollment_id: int | None = None) -> Enrollment | None:
    """The runner's active exercise programme (or, without one, their run plan): the one with
    ``enrollment_id`` when given (ClinicError when it is not one of theirs), else the newest,
    the same one the patient list shows."""
    found = prescriptions(runner)
    if enrollment_id is None:
        return found[0] if found else None
    for enrollment in found:
        if enrollment.pk == enrollment_id:
            return enrollment
    raise ClinicError("enrollment", "not one of this patient's active programmes")


def prescribe(
    clinician: User,
    runner: User,
    programme_id: str,
    start: dt.date,
    *,
    adjustments: Sequence[object] = (),
    thresholds: Mapping[str, object] | None = None,
    note: str = "",
    now: dt.datetime,
) -> Enrollment:
    """Put the patient on a library programme from ``start``; it replaces any active programme
    of the same kind (exercises or run plan). Adjustments and thresholds are validated first."""
    patient(clinician, runner.pk)
    library = default_library()
    programme = _programme(library, programme_id)
    checked = _check_adjustments(library, programme, adjustments)
    overrides = _check_thresholds(programme, thresholds or {})
    same_kind = [pid for pid, prog in library.programmes.items() if prog.kind == programme.kind]
    with transaction.atomic():
        Enrollment.objects.filter(user=runner, active=True, programme_id__in=same_kind).update(
            active=False
        )
        snapshots.bump([runner.pk])  # a queryset update sends no signal
        return Enrollment.objects.create(
            user=runner,
            programme_id=programme_id,
            start=start,
            prescribed_by=clinician,
            adjustments=checked,
            thresholds=overrides,
            note_to_runner=note.strip(),
            created_at=now,
        )


def adjust(
    clinician: User,
    runner: User,
    *,
    enrollment_id: int | None = None,
    adjustments: Sequence[object] | None = None,
    thresholds: Mapping[str, object] | None = None,
    note: str | None = None,
) -> Enrollment:
    """Replace the adjustment list, the threshold overrides and/or the note of the patient's
    active programme (the given ones only). Everything is validated before anything is saved."""
    patient(clinician, runner.pk)
    enrollments = Enrollment.objects.filter(user=runner, active=True)
    enrollment = (
        enrollments.filter(pk=enrollment_id).first()
        if enrollment_id is not None
        else active_prescription(runner)
    )
    if enrollment is None:
        raise ClinicError("enrollment", "the patient has no active programme")
    library = default_library()
    programme = _programme(library, enrollment.programme_id)
    if adjustments is not None:
        enrollment.adjustments = _check_adjustments(library, programme, adjustments)
    if thresholds is not None:
        enrollment.thresholds = _check_thresholds(programme, thresholds)
    if note is not None:
        enrollment.note_to_runner = note.strip()
    enrollment.prescribed_by = clinician
    enrollment.save()
    return enrollment


def prescribed_programme(enrollment: Enrollment, library: Library | None = None) -> Programme:
    """The library programme with the enrollment's adjustments applied."""
    library = library or default_library()
    programme = library.programme(enrollment.programme_id)
    return apply_adjustments(programme, enrollment.adjustments or [], library)


def limits(enrollment: Enrollment, library: Library | None = None) -> Thresholds:
    """The thresholds in force for this enrollment (its programme's, then the clinician's)."""
    library = library or default_library()
    programme = library.programme(enrollment.programme_id)
    table = thresholds_for(programme)
    try:
        return table.with_overrides(enrollment.thresholds or {})
    except ThresholdError:
        return table
