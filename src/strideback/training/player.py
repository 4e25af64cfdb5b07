"""The session player: the page that runs one day's session, the payload it runs on, and the
JSON endpoint that logs the finished session (the offline queue posts to it too).

The player itself is ``static/strideback/player.js``; this module only describes the session
(exercises, doses, run segments, texts in the runner's language) and stores the log.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.request import RawPostDataException
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST
from pydantic import ValidationError

from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.engine.plan import PlannedItem, PlannedSession
from strideback.core.figures.animation import animation
from strideback.core.figures.exercise import label, timing_of
from strideback.core.figures.motion import Timing
from strideback.core.figures.spec import cue_words
from strideback.core.languages import Lang
from strideback.core.text import MAX_ID
from strideback.training import convert, followed, programmes
from strideback.training.journal import (
    KEY_REUSED,
    EntryDateError,
    EntryLocked,
    KeyReused,
    check_entry_date,
    editable,
    log_entry,
    update_entry,
)
from strideback.training.loads import player_loads
from strideback.training.models import Enrollment, JournalEntry
from strideback.training.schemas import EntryIn
from strideback.words.describe import dose_text, steps_source_text
from strideback.words.sessions import PLAYER, braces

KINDS = ("strength", "run")
SPEECH_LANG: dict[str, str] = {"da": "da-DK", "en": "en-GB", "de": "de-DE", "nb": "nb-NO"}
DEFAULT_REST_SECONDS = 60
# The pain scale's colour band: green up to the programme's limit (the engine's threshold
# table, with the runner's own overrides), amber above it up to 5/10, red beyond 5/10 — the
# "high risk" zone of the pain-monitoring model (Silbernagel KG et al., Am J Sports Med
# 2007;35(6):897-906).
HIGH_PAIN = 5


# --- what is planned ------------------------------------------------------------------


def _enrollment(
    user: Any, kind: str, library: Library, programme_id: str | None = None
) -> tuple[Enrollment, Programme] | None:
    """The active enrollment a logged session of ``kind`` belongs to: the programme the
    player ran (``programme_id``) when it fits, else the first that does."""
    wanted = "run_plan" if kind == "run" else "exercises"
    active = Enrollment.objects.filter(user=user, active=True).order_by("id")
    for enrollment in sorted(active, key=lambda e: e.programme_id != programme_id):
        programme = library.programmes.get(enrollment.programme_id)
        if programme is not None and programme.kind == wanted:
            return enrollment, programme
    return None


def _item_json(library: Library, item: PlannedItem, lang: Lang) -> dict[str, Any]:
    exercise = library.exercise(item.exercise)
    text = exercise.text.get(lang)
    dose = item.dose
    replaced = library.exercises.get(item.replaces or "")
    return {
        "position": item.position,
        "exercise": item.exercise,
        "name": text.name,
        "steps": list(text.steps),
        # A mark on steps the source does not give ("" when they are the source's own).
        "steps_ours": steps_source_text(exercise, lang),
        "cues": list(text.cues),
        "note": replaced.text.get(lang).name if replaced is not None else None,
        "setup": [],
        "dose_text": dose_text(dose, lang),
        # The figure's frames, computed once per exercise and dose (kept for every later
        # request); only the text alternative is in the runner's language.
        "figure": animation(exercise.figure, timing_of(dose), dose.per_side)
        | {"label": label(exercise, lang)},
        # The pacer's words, which side first and the time to get ready: the exercise's own.
        "pacer": {
            "words": list(cue_words(exercise.figure.cues)),
            "first_side": exercise.figure.side if dose.per_side else None,
            "get_ready": exercise.figure.get_ready,
        },
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


def _setup_and_notes(library: Library, programme: Programme, phase: int | None) -> dict[str, Any]:
    """The programme's own set-up and note for each position (the engine plans doses only)."""
    if phase is None or programme.kind != "exercises":
        return {}
    return {item.position: item for item in programme.phase(phase).items}


def _strength_body(
    library: Library, programme: Programme, session: PlannedSession, lang: Lang
) -> dict[str, Any]:
    by_position = _setup_and_notes(library, programme, session.phase)
    items = []
    for planned in session.items:
        if planned.alternative_to is not None:
            continue  # the player runs the main exercise; the page lists the alternatives
        item = _item_json(library, planned, lang)
        source = by_position.get(planned.position)
        if source is not None and source.exercise == planned.exercise:
            item["setup"] = [library.term("setup", s.value, lang) for s in source.setup]
            item["note"] = source.text.get(lang).note if source.text else item["note"]
        items.append(item)
    return {"phase": session.phase, "week": session.week, "items": items}


def _run_body(session: PlannedSession) -> dict[str, Any]:
    return {
        "run_week": session.run_week,
        "run_day": session.run_day,
        "segments": [
            {"kind": s.kind, "minutes": s.minutes, "or_km": s.or_km} for s in session.segments
        ],
    }


def _gait_figures(library: Library, lang: Lang) -> dict[str, Any]:
    """The walking and running figures the walk/run player shows for each segment."""
    with translation.override(lang):
        names = {"walk": gettext("Walk"), "run": pgettext("spoken cue", "Run")}
    return {
        kind: animation(figure, Timing()) | {"label": names[kind]}
        for kind, figure in library.gaits.items()
    }


def _pain_band(one: followed.Followed, kind: str) -> dict[str, int]:
    table = one.thresholds
    limit = int(table.run_pain_during_max if kind == "run" else table.pain_during_max)
    return {"limit": limit, "high": max(limit, HIGH_PAIN)}


def _ids(one: followed.Followed | convert.Track) -> set[str]:
    track = one.track if isinstance(one, followed.Followed) else one
    return {track.programme.id} | ({track.run_plan.id} if track.run_plan else set())


def _session_on(
    states: list[followed.Followed], day: dt.date, kind: str, programme_id: str | None
) -> tuple[followed.Followed, PlannedSession] | None:
    # The programme named in the link (Today links with ?programme=...), and only that one: a
    # link to a session already logged must not open another programme's session and log it
    # there. Without a link, or with one to a programme not followed, any programme's.
    named = [f for f in states if programme_id in _ids(f)]
    for one in named or states:
        for session in one.plan.sessions:
            if session.date == day and session.kind.value == kind:
                return one, session
    return None


def planned_session(
    user: Any,
    day: dt.date,
    kind: str,
    lang: Lang,
    programme_id: str | None = None,
    without: int | None = None,
) -> dict[str, Any] | None:
    """The session the engine plans for ``user`` on ``day``, as the player needs it, or None
    (a rest day, a day before the start, or a red-flag stop). ``without``: as planned before
    that journal entry logged it (to resume or redo it)."""
    library = default_library()
    states = followed.followed(user, day, days=1, without=without)
    found = _session_on(states, day, kind, programme_id)
    if found is None:
        return None
    one, session = found
    track = one.track
    programme = (track.run_plan or track.programme) if kind == "run" else track.programme
    head = {
        "programme": programme.id,
        "title": programme.text.get(lang).title,
        "pain": _pain_band(one, kind),
        "note_to_runner": track.enrollment.note_to_runner,
    }
    if kind == "run":
        return head | _run_body(session) | {"figures": _gait_figures(library, lang)}
    return head | _strength_body(library, programme, session, lang)


# --- the payload ----------------------------------------------------------------------


def player_texts(lang: Lang) -> dict[str, str]:
    """Every text the player script shows or speaks, in ``lang``, by the names it uses."""
    with translation.override(lang):
        return {k: braces(str(v)) for k, v in PLAYER.items()}


def _last_pain(user: Any, kind: str) -> dict[str, int | None]:
    entry = JournalEntry.objects.filter(user=user, kind=kind).order_by("-date", "-id").first()
    if entry is None:
        return {"during": None, "after": None}
    return {"during": entry.pain_during, "after": entry.pain_after}


def session_payload(
    user: Any,
    day: dt.date,
    kind: str,
    lang: Lang,
    programme_id: str | None = None,
    redo: JournalEntry | None = None,
    resume: bool = False,
) -> dict[str, Any] | None:
    """What the player runs. With ``redo`` (a session logged as ended early): that session
    again, logged over the same entry; with ``resume`` too, from where it stopped (the sets or
    running minutes the entry has)."""
    session = planned_session(
        user, day, kind, lang, programme_id, without=redo.pk if redo is not None else None
    )
    if session is None:
        return None
    log_url = reverse("player_log") + f"?programme={session['programme']}"
    extra: dict[str, Any] = {}
    if redo is not None:
        log_url += f"&entry={redo.pk}"
        extra["redo"] = {
            "entry": redo.pk,
            "resume": resume,
            "sets_done": (redo.sets_done or 0) if resume else 0,
            "run_minutes": (redo.run_minutes or 0) if resume else 0,
        }
    return {
        "date": day.isoformat(),
        "kind": kind,
        "lang": lang,
        "speech_lang": SPEECH_LANG[lang],
        "default_rest_seconds": DEFAULT_REST_SECONDS,
        "last_pain": _last_pain(user, kind),
        "log_url": log_url,
        **session,
        **extra,
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
    programme_id = request.GET.get("programme") or None
    redo = _redo(request, when, kind)
    locked = redo is not None and not editable(redo, timezone.now())
    mode = request.GET.get("mode")
    payload = (
        None
        if locked
        else session_payload(
            request.user, when, kind, lang, programme_id, redo, resume=mode == "resume"
        )
    )
    context = {
        "payload": payload,
        "locked": locked,
        "redo": redo,
        "resume": redo is not None and mode == "resume",
        "logged": payload is None and _logged(request.user, when, kind, programme_id),
        "texts": player_texts(lang),
        "day": when,
        "kind": kind,
        "pain_fields": ("during", "after"),
        "scale": range(11),
        "section": "today",
    }
    if payload is not None and kind == "strength":
        context["rm_loads"] = player_loads(request.user, when, payload.get("items", []), lang)
    response = render(request, "training/player.html", context)
    # The service worker keeps its own copy for offline use; the browser cache must not
    # serve a stale player when the network is there.
    response["Cache-Control"] = "no-cache, private"
    return response


def _redo(request: HttpRequest, day: dt.date, kind: str) -> JournalEntry | None:
    """The runner's own entry named by ``?entry=`` (that day's session of that kind), or None
    without one; 404 for anything else."""
    raw = request.GET.get("entry")
    if not raw:
        return None
    if not raw.isdecimal():
        raise Http404("entry: expected a journal entry id")
    entry = JournalEntry.objects.filter(pk=int(raw), user=request.user, date=day, kind=kind).first()
    if entry is None:
        raise Http404("entry: no such session in your journal")
    return entry


def _logged(user: Any, day: dt.date, kind: str, programme_id: str | None) -> bool:
    """Whether this kind of session is already in the journal on ``day`` (for that programme,
    when the link names one)."""
    entries = JournalEntry.objects.filter(user=user, date=day, kind=kind)
    tracks = convert.tracks(programmes.active_enrollments(user))  # no engine needed here
    named = [track for track in tracks if programme_id in _ids(track)]
    if named:
        entries = entries.filter(enrollment_id__in=named[0].enrollment_ids)
    return entries.exists()


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
        errors = [{"field": "session", "message": "log in first"}]
        return JsonResponse({"errors": errors}, status=401)
    try:
        # A form's body has been read as fields already (web/input_guard.py): not JSON anyway.
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError, RawPostDataException):
        return _unprocessable([{"field": "body", "message": "must be a JSON object"}])
    if not isinstance(body, dict):
        return _unprocessable([{"field": "body", "message": "must be a JSON object"}])
    try:
        data = EntryIn.model_validate(body)
    except ValidationError as exc:
        return _unprocessable(_errors(exc))
    programme_id = request.GET.get("programme") or None
    raw = request.GET.get("entry")
    if raw:
        return _log_over(request, raw, data)
    found = _enrollment(request.user, data.kind, default_library(), programme_id)
    try:
        check_entry_date(request.user, data.date, timezone.localdate())  # type: ignore[arg-type]
    except EntryDateError as exc:
        return _unprocessable([{"field": "date", "message": str(exc)}])
    try:
        entry, created = log_entry(request.user, data, found[0] if found else None)  # type: ignore[arg-type]
    except KeyReused:
        errors = [{"field": "idempotency_key", "message": KEY_REUSED}]
        return JsonResponse({"errors": errors}, status=409)
    return JsonResponse(_entry_json(entry), status=201 if created else 200)


LOCKED = (
    "this session was logged more than 24 hours ago and can no longer be changed; "
    "log a new entry instead"
)


def _log_over(request: HttpRequest, raw: str, data: EntryIn) -> JsonResponse:
    """A resumed or restarted session, logged over the entry it continues (the API's
    correction, by the same rule: ``journal.update_entry``)."""
    entry = (
        JournalEntry.objects.filter(pk=int(raw), user=request.user).first()
        if raw.isdecimal() and int(raw) <= MAX_ID
        else None
    )
    if entry is None:
        return JsonResponse(
            {"errors": [{"field": "entry", "message": "no such entry in your journal"}]},
            status=404,
        )
    if (entry.date, entry.kind) != (data.date, data.kind):
        errors = [{"field": "date", "message": "is not the day and kind of the entry continued"}]
        return _unprocessable(errors)
    try:
        update_entry(entry, data, now=timezone.now())
    except EntryLocked:
        return JsonResponse({"errors": [{"field": "entry", "message": LOCKED}]}, status=409)
    return JsonResponse(_entry_json(entry), status=200)


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What a page the phone never loaded shows without a network (the worker keeps a copy)."""
    return render(request, "training/player_offline.html")
