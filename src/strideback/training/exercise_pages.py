"""The public exercise library: ``GET /exercises/`` (every exercise with its still, filtered
by programme and body area through a plain GET form) and ``GET /exercises/<id>/`` (one
exercise: its steps, doses, start and end pose, easier and harder versions, sources).

Public: an exercise is library content, not health data.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_GET

from strideback.core.content.library import default_library
from strideback.core.languages import Lang
from strideback.training import exercise_library


def _lang(request: HttpRequest) -> Lang:
    return getattr(request, "lang", "en")  # type: ignore[no-any-return]


def _choice(request: HttpRequest, field: str, choices: list[tuple[str, str]]) -> str | None:
    """The filter's value: none when empty; ValueError naming the field when unknown."""
    value = request.GET.get(field, "").strip()
    if not value:
        return None
    if value not in {code for code, _ in choices}:
        names = ", ".join(code for code, _ in choices)
        raise ValueError(f"{field}: must be one of {names}, got '{value[:60]}'")
    return value


@require_GET
def library_page(request: HttpRequest) -> HttpResponse:
    library = default_library()
    lang = _lang(request)
    programmes = exercise_library.programme_filter(library, lang)
    regions = exercise_library.region_filter(library, lang)
    try:
        programme = _choice(request, "programme", programmes)
        region = _choice(request, "region", regions)
    except ValueError as exc:
        return HttpResponseBadRequest(str(exc) + "\n", content_type="text/plain; charset=utf-8")
    context = {
        "cards": exercise_library.cards(library, lang, programme, region),
        "programmes": programmes,
        "regions": regions,
        "programme": programme or "",
        "region": region or "",
        "total": len(library.exercises),
    }
    return render(request, "training/exercise_library.html", context)


@require_GET
def exercise_page(request: HttpRequest, exercise_id: str) -> HttpResponse:
    library = default_library()
    if exercise_id not in library.exercises:
        raise Http404(f"unknown exercise '{exercise_id}'")
    detail = exercise_library.detail(library, exercise_id, _lang(request))
    return render(request, "training/exercise.html", {"x": detail})
