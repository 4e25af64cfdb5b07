"""Pick the page language: the runner's choice, else the browser's, else English."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from strideback.core.languages import DEFAULT_LANGUAGE, LANGUAGES, Lang

COOKIE = "strideback_lang"
# Browsers say "no" or "nn" for Norwegian; Bokmål is the written form we offer.
ALIASES: dict[str, Lang] = {"no": "nb", "nn": "nb", "nb": "nb", "da": "da", "de": "de", "en": "en"}


def set_language_cookie(response: HttpResponse, lang: str) -> None:
    """Remember the chosen language for a year (only over https behind STRIDEBACK_HTTPS)."""
    secure = bool(settings.SESSION_COOKIE_SECURE)
    response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", secure=secure)


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


# --- security headers on every answer -----------------------------------------------------
#
# A small middleware rather than django-csp: the policy is one constant (no inline script or
# style anywhere, so no nonces or hashes to thread through templates), it sits next to the
# other two headers and the no-store rule, and it costs no dependency whose settings format
# changes between major versions (django-csp 4 replaced every CSP_* setting).

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",  # scripts only from static files: no inline script, no handlers
        "style-src 'self'",  # no style="" attributes or <style> blocks in pages
        "img-src 'self' data:",  # data: for the API docs' (Swagger UI) icons
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "worker-src 'self'",  # the service worker (/sw.js)
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# Nothing in Strideback uses these; the player keeps the screen awake on its own origin.
PERMISSIONS_POLICY = ", ".join(
    (
        "accelerometer=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "usb=()",
        "screen-wake-lock=(self)",
    )
)


def carries_personal_data(request: HttpRequest) -> bool:
    """A session's or an API token's answer is about a person (journal, Today, exports, patient
    pages, the handout...); an anonymous one is the same for everyone."""
    user = getattr(request, "user", None)
    return bool(getattr(user, "is_authenticated", False)) or "Authorization" in request.headers


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every answer; `Cache-Control: no-store`
    on every answer to a logged-in session or an API token, so that no browser, proxy or
    shared computer keeps a copy of health data (the service worker's own offline copies are
    unaffected: the Cache API ignores it). An answer that declares itself `public` (the same
    for everyone, such as an exercise figure) keeps its caching. Static files never get here
    (WhiteNoise answers them first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        cache_control = response.headers.get("Cache-Control", "")
        if "public" not in cache_control and carries_personal_data(request):
            response.headers["Cache-Control"] = "no-store"
        return response
