"""The API's most-read answers, given before the rest of the request stack runs.

``GET /me/today`` and the clinician's ``GET /clinician/patients`` and ``/clinician/flags`` are
what apps poll. Their answers are kept (``training.snapshots``), so finding one costs a query,
yet the session, language, CSRF, authentication, OTP and message middleware, the URL resolver
and django-ninja around it made a kept Today take 0.33 ms in-process instead of 0.17 ms, and
the 200-patient list 1.1 ms instead of 0.5 ms (2.2 ms with gzip: see
``web.middleware.GZipMiddleware``), measured on SQLite. This middleware sits
just inside GZip (see ``settings.MIDDLEWARE``) and answers those three reads itself when the
request is the plain case:

- ``GET`` on exactly one of those paths, with ``Authorization: Bearer <token>`` and no cookie;
- an allowed host (the same check Django's ``CommonMiddleware`` makes);
- a token that ``api.tokens.user_for_secret`` accepts: the same lookup ``api.auth`` makes;
- for the clinician's reads, a clinician with a confirmed TOTP device (``api.auth``'s rule);
- query parameters the endpoint documents, with valid values.

Anything else goes on to the full stack, which answers it as before; so does a request whose
answer raised an error here (the full stack then gives the API's JSON 500 and logs it).
The answer is the same text the endpoint gives, from the same functions, with the same headers
(``tests/api/test_kept_middleware.py`` compares both paths, byte for byte, for every actor).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

from strideback.accounts.models import User
from strideback.api.render import json_text
from strideback.api.tokens import user_for_secret
from strideback.clinic.patient_list import SORTS, patient_list_json
from strideback.core.languages import DEFAULT_LANGUAGE, LANGUAGES, Lang
from strideback.web.middleware import from_accept_language

PREFIX = "/api/v1"

# A read: (the caller, the query's parameters) -> (JSON text, its language), or None when the
# full stack should answer (a parameter it must judge, a caller it must refuse). Each takes the
# date from its endpoint's module, as the endpoint does.
Read = Callable[[User, dict[str, str]], "tuple[str, Lang | None] | None"]


def _today(user: User, params: dict[str, str]) -> tuple[str, Lang | None] | None:
    from strideback.api.routers import me

    if params.keys() - {"lang"}:
        return None
    lang = _language(params.get("lang") or user.language)
    if lang is None:
        return None
    return me.today_body(user, me.today_date(), lang), lang


def _patients(user: User, params: dict[str, str]) -> tuple[str, Lang | None] | None:
    from strideback.api.routers import clinician

    if params.keys() - {"sort"} or not _clinician(user):
        return None
    sort = params.get("sort", "attention")
    if sort.lstrip("-") not in SORTS:
        return None
    return patient_list_json(user, clinician.today_date(), sort=sort), None


def _flags(user: User, params: dict[str, str]) -> tuple[str, Lang | None] | None:
    from strideback.api.routers import clinician

    if params or not _clinician(user):
        return None
    on = clinician.today_date()
    return patient_list_json(user, on, sort="attention", attention_only=True), None


# path -> (its read, whether the token query should also read the caller's kept Today)
READS: dict[str, tuple[Read, bool]] = {
    f"{PREFIX}/me/today": (_today, True),
    f"{PREFIX}/clinician/patients": (_patients, False),
    f"{PREFIX}/clinician/flags": (_flags, False),
}


def _language(value: str) -> Lang | None:
    for lang in LANGUAGES:
        if lang == value:
            return lang
    return None


def _clinician(user: User) -> bool:
    # api.auth.require_clinician for a token: the role and a confirmed TOTP device (read with
    # the token by user_for_secret).
    return user.is_clinician and getattr(user, "token_second_factor", False) is True


def _params(request: HttpRequest) -> dict[str, str] | None:
    """The query's parameters when each is given once; None otherwise (the full stack judges)."""
    out: dict[str, str] = {}
    for key, values in request.GET.lists():
        if len(values) != 1:
            return None
        out[key] = values[0]
    return out


def kept_answer(request: HttpRequest) -> HttpResponse | None:
    """The answer for a plain read of a kept answer, or None to let the full stack answer."""
    route = READS.get(request.path_info)
    if route is None or request.method != "GET" or request.META.get("HTTP_COOKIE"):
        return None
    scheme, _, secret = request.META.get("HTTP_AUTHORIZATION", "").strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        return None
    params = _params(request)
    if params is None:
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None
    read, with_today = route
    user = user_for_secret(secret, with_today=with_today)
    if user is None or not user.is_active:
        return None
    try:
        found = read(user, params)
    except Exception:  # noqa: BLE001 - the full stack answers (and logs) it as any error
        return None
    if found is None:
        return None
    body, lang = found
    return _response(body, lang or _page_language(request))


def _page_language(request: HttpRequest) -> Lang:
    # What LanguageMiddleware would choose for a request without a cookie or a session.
    return from_accept_language(request.headers.get("Accept-Language", "")) or DEFAULT_LANGUAGE


def _response(body: str, lang: Lang) -> HttpResponse:
    """The headers the inner middleware would add: Content-Language and Vary (LanguageMiddleware),
    Content-Length (CommonMiddleware), X-Frame-Options (XFrameOptionsMiddleware)."""
    response = json_text(body, lang=lang)
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Content-Length"] = str(len(response.content))
    response.headers["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()
    response.kept_answer = True  # type: ignore[attr-defined]  # web.middleware.GZipMiddleware
    return response


class KeptAnswersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        answer = kept_answer(request)
        return answer if answer is not None else self.get_response(request)
