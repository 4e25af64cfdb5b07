"""The FHIR export as an HTTP response: ``application/fhir+json``, for the runner's own record
(``/me/export/fhir``) and a clinician's patient (``/clinician/patients/{id}/export/fhir``)."""

from __future__ import annotations

import json

from django.http import HttpResponse

from strideback.accounts.models import User
from strideback.api.errors import ApiError
from strideback.core.languages import LANGUAGES, Lang
from strideback.training.fhir import MEDIA_TYPE, bundle

RESPONSES = {
    200: {
        "content": {MEDIA_TYPE: {"schema": {"type": "object"}}},
        "description": "a FHIR R4 Bundle (type collection)",
    }
}


def language_for(user: User, asked: str | None) -> Lang:
    """The asked language (for the titles and questions), else the runner's own."""
    value = asked or user.language
    for lang in LANGUAGES:
        if lang == value:
            return lang
    if asked:
        raise ApiError(422, f"must be one of {', '.join(LANGUAGES)}", "lang")
    return "en"


def respond(user: User, asked_lang: str | None) -> HttpResponse:
    lang = language_for(user, asked_lang)
    body = json.dumps(bundle(user, lang), ensure_ascii=False)
    response = HttpResponse(body, content_type=f"{MEDIA_TYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="strideback-fhir-{user.pk}.json"'
    return response
