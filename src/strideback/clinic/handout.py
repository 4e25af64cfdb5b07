"""The printable handout, the way the clinic's own paper works (seed 000): a cover with the
clinic's name and contact, how to do the exercises, one phase per page, the run plan as a
table and a log sheet at the end. HTML and print CSS rendered to PDF by WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext

from strideback.accounts.models import User
from strideback.clinic.patients import ClinicError, patient, profile
from strideback.clinic.prescriptions import (
    _programme,
    active_prescription,
    limits,
    prescribed_programme,
)
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Item, Phase, Programme, RunSession
from strideback.core.engine.thresholds import Thresholds, thresholds_for
from strideback.core.figures.exercise import label, timing_of
from strideback.core.figures.picture import key_times, svg_at
from strideback.core.languages import LANGUAGES, Lang
from strideback.words import in_language
from strideback.words.describe import (
    dose_text,
    doses_source_text,
    load_text,
    schedule_source_text,
    schedule_text,
    steps_source_text,
    weeks_text,
)
from strideback.words.sessions import SEGMENTS

# WeasyPrint reports every layout step at INFO; only its warnings help anyone.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

CSS = Path(__file__).resolve().parents[1] / "templates" / "handout" / "handout.css"
LOG_ROWS = 16  # one A4 sheet: a month of every-other-day sessions


@dataclass(frozen=True)
class Clinic:
    name: str = ""
    phone: str = ""
    address: str = ""


def _poses(library: Library, item: Item, lang: Lang) -> list[str]:
    """The exercise's start and end pose (one pose for a hold), drawn as the app draws them,
    like the photos in the hospital's handout."""
    exercise = library.exercise(item.exercise)
    timing = timing_of(item.dose)
    name = label(exercise, lang)
    return [svg_at(exercise.figure, timing, at, name) for at in key_times(exercise.figure, timing)]


def _item(library: Library, item: Item, lang: Lang) -> dict[str, Any]:
    exercise = library.exercise(item.exercise)
    text = exercise.text.get(lang)
    return {
        "steps_ours": steps_source_text(exercise, lang),
        "poses": _poses(library, item, lang)[:2],
        "position": item.position,
        "name": text.name,
        "steps": text.steps,
        "cues": text.cues,
        "dose": dose_text(item.dose, lang),
        "load": load_text(library, item.dose, lang),
        "setup": [library.term("setup", s.value, lang) for s in item.setup],
        "alternative_to": item.alternative_to,
        "note": item.text.get(lang).note if item.text else text.note,
    }


def _phase(library: Library, phase: Phase, lang: Lang) -> dict[str, Any]:
    number = gettext("Phase %(number)s") % {"number": phase.number}
    return {
        "heading": f"{number} ({weeks_text(phase.weeks, lang)})",
        "title": phase.text.get(lang).title if phase.text else "",
        "items": [_item(library, item, lang) for item in phase.items],
    }


def _session(session: RunSession, lang: Lang) -> list[str]:
    lines = []
    for seg in session.segments:
        line = str(SEGMENTS[seg.kind]) % {"minutes": seg.minutes}
        if seg.or_km is not None:
            line += " " + gettext("or %(km)s km") % {"km": f"{seg.or_km:g}"}
        lines.append(line)
    return lines


def _run_plan(programme: Programme, lang: Lang) -> dict[str, Any] | None:
    if not programme.weeks:
        return None
    days = max(len(w.sessions) for w in programme.weeks)
    return {
        "title": programme.text.get(lang).title,
        "summary": programme.text.get(lang).summary,
        "guidance": programme.text.get(lang).guidance,
        "days": [gettext("Day %(number)s") % {"number": n} for n in range(1, days + 1)],
        "weeks": [
            {
                "label": gettext("Week %(number)s") % {"number": w.number},
                "sessions": [_session(s, lang) for s in w.sessions],
            }
            for w in programme.weeks
        ],
    }


def _pain_rule(limits: Thresholds, lang: Lang) -> str:
    limit = limits.pain_during_max
    if limit == 0:
        return gettext(
            "Training should be pain-free. If it hurts, check your "
            "technique, do fewer repetitions or an easier exercise. "
            "If the knee is sore or swollen: ice for 20 minutes every"
            " 2 hours."
        )
    return gettext(
        "Pain during and after training may reach at most "
        "%(limit)s on a scale from 0 to 10, and should have "
        "settled by the next morning. If it goes higher, do fewer"
        " repetitions or an easier exercise."
    ) % {"limit": f"{limit:g}"}


def context(
    library: Library,
    programme: Programme,
    lang: Lang,
    *,
    clinic: Clinic,
    patient_name: str = "",
    note: str = "",
    limits: Thresholds | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Everything the handout template shows, already in ``lang``."""
    text = programme.text.get(lang)
    limits = limits or thresholds_for(programme)
    run_plan = programme if programme.kind == "run_plan" else None
    if run_plan is None and programme.companion in library.programmes:
        run_plan = library.programme(programme.companion or "")
    return {
        "lang": lang,
        "title": text.title,
        "summary": text.summary,
        "guidance": text.guidance if programme.kind == "exercises" else [],
        "schedule": schedule_text(programme, lang),
        "schedule_source": schedule_source_text(programme, lang),
        "doses_source": doses_source_text(programme, lang),
        "pain_rule": _pain_rule(limits, lang),
        "clinic": clinic,
        "patient_name": patient_name,
        "note": note,
        "date": (today or dt.date.today()).isoformat(),
        "phases": [_phase(library, p, lang) for p in programme.phases],
        "run_plan": _run_plan(run_plan, lang) if run_plan else None,
        "log_rows": range(LOG_ROWS),
        "source": programme.source,
    }


@in_language
def render_html(library: Library, programme: Programme, lang: Lang, **kwargs: Any) -> str:
    return render_to_string("handout/handout.html", context(library, programme, lang, **kwargs))


def render_pdf(library: Library, programme: Programme, lang: Lang, **kwargs: Any) -> bytes:
    from weasyprint import CSS as WeasyCSS
    from weasyprint import HTML

    html = render_html(library, programme, lang, **kwargs)
    document = HTML(string=html, base_url=str(CSS.parent))
    pdf: bytes = document.write_pdf(stylesheets=[WeasyCSS(filename=str(CSS))])
    return pdf


def handout_pdf(
    clinician: User,
    *,
    runner: User | None = None,
    programme_id: str | None = None,
    lang: str | None = None,
    enrollment_id: int | None = None,
) -> bytes:
    """The printable handout: the patient's prescribed programme in their language, or any
    library programme in ``lang``; the clinic's name and phone on the cover."""
    library = default_library()
    clinic_profile = profile(clinician)
    clinic = Clinic(
        clinic_profile.clinic_name, clinic_profile.clinic_phone, clinic_profile.clinic_address
    )
    if runner is not None:
        patient(clinician, runner.pk)
        enrollment = active_prescription(runner, enrollment_id)
        if enrollment is None:
            raise ClinicError("programme", "the patient has no active programme")
        programme = prescribed_programme(enrollment, library)
        language = lang or runner.language
        return render_pdf(
            library,
            programme,
            _lang(language),
            clinic=clinic,
            patient_name=runner.display_name,
            note=enrollment.note_to_runner,
            limits=limits(enrollment, library),
        )
    if programme_id is None:
        raise ClinicError("programme", "give a programme or a patient")
    return render_pdf(
        library, _programme(library, programme_id), _lang(lang or "en"), clinic=clinic
    )


def _lang(value: str) -> Lang:
    for lang in LANGUAGES:
        if lang == value:
            return lang
    raise ClinicError("lang", f"must be one of: {', '.join(LANGUAGES)}")
