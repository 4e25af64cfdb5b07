"""Correcting a logged session or run in the page (/journal/<id>/edit/), within the window the
API allows and by the same rule (``journal.editable``, ``journal.update_entry``). Works without
JavaScript: a plain form, every error named with its field."""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods
from pydantic import ValidationError

from strideback.training.journal import EntryLocked, editable, editable_until, update_entry
from strideback.training.models import EntryKind, JournalEntry
from strideback.training.schemas import EntryIn, PainIn
from strideback.training.views import runner_page

PAINS = ("during", "after", "next_morning")
FIELD_LABELS = {
    "completed": gettext_lazy("Finished?"),
    "sets_done": gettext_lazy("Sets done"),
    "run_minutes": gettext_lazy("Minutes run"),
    "note": gettext_lazy("Note (optional)"),
}
PAIN_LABELS = {
    "during": gettext_lazy("Pain during the session"),
    "after": gettext_lazy("Pain right afterwards"),
    "next_morning": gettext_lazy("Pain the next morning"),
}


def _own_entry(request: HttpRequest, entry_id: int) -> JournalEntry:
    entry = JournalEntry.objects.filter(
        pk=entry_id, user=request.user, kind__in=(EntryKind.STRENGTH, EntryKind.RUN)
    ).first()
    if entry is None:  # someone else's, a check, or none: the same answer
        raise Http404("no such session in your journal")
    return entry


def _pains_shown(entry: JournalEntry) -> tuple[str, ...]:
    """During and after always; the next morning once it was answered."""
    return PAINS if entry.pain_next_morning is not None else PAINS[:2]


def _number(raw: str, low: float, high: float, whole: bool) -> float | None:
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(value):  # "nan", "inf": no number of sets or minutes
        return None
    if whole and value != int(value):
        return None
    return value if low <= value <= high else None


def _read(entry: JournalEntry, post: Any) -> tuple[EntryIn | None, dict[str, str]]:
    """The form as an EntryIn (the API's input), or the errors by field."""
    errors: dict[str, str] = {}
    pains: dict[str, int] = {}
    for name in _pains_shown(entry):
        value = _number(post.get(f"pain_{name}", ""), 0, 10, True)
        if value is None:
            errors[f"pain_{name}"] = gettext("choose a number from 0 (no pain) to 10.")
        else:
            pains[name] = int(value)
    completed = post.get("completed")
    if completed not in ("yes", "no"):
        errors["completed"] = gettext("say whether you finished it or ended early.")
    sets_done = run_minutes = None
    if entry.kind == EntryKind.RUN:
        minutes = _number(post.get("run_minutes", ""), 0.1, 600, False)
        if minutes is None:
            errors["run_minutes"] = gettext("enter the minutes you ran, from 0.1 to 600.")
        run_minutes = minutes
    else:
        sets = _number(post.get("sets_done", ""), 0, 100, True)
        if sets is None:
            errors["sets_done"] = gettext("enter the sets you did, from 0 to 100.")
        sets_done = int(sets) if sets is not None else None
    note = post.get("note", "").strip()
    if len(note) > 2000:
        errors["note"] = gettext("keep the note under 2000 characters.")
    if errors:
        return None, errors
    try:
        data = EntryIn(
            date=entry.date,
            kind=entry.kind,  # type: ignore[arg-type]
            completed=completed == "yes",
            sets_done=sets_done,
            pain=PainIn(**pains),  # type: ignore[arg-type]
            swelling=post.get("swelling") == "yes",
            red_flags=list(entry.red_flags),
            painful_exercises=list(entry.painful_exercises),
            run_minutes=run_minutes,
            run_week=entry.run_week,
            run_day=entry.run_day,
            note=note,
        )
    except ValidationError as exc:  # the API's own rules: shown with the field they name
        return None, {str(e["loc"][0]) if e["loc"] else "note": e["msg"] for e in exc.errors()}
    return data, {}


def _values(entry: JournalEntry, post: Any | None) -> dict[str, Any]:
    if post is not None:
        return {key: post.get(key, "") for key in post}
    values: dict[str, Any] = {
        "completed": "yes" if entry.completed else "no",
        "sets_done": "" if entry.sets_done is None else entry.sets_done,
        "run_minutes": "" if entry.run_minutes is None else f"{entry.run_minutes:g}",
        "swelling": "yes" if entry.swelling else "no",
        "note": entry.note,
    }
    for name in PAINS:
        value = getattr(entry, f"pain_{name}")
        values[f"pain_{name}"] = "" if value is None else str(value)
    return values


@runner_page("today")
@require_http_methods(["GET", "POST"])
def edit_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = _own_entry(request, entry_id)
    now = timezone.now()
    errors: dict[str, str] = {}
    status = 200
    if not editable(entry, now):
        status = 409 if request.method == "POST" else 200
    elif request.method == "POST":
        data, errors = _read(entry, request.POST)
        if data is not None:
            try:
                update_entry(entry, data, now=now)
            except EntryLocked:
                status = 409
            else:
                messages.success(request, gettext("Corrected. Your plan now reads it so."))
                today = timezone.localdate()
                return HttpResponseRedirect(
                    reverse("today") if entry.date == today else reverse("calendar")
                )
        else:
            status = 400
    values = _values(entry, request.POST if request.method == "POST" else None)
    context = {
        "entry": entry,
        "locked": not editable(entry, now),
        "until": timezone.localtime(editable_until(entry)),
        "values": values,
        "errors": errors,
        "error_list": [
            (
                field,
                {**FIELD_LABELS, **{f"pain_{k}": v for k, v in PAIN_LABELS.items()}}.get(
                    field, field
                ),
                message,
            )
            for field, message in errors.items()
        ],
        "pains": [
            (f"pain_{name}", PAIN_LABELS[name], str(values.get(f"pain_{name}", "")))
            for name in _pains_shown(entry)
        ],
        "scale": [str(n) for n in range(11)],
        "section": "today",
    }
    return render(request, "training/entry_edit.html", context, status=status)
