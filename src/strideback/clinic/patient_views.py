"""One patient's page, their timeline, and what a clinician does there besides prescribing: a
note, the questionnaires to ask, clearing a red flag, stopping following.

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
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from strideback.accounts import services as account_services
from strideback.accounts.models import User
from strideback.clinic import notes, patients, prescriptions
from strideback.clinic.access import clinician
from strideback.clinic.flags import FlagCode, PatientRow, worst
from strideback.clinic.presenters import (
    adjustment_lines,
    calendar_weeks,
    flag_lines,
    pain_chart,
    programme_choices,
    state_lines,
    threshold_fields,
)
from strideback.clinic.view_common import (
    back_to_patient,
    chosen_enrollment,
    clinician_of,
    local_today,
    page_lang,
    patient_of,
    show_error,
)
from strideback.core.content.library import default_library
from strideback.core.engine.thresholds import thresholds_for
from strideback.core.languages import LANGUAGE_NAMES, Lang
from strideback.errors import InputError
from strideback.training import asking, calendar, progress, timeline
from strideback.training.models import Enrollment
from strideback.words import explain
from strideback.words.describe import dose_text

JOURNAL_DAYS = 28


@clinician
@require_GET
def patient_page(request: HttpRequest, runner_id: int) -> HttpResponse:
    me = clinician_of(request)
    runner = patient_of(request, runner_id)
    lang = page_lang(request)
    on = local_today()
    library = default_library()
    row = patients.patient_row(me, runner, on)
    entries = patients.journal(me, runner, on - dt.timedelta(days=JOURNAL_DAYS - 1), on)
    found = prescriptions.prescriptions(runner)
    enrollment = chosen_enrollment(request, runner, found)
    others = [(e.pk, library.programme(e.programme_id).text.get(lang).title) for e in found]
    programme = prescriptions.prescribed_programme(enrollment, library) if enrollment else None
    table = prescriptions.limits(enrollment, library) if enrollment else None
    states = state_lines(patients.engine_states(me, runner, on), lang)
    context = {
        "runner": runner,
        "row": row,
        "flags": flag_lines(row, lang),
        "enrollment": enrollment,
        "prescriptions": others if len(others) > 1 else [],
        # The run plan beside an exercise programme (the knee programme's 5 km plan).
        "run_plans": [
            (prog.text.get(lang).title, e.start)
            for e in Enrollment.objects.filter(user=runner, active=True).order_by("id")
            if (prog := library.programmes.get(e.programme_id)) is not None
            and prog.kind == "run_plan"
            and enrollment is not None
            and e.pk != enrollment.pk
        ],
        "programme": programme,
        "programme_title": programme.text.get(lang).title if programme else "",
        "phases": _phase_view(library, programme, lang) if programme else [],
        "adjustments": adjustment_lines(library, enrollment, lang) if enrollment else [],
        "thresholds": threshold_fields(
            thresholds_for(library.programme(enrollment.programme_id)), enrollment, lang
        )
        if table and enrollment
        else [],
        "choices": programme_choices(library, lang),
        "companions": [
            (p.text.get(lang).title, library.programmes[p.companion].text.get(lang).title)
            for p in library.programmes.values()
            if p.companion in library.programmes
        ],
        "start_phases": range(
            1, max((len(p.phases) for p in library.programmes.values()), default=1) + 1
        ),
        "exercises": sorted(
            ((ex.id, ex.text.get(lang).name) for ex in library.exercises.values()),
            key=lambda pair: pair[1].lower(),
        ),
        "entries": [
            {"entry": e, "worst": worst(e), "flagged": e.pk in _flagged_ids(row)}
            for e in reversed(entries)
        ],
        "progress": progress.progress(runner, on, lang, weeks=8),
        "chart": pain_chart(entries, on, JOURNAL_DAYS, row.pain_limit, lang),
        "calendar": calendar_weeks(
            entries,
            calendar.calendar_marks(
                runner, on - dt.timedelta(days=27), on + dt.timedelta(days=14), on, lang
            ),
            on,
            lang,
        ),
        "states": states,
        "rules": _rules_view(me, runner, enrollment, lang) if enrollment else None,
        "open_phase": next((s["phase"] for s in states if s["phase"]), 1),
        "notes": notes.notes(me, runner),
        "questionnaires": asking.asked_rows(runner, lang),
        "clearances": patients.clearances(me, runner),
        "today": on.isoformat(),
        "section": "patients",
        "language_name": LANGUAGE_NAMES.get(runner.language, runner.language),  # type: ignore[call-overload]
    }
    return render(request, "clinic/patient.html", context)


# Entries that broke a rule are highlighted in the journal; a trend's entries are not.
_HIGHLIGHT = {
    FlagCode.PAIN_ABOVE_LIMIT,
    FlagCode.RED_FLAG,
    FlagCode.RUNNING_PAUSED,
}


def _flagged_ids(row: PatientRow) -> set[int]:
    return {i for f in row.flags if f.code in _HIGHLIGHT for i in f.entry_ids}


def _phase_view(library: Any, programme: Any, lang: Lang) -> list[dict[str, Any]]:

    return [
        {
            "number": phase.number,
            "items": [
                {
                    "position": item.position,
                    "exercise": item.exercise,
                    "name": library.exercise(item.exercise).text.get(lang).name,
                    "dose": dose_text(item.dose, lang),
                    "sets": item.dose.sets,
                    "reps": item.dose.reps or "",
                    "hold": item.dose.hold_seconds or "",
                    "easier": library.exercise(item.exercise).easier,
                    "harder": library.exercise(item.exercise).harder,
                }
                for item in phase.items
            ],
        }
        for phase in programme.phases
    ]


def _rules_view(me: User, runner: User, enrollment: Enrollment, lang: Lang) -> dict[str, Any]:
    """The rule set the programme follows for this runner (who chose it, when), the ones the
    clinician may switch to (the programme's own), and the switches so far."""
    programme = default_library().programme(enrollment.programme_id)
    current = enrollment.rule_set or programme.rule_sets[0]
    return {
        "current": current,
        "name": explain.rule_set_name(current, lang),
        "chosen_by": enrollment.rule_set_by if enrollment.rule_set else None,
        "chosen_at": enrollment.rule_set_at if enrollment.rule_set else None,
        "choices": [(rs, explain.rule_set_name(rs, lang)) for rs in programme.rule_sets],
        "start_phase": enrollment.start_phase,
        "earlier": enrollment.earlier_pain_free,
        "earlier_by": enrollment.earlier_stated_by,
        "earlier_by_runner": enrollment.earlier_stated_by_id == runner.pk,
        "earlier_at": enrollment.earlier_stated_at,
        "history": [
            {
                "old": explain.rule_set_name(c.rule_set_from, lang),
                "new": explain.rule_set_name(c.rule_set_to, lang),
                "by": c.changed_by,
                "at": c.changed_at,
            }
            for c in prescriptions.rule_set_history(me, runner, enrollment.programme_id)
        ],
    }


@clinician
@require_GET
def patient_timeline(request: HttpRequest, runner_id: int) -> HttpResponse:
    """The patient's timeline: the runner's own, same service and template."""
    runner = patient_of(request, runner_id)
    page = timeline.timeline(runner, local_today(), page_lang(request))
    context = {"runner": runner, "t": page, "page": page.progress, "clinician": True}
    context["section"] = "patients"
    return render(request, "clinic/timeline.html", context)


@clinician
@require_POST
def add_note(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = patient_of(request, runner_id)
    try:
        notes.add_note(
            clinician_of(request), runner, request.POST.get("text", ""), now=timezone.now()
        )
    except patients.ClinicError as exc:
        show_error(request, exc)
    return back_to_patient(runner, "notes")


@clinician
@require_POST
def choose_questionnaires(request: HttpRequest, runner_id: int) -> HttpResponse:
    """The questionnaires this patient is asked: the ticked ones (the programme's by default)."""
    runner = patient_of(request, runner_id)
    try:
        asking.set_asked(runner, request.POST.getlist("asked"))
    except InputError:
        messages.error(request, gettext("Please choose from the questionnaires listed."))
    else:
        messages.success(request, gettext("Saved."))
    return back_to_patient(runner, "questionnaires")


@clinician
@require_POST
def clear_red_flag(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = patient_of(request, runner_id)
    try:
        notes.clear_red_flag(
            clinician_of(request),
            runner,
            on=local_today(),
            note=request.POST.get("note", ""),
            now=timezone.now(),
            by_mistake=request.POST.get("by_mistake") == "yes",
        )
    except patients.ClinicError as exc:
        show_error(
            request,
            exc,
            label=gettext_lazy("What did you find? (saved with your name and the date)"),
        )
    else:
        messages.success(request, gettext("Saved."))
    return back_to_patient(runner, "red-flag")


@clinician
@require_POST
def stop(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = patient_of(request, runner_id)
    account_services.stop_sharing(clinician_of(request), runner.pk, now=timezone.now())
    return redirect("clinic_patients")
