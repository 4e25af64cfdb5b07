"""Pick the page language: the runner's choice, else the browser's, else English."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from strideback.core.languages import DEFAULT_LANGUAGE, LANGUAGES, Lang

COOKIE = "strideback_lang"
# Browsers say "no" or "nn" for Norwegian; Bokmål is the written form we offer.
ALIASES: dict[str, Lang] = {"no": "nb", "nn": "nb", "nb": "nb", "da": "da", "de": "de", "en": "en"}


def from_accept_language(header: str) -> Lang | None:
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, index, tag.strip().lower().split("-")[0]))
    for _, _, base in sorted(weighted):
        if base in ALIASES:
            return ALIASES[base]
    return None


def choose_language(request: HttpRequest) -> Lang:
    cookie = request.COOKIES.get(COOKIE, "")
    for lang in LANGUAGES:
        if cookie == lang:
            return lang
    user = getattr(request, "user", None)
    user_lang = getattr(user, "language", "") if user is not None else ""
    for lang in LANGUAGES:
        if user_lang == lang:
            return lang
    return from_accept_language(request.headers.get("Accept-Language", "")) or DEFAULT_LANGUAGE


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = choose_language(request)
        request.lang = lang  # type: ignore[attr-defined]
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        response.headers["Vary"] = ", ".join(
            v for v in (response.headers.get("Vary"), "Accept-Language", "Cookie") if v
        )
        return response
