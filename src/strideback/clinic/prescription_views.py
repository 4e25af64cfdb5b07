"""Prescribing: a programme for a patient, adjustments to its exercises and limits, the rule set.

Views are thin: read the form, call the clinic service, render. Every view is behind
``access.clinician`` (login, clinician role, TOTP step).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from strideback.clinic import patients, prescriptions
from strideback.clinic.access import clinician
from strideback.clinic.presenters import (
    EDITABLE_THRESHOLDS,
)
from strideback.clinic.view_common import (
    back_to_patient,
    chosen_enrollment,
    clinician_of,
    patient_of,
    show_error,
)
from strideback.core.content.library import default_library


@clinician
@require_POST
def prescribe(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = patient_of(request, runner_id)
    try:
        start = dt.date.fromisoformat(request.POST.get("start", ""))
    except ValueError:
        show_error(request, patients.ClinicError("start", "must be a date (YYYY-MM-DD)"))
        return back_to_patient(runner, "prescribe")
    try:
        raw_phase = request.POST.get("start_phase", "1").strip() or "1"
        if not raw_phase.isdigit():
            raise patients.ClinicError("start_phase", "must be a phase number")
        earlier = {"yes": True, "no": False}.get(request.POST.get("earlier", "").strip())
        chosen = default_library().programmes.get(request.POST.get("programme", ""))
        # The companion run plan, as onboarding offers it; ignored for a programme without one.
        with_run_plan = request.POST.get("with_run_plan") == "yes" and bool(
            chosen and chosen.companion
        )
        prescriptions.prescribe(
            clinician_of(request),
            runner,
            request.POST.get("programme", ""),
            start,
            note=request.POST.get("note", ""),
            now=timezone.now(),
            start_phase=int(raw_phase),
            earlier_pain_free=earlier,
            with_run_plan=with_run_plan,
        )
    except patients.ClinicError as exc:
        show_error(request, exc)
        return back_to_patient(runner, "prescribe")
    messages.success(request, gettext("Saved."))
    return back_to_patient(runner, "programme")


def _number(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "").strip()
    if not value:
        return None
    if not value.isdecimal():
        raise patients.ClinicError(name, "must be a whole number")
    return int(value)


def _adjustment_from_form(request: HttpRequest) -> dict[str, Any]:
    kind = request.POST.get("kind", "")
    phase = _number(request, "phase")
    if kind == "add":
        dose = {
            k: v
            for k, v in {
                "sets": _number(request, "sets") or 1,
                "reps": _number(request, "reps"),
                "hold_seconds": _number(request, "hold"),
            }.items()
            if v is not None
        }
        return {
            "kind": "add",
            "phase": phase,
            "exercise": request.POST.get("exercise", ""),
            "dose": dose,
        }
    target = {"phase": phase, "position": request.POST.get("position", "")}
    if kind == "dose":
        dose = {}
        for field, name in (("sets", "sets"), ("reps", "reps"), ("hold_seconds", "hold")):
            value = _number(request, name)
            if value is not None:
                dose[field] = value
        return {"kind": "dose", **target, "dose": dose}
    if kind in ("easier", "harder"):
        return {"kind": "swap", **target, "to": kind}
    if kind == "skip":
        return {"kind": "skip", **target}
    raise patients.ClinicError("kind", "must be dose, easier, harder, skip or add")


@clinician
@require_POST
def adjust(request: HttpRequest, runner_id: int) -> HttpResponse:
    """Add one adjustment, remove one (``remove=<index>``), or save limits and the note."""
    runner = patient_of(request, runner_id)
    me = clinician_of(request)
    enrollment = chosen_enrollment(request, runner)
    if enrollment is None:
        return HttpResponseBadRequest("the patient has no active programme")
    current = list(enrollment.adjustments or [])
    try:
        if "remove" in request.POST:
            index = _number(request, "remove")
            if index is None or index >= len(current):
                raise patients.ClinicError("remove", "no such adjustment")
            current.pop(index)
            prescriptions.adjust(me, runner, enrollment_id=enrollment.pk, adjustments=current)
        elif "kind" in request.POST:
            current.append(_adjustment_from_form(request))
            prescriptions.adjust(me, runner, enrollment_id=enrollment.pk, adjustments=current)
        else:
            prescriptions.adjust(
                me,
                runner,
                enrollment_id=enrollment.pk,
                thresholds=_thresholds_from_form(request, enrollment.thresholds or {}),
                note=request.POST.get("note", enrollment.note_to_runner),
            )
    except patients.ClinicError as exc:
        show_error(request, exc)
        return back_to_patient(runner, "adjust", enrollment)
    messages.success(request, gettext("Saved."))
    return back_to_patient(runner, "adjust", enrollment)


def _thresholds_from_form(request: HttpRequest, current: dict[str, Any]) -> dict[str, Any]:

    out = dict(current)
    for key in EDITABLE_THRESHOLDS:
        raw = request.POST.get(f"th_{key}", "").strip().replace(",", ".")
        if raw == "":
            out.pop(key, None)
            continue
        try:
            out[key] = float(raw)
        except ValueError:
            raise patients.ClinicError(f"thresholds.{key}", "must be a number") from None
    return out


@clinician
@require_POST
def choose_rule_set(request: HttpRequest, runner_id: int) -> HttpResponse:
    """Switch the runner's rule set in the shown programme to one the programme offers; any
    other choice is an error naming the field, and nothing is saved."""
    runner = patient_of(request, runner_id)
    enrollment = chosen_enrollment(request, runner)
    if enrollment is None:
        return HttpResponseBadRequest("the patient has no active programme")
    chosen = request.POST.get("rule_set", "").strip()
    label = gettext("Rules to follow")
    try:
        if not chosen:
            raise patients.ClinicError("rule_set", "choose one")
        prescriptions.adjust(
            clinician_of(request), runner, enrollment_id=enrollment.pk, rule_set=chosen
        )
    except patients.ClinicError as exc:
        if exc.field == "rule_set":
            exc = patients.ClinicError(
                "rule_set", gettext("choose one of the rules listed for this programme")
            )
        show_error(request, exc, label)
        return back_to_patient(runner, "rules", enrollment)
    messages.success(request, gettext("Saved."))
    return back_to_patient(runner, "rules", enrollment)
