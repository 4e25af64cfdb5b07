"""The physiotherapist's pages: patient list, patient page, prescribing, notes and handouts.

Views are thin: read the form, call the clinic service (``clinic.patients``,
``clinic.prescriptions``, ...), render. Every view is behind
``access.clinician`` (login, clinician role, TOTP step) and every patient lookup goes through
``patients.patient`` (404 for anyone who is not this clinician's active patient).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib import messages
from django.core.mail import send_mail
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from strideback import explain
from strideback.accounts import services as account_services
from strideback.accounts.models import User
from strideback.clinic import handout, notes, patients, prescriptions
from strideback.clinic import patient_list as patient_list_service
from strideback.clinic.access import clinician
from strideback.clinic.flags import FlagCode, PatientRow, worst
from strideback.clinic.presenters import (
    EDITABLE_THRESHOLDS,
    adjustment_lines,
    calendar_weeks,
    flag_lines,
    pain_chart,
    programme_choices,
    state_lines,
    threshold_fields,
)
from strideback.core.content.library import default_library
from strideback.core.engine.thresholds import thresholds_for
from strideback.core.languages import LANGUAGE_NAMES, LANGUAGES, Lang
from strideback.training import asking, calendar, onboarding, progress, timeline
from strideback.training.models import Enrollment
from strideback.words.clinic import CLINIC_FIELDS, CLINIC_NAMED, THRESHOLDS
from strideback.words.describe import dose_text

JOURNAL_DAYS = 28


def _today() -> dt.date:
    return timezone.localdate()


def _lang(request: HttpRequest) -> Lang:
    lang: Lang = getattr(request, "lang", "en")
    return lang


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _error(request: HttpRequest, exc: patients.ClinicError, label: str | None = None) -> None:
    """The problem as a message, naming the field as the form labels it (``label``: the key
    of that label, where the field's name alone does not tell which form field it is)."""
    lang = _lang(request)
    field = str(label) if label else field_label(exc.field, lang)
    messages.error(
        request,
        gettext("Please check %(field)s: %(message)s") % {"field": field, "message": exc.message},
    )


# Field names whose form label has a key of another name.
LABELS = {
    "programme_id": gettext_lazy("Programme"),
    "start": gettext_lazy("Start date"),
    "phase": gettext_lazy("Phase"),
    "exercise": gettext_lazy("Exercise from the library"),
    "email": gettext_lazy("Runner's e-mail (optional)"),
    "text": gettext_lazy("New note"),
    "note": gettext_lazy("Note to the patient"),
    "start_phase": gettext_lazy("Start in phase"),
}


def field_label(path: str, lang: Lang) -> str:
    """A field as the form labels it: 'adjustments[0].dose.sets' is the form's 'Sets',
    'thresholds.pain_during_max' its 'Pain during training, at most'. The API keeps the path."""
    name = re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]
    for found in (
        LABELS.get(name),
        THRESHOLDS.get(name),
        CLINIC_NAMED.get(name),
        CLINIC_FIELDS.get(name),
    ):
        if found is not None:
            return str(found)
    return path


@clinician
@require_GET
def patient_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "attention")
    if sort.lstrip("-") not in patient_list_service.SORTS:
        sort = "attention"
    me = _user(request)
    rows = patient_list_service.kept_patient_list(me, _today(), sort=sort)
    lang = _lang(request)
    library = default_library()
    items = [
        {
            "row": row,
            "programme": library.programme(row.programme_id).text.get(lang).title
            if row.programme_id
            else (
                library.programme(row.run_plan_id).text.get(lang).title if row.run_plan_id else ""
            ),
            "flags": flag_lines(row, lang),
        }
        for row in rows
    ]
    context = {
        "attention": [i for i in items if i["row"].needs_attention] if sort == "attention" else [],
        "others": [i for i in items if not i["row"].needs_attention]
        if sort == "attention"
        else items,
        "sort": sort,
        "columns": _columns(sort),
        "pending": [
            (link, request.build_absolute_uri(reverse("invite", args=[link.token])))
            for link in patients.pending_invites(me)
        ],
        "count": len(rows),
        "section": "patients",
    }
    return render(request, "clinic/patient_list.html", context)


def _columns(sort: str) -> list[dict[str, Any]]:
    out = []
    for key, label in (
        ("name", gettext_lazy("Patient")),
        ("week", gettext_lazy("Week")),
        ("last_entry", gettext_lazy("Last entry")),
        ("pain", gettext_lazy("Worst pain, 7 days")),
        ("attention", gettext_lazy("Flags")),
    ):
        active = sort.lstrip("-") == key
        descending = sort.startswith("-")
        out.append(
            {
                "key": key,
                "label": label,
                "href": f"?sort={'-' if active and not descending else ''}{key}",
                "aria": ("descending" if descending else "ascending") if active else "",
            }
        )
    return out


@clinician
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    me = _user(request)
    email = request.POST.get("email", "")
    try:
        link = patients.invite(me, email, now=timezone.now())
    except patients.ClinicError as exc:
        _error(request, exc)
        return redirect("clinic_patients")
    url = request.build_absolute_uri(reverse("invite", args=[link.token]))
    lang = _lang(request)
    if link.invited_email:
        clinic = patients.profile(me).clinic_name or me.display_name
        # In the runner's own language when they have an account, else in the page's.
        mail_lang = _account_language(link.invited_email) or lang
        with translation.override(mail_lang):
            subject = gettext("%(clinic)s invites you to Strideback") % {"clinic": clinic}
            body = gettext(
                "Hello\n\n%(clinic)s would like to follow your training in "
                "Strideback. Open the link, log in and say yes:\n\n%(link)s"
                "\n\nYou can stop sharing at any time."
            ) % {"clinic": clinic, "link": url}
        send_mail(subject, body, None, [link.invited_email])
        messages.success(
            request, gettext("We e-mailed the link to %(email)s.") % {"email": link.invited_email}
        )
    messages.success(
        request, gettext("Invitation ready. Send this link to the runner: %(link)s") % {"link": url}
    )
    return redirect("clinic_patients")


def _account_language(email: str) -> Lang | None:
    found = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    for lang in LANGUAGES:
        if lang == found:
            return lang
    return None


def _patient(request: HttpRequest, runner_id: int) -> User:
    return patients.patient(_user(request), runner_id)


@clinician
@require_GET
def patient_page(request: HttpRequest, runner_id: int) -> HttpResponse:
    me = _user(request)
    runner = _patient(request, runner_id)
    lang = _lang(request)
    on = _today()
    library = default_library()
    row = patients.patient_row(me, runner, on)
    entries = patients.journal(me, runner, on - dt.timedelta(days=JOURNAL_DAYS - 1), on)
    found = prescriptions.prescriptions(runner)
    enrollment = _chosen(request, runner, found)
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


def _back(runner: User, anchor: str = "", enrollment: Enrollment | None = None) -> HttpResponse:
    query = f"?enrollment={enrollment.pk}" if enrollment is not None else ""
    return HttpResponseRedirect(
        reverse("clinic_patient", args=[runner.pk]) + query + (f"#{anchor}" if anchor else "")
    )


def _chosen(
    request: HttpRequest, runner: User, found: list[Enrollment] | None = None
) -> Enrollment | None:
    """The programme the page shows and adjusts: ``?enrollment=<id>`` among the patient's
    active programmes (``found``: ``prescriptions.prescriptions``, when already read; a 404 for
    any other id), else the newest."""
    found = prescriptions.prescriptions(runner) if found is None else found
    raw = request.GET.get("enrollment", "")
    if not raw:
        return found[0] if found else None
    for enrollment in found:
        if str(enrollment.pk) == raw:
            return enrollment
    raise Http404("enrollment: not one of this patient's active programmes")


@clinician
@require_POST
def prescribe(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = _patient(request, runner_id)
    try:
        start = dt.date.fromisoformat(request.POST.get("start", ""))
    except ValueError:
        _error(request, patients.ClinicError("start", "must be a date (YYYY-MM-DD)"))
        return _back(runner, "prescribe")
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
            _user(request),
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
        _error(request, exc)
        return _back(runner, "prescribe")
    messages.success(request, gettext("Saved."))
    return _back(runner, "programme")


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
    runner = _patient(request, runner_id)
    me = _user(request)
    enrollment = _chosen(request, runner)
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
        _error(request, exc)
        return _back(runner, "adjust", enrollment)
    messages.success(request, gettext("Saved."))
    return _back(runner, "adjust", enrollment)


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
@require_POST
def choose_rule_set(request: HttpRequest, runner_id: int) -> HttpResponse:
    """Switch the runner's rule set in the shown programme to one the programme offers; any
    other choice is an error naming the field, and nothing is saved."""
    runner = _patient(request, runner_id)
    enrollment = _chosen(request, runner)
    if enrollment is None:
        return HttpResponseBadRequest("the patient has no active programme")
    chosen = request.POST.get("rule_set", "").strip()
    label = gettext("Rules to follow")
    try:
        if not chosen:
            raise patients.ClinicError("rule_set", "choose one")
        prescriptions.adjust(_user(request), runner, enrollment_id=enrollment.pk, rule_set=chosen)
    except patients.ClinicError as exc:
        if exc.field == "rule_set":
            exc = patients.ClinicError(
                "rule_set", gettext("choose one of the rules listed for this programme")
            )
        _error(request, exc, label)
        return _back(runner, "rules", enrollment)
    messages.success(request, gettext("Saved."))
    return _back(runner, "rules", enrollment)


@clinician
@require_POST
def add_note(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = _patient(request, runner_id)
    try:
        notes.add_note(_user(request), runner, request.POST.get("text", ""), now=timezone.now())
    except patients.ClinicError as exc:
        _error(request, exc)
    return _back(runner, "notes")


@clinician
@require_GET
def patient_timeline(request: HttpRequest, runner_id: int) -> HttpResponse:
    """The patient's timeline: the runner's own, same service and template."""
    runner = _patient(request, runner_id)
    page = timeline.timeline(runner, _today(), _lang(request))
    context = {"runner": runner, "t": page, "page": page.progress, "clinician": True}
    context["section"] = "patients"
    return render(request, "clinic/timeline.html", context)


@clinician
@require_POST
def choose_questionnaires(request: HttpRequest, runner_id: int) -> HttpResponse:
    """The questionnaires this patient is asked: the ticked ones (the programme's by default)."""
    runner = _patient(request, runner_id)
    try:
        asking.set_asked(runner, request.POST.getlist("asked"))
    except onboarding.InputError:
        messages.error(request, gettext("Please choose from the questionnaires listed."))
    else:
        messages.success(request, gettext("Saved."))
    return _back(runner, "questionnaires")


@clinician
@require_POST
def clear_red_flag(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = _patient(request, runner_id)
    try:
        notes.clear_red_flag(
            _user(request),
            runner,
            on=_today(),
            note=request.POST.get("note", ""),
            now=timezone.now(),
            by_mistake=request.POST.get("by_mistake") == "yes",
        )
    except patients.ClinicError as exc:
        _error(
            request,
            exc,
            label=gettext_lazy("What did you find? (saved with your name and the date)"),
        )
    else:
        messages.success(request, gettext("Saved."))
    return _back(runner, "red-flag")


@clinician
@require_POST
def stop(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = _patient(request, runner_id)
    account_services.stop_sharing(_user(request), runner.pk, now=timezone.now())
    return redirect("clinic_patients")


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@clinician
@require_GET
def patient_handout(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = _patient(request, runner_id)
    enrollment = _chosen(request, runner)
    try:
        data = handout.handout_pdf(
            _user(request), runner=runner, enrollment_id=enrollment.pk if enrollment else None
        )
    except patients.ClinicError as exc:
        _error(request, exc)
        return _back(runner)
    return _pdf(data, f"strideback-{runner.pk}")


@clinician
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    lang = _lang(request)
    context = {
        "choices": programme_choices(default_library(), lang),
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "section": "library",
    }
    return render(request, "clinic/library.html", context)


@clinician
@require_GET
def library_handout(request: HttpRequest, programme_id: str) -> HttpResponse:
    try:
        data = handout.handout_pdf(
            _user(request),
            programme_id=programme_id,
            lang=request.GET.get("lang") or _lang(request),
        )
    except patients.ClinicError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain")
    return _pdf(data, programme_id)


@clinician
def clinic_profile(request: HttpRequest) -> HttpResponse:
    me = _user(request)
    if request.method == "POST":
        try:
            account_services.set_name(me, request.POST.get("name", ""))
        except account_services.NameInvalid:
            messages.error(
                request, gettext("Your name: keep it under 150 characters, on one line.")
            )
            return redirect("clinic_profile")
        patients.update_profile(
            me,
            clinic_name=request.POST.get("clinic_name", "")[:200],
            clinic_phone=request.POST.get("clinic_phone", "")[:50],
            clinic_address=request.POST.get("clinic_address", "")[:300],
        )
        messages.success(request, gettext("Saved."))
        return redirect("clinic_profile")
    return render(
        request, "clinic/profile.html", {"profile": patients.profile(me), "section": "profile"}
    )
