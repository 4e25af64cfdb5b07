"""A library programme as a page, ``GET /programmes/<id>/``: whom it is for, how often (and
whether that is the source's or Strideback's advice), where the doses come from, the rules it
follows, each phase with the source's numbering and names, and its sources.

Public: a programme is library content, not health data.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.languages import Lang
from strideback.words import explain
from strideback.words.describe import (
    dose_text,
    doses_source_text,
    schedule_source_text,
    schedule_text,
    steps_source_text,
    weeks_text,
)


def _lang(request: HttpRequest) -> Lang:
    return getattr(request, "lang", "en")  # type: ignore[no-any-return]


def programme_view(library: Library, programme: Programme, lang: Lang) -> dict[str, Any]:
    """Everything the page shows, in ``lang``."""
    text = programme.text.get(lang)
    phases = []
    for phase in programme.phases:
        items = []
        for item in phase.items:
            exercise = library.exercise(item.exercise)
            items.append(
                {
                    "position": item.position,
                    "name": exercise.text.get(lang).name,
                    "url": reverse("exercise_page", args=[exercise.id]),
                    "dose": dose_text(item.dose, lang),
                    "alternative_to": item.alternative_to,
                    "steps_ours": steps_source_text(exercise, lang),
                }
            )
        phases.append(
            {
                "number": phase.number,
                "weeks": weeks_text(phase.weeks, lang),
                "title": phase.text.get(lang).title if phase.text else "",
                "items": items,
            }
        )
    return {
        "id": programme.id,
        "kind": programme.kind,
        "title": text.title,
        "summary": text.summary,
        "guidance": text.guidance,
        "schedule": schedule_text(programme, lang),
        "schedule_source": schedule_source_text(programme, lang),
        "schedule_ours": programme.schedule.source == "strideback",
        "doses_source": doses_source_text(programme, lang),
        "rule_sets": [explain.rule_set_name(rs.value, lang) for rs in programme.rule_sets],
        "source": programme.source,
        "references": programme.references,
        "phases": phases,
        "weeks": len(programme.weeks),
    }


@require_GET
def programme_page(request: HttpRequest, programme_id: str) -> HttpResponse:
    library = default_library()
    programme = library.programmes.get(programme_id)
    if programme is None:
        raise Http404(f"unknown programme '{programme_id}'")
    lang = _lang(request)
    return render(
        request, "training/programme.html", {"p": programme_view(library, programme, lang)}
    )
