"""Input no view can store, refused before any view sees it, in one place:

- a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB; a watch file upload has its own limit):
  413 naming the limit;
- a NUL character in the path, a query parameter or a form field: 422 naming the field
  (PostgreSQL cannot store one; no person types one).

The API (``/api/``) answers in its JSON error shape, a page with a short page in the reader's
language. A JSON body's text is checked by its schema (``training.schemas.NoNul``)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from strideback.core.text import NUL_MESSAGE

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(reverse("api-v1:api-root"))


def limit_text() -> str:
    """The body limit in words: '2.5 MB'."""
    megabytes = round(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024, 1)
    return f"{megabytes:g} MB"


def _nul_field(query: QueryDict) -> str | None:
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return key.replace("\x00", "\\u0000")
    return None


def too_large(request: HttpRequest) -> HttpResponse:
    limit = limit_text()
    if _is_api(request):
        message = f"the request body is larger than the limit of {limit}"
        return JsonResponse({"errors": [{"field": "body", "message": message}]}, status=413)
    problem = gettext("What you sent is larger than the limit of %(limit)s.") % {"limit": limit}
    return _page(request, problem, 413)


def nul_in(request: HttpRequest, field: str) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"errors": [{"field": field, "message": NUL_MESSAGE}]}, status=422)
    problem = gettext("%(field)s: must not contain a NUL character.") % {"field": field}
    return _page(request, problem, 422)


def _page(request: HttpRequest, problem: str, status: int) -> HttpResponse:
    return render(request, "web/input_error.html", {"problem": problem}, status=status)


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return nul_in(request, "path")
        field = _nul_field(request.GET)
        if field is not None:
            return nul_in(request, field)
        try:
            if request.content_type in FORM_TYPES:
                field = _nul_field(request.POST)
            elif request.method not in ("GET", "HEAD", "OPTIONS"):
                request.body  # noqa: B018 - reads it once, raising RequestDataTooBig if too big
        except RequestDataTooBig:
            return too_large(request)
        if field is not None:
            return nul_in(request, field)
        return self.get_response(request)
