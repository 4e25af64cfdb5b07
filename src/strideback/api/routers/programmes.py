"""The programme library, read-only, in the public JSON format (`strideback show --format json`).

Public: the library is the same for everyone, so no login is needed.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from strideback.api.auth import TOKEN
from strideback.api.errors import ApiError
from strideback.api.schemas import ERRORS, ProgrammeSummary
from strideback.api.schemas_reads import ProgrammeOut
from strideback.core.content.library import default_library
from strideback.core.languages import LANGUAGES, Lang
from strideback.words.public import programme_json

router = Router(tags=["programmes"], auth=None)


class LangQuery(Schema):
    lang: str | None = None


def language(request: HttpRequest, asked: str | None) -> Lang:
    """The asked language, else the caller's: for a token, the account's; for the pages'
    session, as the pages choose (cookie, account, Accept-Language)."""
    value = asked or getattr(request, "lang", "en")
    if not asked and getattr(request, "auth_method", None) == TOKEN:
        value = getattr(request.user, "language", "") or value
    for lang in LANGUAGES:
        if lang == value:
            return lang
    raise ApiError(422, f"must be one of {', '.join(LANGUAGES)}", "lang")


@router.get("", response={200: list[ProgrammeSummary], **ERRORS}, summary="The library")
def list_programmes(request: HttpRequest, q: Query[LangQuery]) -> list[dict[str, Any]]:
    lang = language(request, q.lang)
    library = default_library()
    out = []
    for programme in sorted(library.programmes.values(), key=lambda p: p.id):
        text = programme.text.get(lang)
        out.append(
            {
                "id": programme.id,
                "kind": programme.kind,
                "title": text.title,
                "summary": text.summary,
                "language": lang,
            }
        )
    return out


@router.get(
    "/{programme_id}",
    response={200: ProgrammeOut, **ERRORS},
    summary="One programme, in the public JSON format",
    by_alias=True,  # a phase's weeks {"from", "to"}
)
def get_programme(request: HttpRequest, programme_id: str, q: Query[LangQuery]) -> dict[str, Any]:
    lang = language(request, q.lang)
    library = default_library()
    programme = library.programmes.get(programme_id)
    if programme is None:
        raise ApiError(404, f"no programme '{programme_id}'", "programme_id")
    return programme_json(library, programme, lang)
