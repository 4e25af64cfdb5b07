"""Outcome questionnaires: the public list and forms, and a runner's answers with their score."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field, StringConstraints

from strideback.api.auth import USER_AUTH
from strideback.api.errors import ApiError
from strideback.api.routers.programmes import LangQuery, language
from strideback.api.schemas import ERRORS, In
from strideback.api.schemas_reads import QuestionnaireOut
from strideback.core.languages import Lang
from strideback.core.questionnaires.models import Questionnaire
from strideback.core.questionnaires.public import questionnaire_json
from strideback.questionnaires import questionnaires
from strideback.training.asking import due_for
from strideback.training.models import QuestionnaireResponse
from strideback.training.responses import questionnaire, record_response

public = Router(tags=["questionnaires"], auth=None)
mine = Router(tags=["questionnaires"], auth=USER_AUTH)


class QuestionnaireSummary(Schema):
    id: str = Field(description="the questionnaire id")
    abbreviation: str = Field(description="its usual abbreviation")
    title: str = Field(description="its title")
    language: str = Field(description="the language of the title")


def summary(q: Questionnaire, lang: Lang) -> dict[str, Any]:
    return {
        "id": q.id,
        "abbreviation": q.abbreviation,
        "title": q.text.get(lang).title,
        "language": lang,
    }


@public.get("", response={200: list[QuestionnaireSummary], **ERRORS}, summary="Questionnaires")
def list_questionnaires(request: HttpRequest, q: Query[LangQuery]) -> list[dict[str, Any]]:
    lang = language(request, q.lang)
    return [
        {
            "id": qid,
            "abbreviation": x.abbreviation,
            "title": x.text.get(lang).title,
            "language": lang,
        }
        for qid, x in questionnaires().items()
    ]


@public.get(
    "/{questionnaire_id}",
    response={200: QuestionnaireOut, **ERRORS},
    summary="One questionnaire: items, options with points or min/max, scoring, source",
    exclude_unset=True,  # an item has options, or min and max: not both as null
)
def get_questionnaire(
    request: HttpRequest, questionnaire_id: str, q: Query[LangQuery]
) -> dict[str, Any]:
    found = questionnaire(questionnaire_id)
    if found is None:
        raise ApiError(404, "no such questionnaire", "questionnaire_id")
    return questionnaire_json(found, language(request, q.lang))


class ResponseIn(In):
    answers: dict[str, int | str | None]
    activities: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list, max_length=5
    )
    date: dt.date | None = None


class ResponseOut(Schema):
    id: int = Field(description="the response id")
    questionnaire_id: str = Field(description="the questionnaire answered")
    date: dt.date = Field(description="the day it was answered")
    answers: dict[str, int | str] = Field(description="the answer to each item, by item id")
    activities: list[str] = Field(description="the activities named (PSFS)")
    score: float = Field(description="the total score")
    subscales: dict[str, float] = Field(description="each subscale's score, by subscale id")


def response_out(r: QuestionnaireResponse) -> dict[str, Any]:
    return {
        "id": r.pk,
        "questionnaire_id": r.questionnaire_id,
        "date": r.answered_on,
        "answers": r.answers,
        "activities": r.activities,
        "score": r.score,
        "subscales": r.subscales,
    }


@mine.get(
    "/due",
    response={200: list[QuestionnaireSummary], **ERRORS},
    summary="The questionnaires due now (baseline, every 4 weeks, the end; one card a week)",
)
def due_now(request: HttpRequest, q: Query[LangQuery]) -> list[dict[str, Any]]:
    lang = language(request, q.lang)
    known = questionnaires()
    return [summary(known[qid], lang) for qid in due_for(request.auth, timezone.localdate())]


@mine.get("/responses", response={200: list[ResponseOut], **ERRORS}, summary="My answers")
def my_responses(request: HttpRequest) -> list[dict[str, Any]]:
    rows = QuestionnaireResponse.objects.filter(user=request.auth)
    return [response_out(r) for r in rows.order_by("answered_on", "id")]


@mine.post(
    "/{questionnaire_id}/responses",
    response={201: ResponseOut, **ERRORS},
    summary="Answer a questionnaire: 201 with the score; 422 names the item that is wrong",
)
def answer(
    request: HttpRequest, questionnaire_id: str, payload: ResponseIn
) -> Status[dict[str, Any]]:
    found = questionnaire(questionnaire_id)
    if found is None:
        raise ApiError(404, "no such questionnaire", "questionnaire_id")
    today = timezone.localdate()
    on = payload.date or today
    if on > today + dt.timedelta(days=1):
        raise ApiError(422, "is in the future", "date")
    stored = record_response(request.auth, found, payload.answers, on, payload.activities)
    return Status(201, response_out(stored))
