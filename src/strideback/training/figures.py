"""Exercise figures over HTTP: ``GET /exercises/<id>/figure.svg?t=SECONDS[&side=second]``.

Public (an exercise is library content, not health data) and cacheable: the same URL always
gives the same drawing until Strideback is upgraded.
"""

from __future__ import annotations

import math

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from strideback.core.content.library import default_library
from strideback.core.figures.exercise import exercise_svg
from strideback.core.languages import Lang

CACHE = "public, max-age=86400"


def _unprocessable(message: str) -> HttpResponse:
    return HttpResponse(message + "\n", status=422, content_type="text/plain; charset=utf-8")


@require_GET
def figure_svg(request: HttpRequest, exercise_id: str) -> HttpResponse:
    library = default_library()
    if exercise_id not in library.exercises:
        raise Http404(f"unknown exercise '{exercise_id}'")
    raw = request.GET.get("t", "0")
    try:
        at = float(raw)
    except ValueError:
        at = math.nan
    if not math.isfinite(at) or at < 0:
        return _unprocessable(f"t: must be a number of seconds, 0 or more, got '{raw}'")
    side = request.GET.get("side", "first")
    if side not in ("first", "second"):
        return _unprocessable(f"side: must be first or second, got '{side}'")
    lang: Lang = getattr(request, "lang", "en")
    svg = exercise_svg(library, exercise_id, at, lang, side == "second")
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = CACHE
    response["Vary"] = "Cookie, Accept-Language"
    return response
