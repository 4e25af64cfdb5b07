"""The session player: the page that runs one day's session, the payload it runs on, and the
JSON endpoint that logs the finished session (the offline queue posts to it too).

The player itself is ``static/strideback/player.js``; this module only describes the session
(exercises, doses, run segments, texts in the runner's language) and stores the log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST
from pydantic import ValidationError

from strideback.core.content.describe import dose_text
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Item, Programme
from strideback.core.engine.thresholds import ThresholdError, thresholds_for
from strideback.core.i18n import catalogue
from strideback.core.languages import Lang
from strideback.training.journal import log_entry
from strideback.training.models import Enrollment, JournalEntry
from strideback.training.schemas import EntryIn

KINDS = ("strength", "run")
SPEECH_LANG: dict[str, str] = {"da": "da-DK", "en": "en-GB", "de": "de-DE", "nb": "nb-NO"}
DEFAULT_REST_SECONDS = 60
# The pain scale's colour band: green up to the programme's limit (the engine's threshold
# table, with the runner's own overrides), amber above it up to 5/10, red beyond 5/10 — the
# "high risk" zone of the pain-monitoring model (research/clinical.md §1).
HIGH_PAIN = 5


# --- what is planned ------------------------------------------------------------------


def _enrollment(user: Any, kind: str, library: Library) -> tuple[Enrollment, Programme] | None:
    wanted = "run_plan" if kind == "run" else "exercises"
    for enrollment in Enrollment.objects.filter(user=user, active=True).order_by("id"):
        programme = library.programmes.get(enrollment.programme_id)
        if programme is not None and programme.kind == wanted:
            return enrollment, programme
    return None


def _week(enrollment: Enrollment, day: dt.date) -> int | None:
    if day < enrollment.start:
        return None
    return (day - enrollment.start).days // 7 + 1


def _phase_for(programme: Programme, week: int) -> Any:
    for phase in programme.phases:
        if phase.weeks.contains(week):
            return phase
    return programme.phases[-1]


def _item_json(library: Library, item: Item, lang: Lang) -> dict[str, Any]:
    exercise = library.exercise(item.exercise)
    text = exercise.text.get(lang)
    dose = item.dose
    return {
        "position": item.position,
        "exercise": item.exercise,
        "name": text.name,
        "steps": list(text.steps),
        "cues": list(text.cues),
        "note": item.text.get(lang).note if item.text else None,
        "setup": [library.term("setup", s.value, lang) for s in item.setup],
        "dose_text": dose_text(dose, lang),
        "dose": {
            "sets": dose.sets,
            "reps": dose.reps,
            "reps_max": dose.reps_max,
            "hold_seconds": dose.hold_seconds,
            "steps_each_way": dose.steps_each_way,
            "tempo_seconds": list(dose.tempo_seconds) if dose.tempo_seconds else None,
            "per_side": dose.per_side,
            "repetition_maximum": dose.repetition_maximum,
            "rest_seconds": dose.rest_seconds,
        },
    }


def _strength(
    library: Library, enrollment: Enrollment, programme: Programme, day: dt.date, lang: Lang
) -> dict[str, Any] | None:
    week = _week(enrollment, day)
    if week is None:
        return None
    phase = _phase_for(programme, week)
    items = [i for i in phase.items if i.alternative_to is None]
    return {
        "phase": phase.number,
        "week": week,
        "items": [_item_json(library, item, lang) for item in items],
    }


def _run_day(user: Any, day: dt.date, week: int, sessions: int) -> int:
    """Which of the week's sessions is next: one more than those already logged this week."""
    done = (
        JournalEntry.objects.filter(user=user, kind="run", run_week=week, completed=True)
        .exclude(date=day)
        .count()
    )
    return min(done + 1, sessions)


def _run(
    user: Any, enrollment: Enrollment, programme: Programme, day: dt.date
) -> dict[str, Any] | None:
    week_number = _week(enrollment, day)
    if week_number is None:
        return None
    week = programme.weeks[min(week_number, len(programme.weeks)) - 1]
    number = _run_day(user, day, week.number, len(week.sessions))
    session = week.sessions[number - 1]
    return {
        "run_week": week.number,
        "run_day": session.day,
        "segments": [{"kind": s.kind, "minutes": s.minutes} for s in session.segments],
    }


def planned_session(user: Any, day: dt.date, kind: str, lang: Lang) -> dict[str, Any] | None:
    """The session planned for ``user`` on ``day`` as the player needs it, or None.

    A stand-in until ``training.services`` answers "what is planned on this date"; it reads
    the runner's active enrollment and the library directly.
    """
    library = default_library()
    found = _enrollment(user, kind, library)
    if found is None:
        return None
    enrollment, programme = found
    if kind == "run":
        body = _run(user, enrollment, programme, day)
    else:
        body = _strength(library, enrollment, programme, day, lang)
    if body is None:
        return None
    head = {
        "programme": programme.id,
        "title": programme.text.get(lang).title,
        "pain": _pain_band(enrollment, programme, kind),
    }
    return head | body


def _pain_band(enrollment: Enrollment, programme: Programme, kind: str) -> dict[str, int]:
    table = thresholds_for(programme)
    # A broken override is for the clinic to fix; the scale still works without it.
    with contextlib.suppress(ThresholdError):
        table = table.with_overrides(enrollment.thresholds or {})
    limit = int(table.run_pain_during_max if kind == "run" else table.pain_during_max)
    return {"limit": limit, "high": max(limit, HIGH_PAIN)}


# --- the payload ----------------------------------------------------------------------


def player_texts(lang: Lang) -> dict[str, str]:
    """Every ``player.*``, ``cue.*`` and ``log.*`` text in ``lang``, for the script."""
    prefixes = ("player.", "cue.", "log.", "offline.")
    return {k: v[lang] for k, v in catalogue().items() if k.startswith(prefixes)}


def _last_pain(user: Any, kind: str) -> dict[str, int | None]:
    entry = JournalEntry.objects.filter(user=user, kind=kind).order_by("-date", "-id").first()
    if entry is None:
        return {"during": None, "after": None}
    return {"during": entry.pain_during, "after": entry.pain_after}


def session_payload(user: Any, day: dt.date, kind: str, lang: Lang) -> dict[str, Any] | None:
    session = planned_session(user, day, kind, lang)
    if session is None:
        return None
    return {
        "date": day.isoformat(),
        "kind": kind,
        "lang": lang,
        "speech_lang": SPEECH_LANG[lang],
        "default_rest_seconds": DEFAULT_REST_SECONDS,
        "last_pain": _last_pain(user, kind),
        "log_url": "/play/log",
        **session,
    }


# --- views ----------------------------------------------------------------------------


def _parse_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise Http404("date: expected yyyy-mm-dd") from exc


@require_GET
@login_required
@ensure_csrf_cookie
def play(request: HttpRequest, day: str, kind: str) -> HttpResponse:
    if kind not in KINDS:
        raise Http404("kind: expected strength or run")
    when = _parse_day(day)
    lang: Lang = getattr(request, "lang", "en")
    payload = session_payload(request.user, when, kind, lang)
    context = {
        "payload": payload,
        "texts": player_texts(lang),
        "day": when,
        "kind": kind,
        "pain_fields": ("during", "after"),
        "scale": range(11),
    }
    response = render(request, "training/player.html", context)
    # The service worker keeps its own copy for offline use; the browser cache must not
    # serve a stale player when the network is there.
    response["Cache-Control"] = "no-cache, private"
    return response


def _errors(exc: ValidationError) -> list[dict[str, str]]:
    return [
        {"field": ".".join(str(p) for p in error["loc"]) or "body", "message": error["msg"]}
        for error in exc.errors()
    ]


def _unprocessable(errors: list[dict[str, str]]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=422)


def _entry_json(entry: JournalEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "date": entry.date.isoformat(),
        "kind": entry.kind,
        "idempotency_key": entry.idempotency_key,
    }


@require_POST
def log(request: HttpRequest) -> HttpResponse:
    """Store a finished session: EntryIn as JSON. 201 created, 200 already stored, 422 bad."""
    if not request.user.is_authenticated:
        return JsonResponse({"errors": [{"field": "session", "message": "log in first"}]}, 401)
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return _unprocessable([{"field": "body", "message": "must be a JSON object"}])
    if not isinstance(body, dict):
        return _unprocessable([{"field": "body", "message": "must be a JSON object"}])
    try:
        data = EntryIn.model_validate(body)
    except ValidationError as exc:
        return _unprocessable(_errors(exc))
    found = _enrollment(request.user, data.kind, default_library())
    entry, created = log_entry(request.user, data, found[0] if found else None)  # type: ignore[arg-type]
    return JsonResponse(_entry_json(entry), status=201 if created else 200)


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What a page the phone never loaded shows without a network (the worker keeps a copy)."""
    return render(request, "training/player_offline.html")
