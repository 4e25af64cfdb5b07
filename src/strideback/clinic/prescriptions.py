"""Prescribing and adjusting a library programme for one runner: doses, variants, skips,
additions and limits, validated by the core before anything is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.clinic import choices
from strideback.clinic.models import RuleSetChange
from strideback.clinic.patients import ClinicError, patient
from strideback.core.content.adjust import AdjustmentError, apply_adjustments
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.dates import start_date_problem
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
    rule_set: str | None = None,
    start_phase: int = 1,
    earlier_pain_free: bool | None = None,
    with_run_plan: bool = False,
) -> Enrollment:
    """Put the patient on a library programme from ``start`` (in ``start_phase``, with the
    clinician's word on the phases before it); it replaces any active programme of the same
    kind (exercises or run plan). ``with_run_plan``: also the programme's companion run plan,
    as onboarding offers it. Everything is validated before anything is saved."""
    patient(clinician, runner.pk)
    problem = start_date_problem(start, today=timezone.localdate(now))
    if problem:
        raise ClinicError("start", problem)
    library = default_library()
    programme = _programme(library, programme_id)
    checked = _check_adjustments(library, programme, adjustments)
    overrides = _check_thresholds(programme, thresholds or {})
    chosen = choices.rule_set(programme, rule_set)
    phase = choices.start_phase(programme, start_phase)
    companion = choices.companion(library, programme) if with_run_plan else None
    kinds = {programme.kind} | ({"run_plan"} if companion is not None else set())
    replaced = [pid for pid, prog in library.programmes.items() if prog.kind in kinds]
    said = earlier_pain_free is not None and phase > 1
    with transaction.atomic():
        if chosen:
            _record_switch(runner, programme, "", chosen, clinician, now)
        Enrollment.objects.filter(user=runner, active=True, programme_id__in=replaced).update(
            active=False
        )
        snapshots.bump([runner.pk])  # a queryset update sends no signal
        if companion is not None:
            Enrollment.objects.create(
                user=runner,
                programme_id=companion.id,
                start=start,
                prescribed_by=clinician,
                created_at=now,
            )
        return Enrollment.objects.create(
            user=runner,
            programme_id=programme_id,
            start=start,
            prescribed_by=clinician,
            adjustments=checked,
            thresholds=overrides,
            note_to_runner=note.strip(),
            created_at=now,
            rule_set=chosen,
            rule_set_by=clinician if chosen else None,
            rule_set_at=now if chosen else None,
            start_phase=phase,
            earlier_pain_free=earlier_pain_free if said else None,
            earlier_stated_by=clinician if said else None,
            earlier_stated_at=now if said else None,
        )


def adjust(
    clinician: User,
    runner: User,
    *,
    enrollment_id: int | None = None,
    adjustments: Sequence[object] | None = None,
    thresholds: Mapping[str, object] | None = None,
    note: str | None = None,
    rule_set: str | None = None,
    earlier_pain_free: bool | None = None,
    now: dt.datetime | None = None,
) -> Enrollment:
    """Replace the adjustment list, the threshold overrides, the note, the rule set and/or
    the word on the phases before the start of the patient's active programme (the given ones
    only; the rule set and the word are recorded with who and when). Everything is validated
    before anything is saved."""
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
    when = now or timezone.now()
    switched = None
    if rule_set is not None:
        chosen = choices.rule_set(programme, rule_set)
        if chosen != enrollment.rule_set:
            switched = (enrollment.rule_set, chosen)
        enrollment.rule_set = chosen
        enrollment.rule_set_by, enrollment.rule_set_at = clinician, when
    if earlier_pain_free is not None:
        enrollment.earlier_pain_free = earlier_pain_free
        enrollment.earlier_stated_by, enrollment.earlier_stated_at = clinician, when
    enrollment.prescribed_by = clinician
    with transaction.atomic():
        if switched is not None:
            _record_switch(runner, programme, *switched, clinician, when)
        enrollment.save()
    return enrollment


def _record_switch(
    runner: User, programme: Programme, old: str, new: str, clinician: User, when: dt.datetime
) -> None:
    """One line of the rule-set history ("" is the programme's default, stored by its id)."""
    default = programme.rule_sets[0]
    RuleSetChange.objects.create(
        runner=runner,
        programme_id=programme.id,
        rule_set_from=old or default,
        rule_set_to=new or default,
        changed_by=clinician,
        changed_at=when,
    )


def rule_set_history(clinician: User, runner: User, programme_id: str) -> list[RuleSetChange]:
    """The switches of the runner's rule set in one programme, newest first."""
    patient(clinician, runner.pk)
    return list(
        RuleSetChange.objects.filter(runner=runner, programme_id=programme_id).select_related(
            "changed_by"
        )
    )


def prescribed_programme(enrollment: Enrollment, library: Library | None = None) -> Programme:
    """The library programme with the enrollment's adjustments applied."""
    library = library or default_library()
    programme = library.programme(enrollment.programme_id)
    return apply_adjustments(programme, enrollment.adjustments or [], library)


def limits(enrollment: Enrollment, library: Library | None = None) -> Thresholds:
    """The thresholds in force for this enrollment (its programme's, then the clinician's)."""
    library = library or default_library()
    programme = library.programme(enrollment.programme_id)
    table = thresholds_for(programme, None, enrollment.rule_set or None)
    try:
        return table.with_overrides(enrollment.thresholds or {})
    except ThresholdError:
        return table


def export_rule_set_changes(runner: User) -> list[dict[str, object]]:
    """The runner's rule-set switches, for their data export: programme, from, to, by whom and
    when (a clinician's own notes stay private to the clinician: see the README)."""
    return [
        {
            "programme": c.programme_id,
            "from": c.rule_set_from,
            "to": c.rule_set_to,
            "by": c.changed_by.email if c.changed_by else None,
            "at": c.changed_at.isoformat(),
        }
        for c in RuleSetChange.objects.filter(runner=runner).select_related("changed_by")
    ]
