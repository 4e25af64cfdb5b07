"""Outcome questionnaires: the public list and forms, and a runner's answers with their score."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field, StringConstraints

from strideback.api.auth import USER_AUTH
from strideback.api.errors import ApiError
from strideback.api.routers.programmes import LangQuery, language
from strideback.api.schemas import ERRORS
from strideback.core.questionnaires.public import questionnaire_json
from strideback.questionnaires import questionnaires
from strideback.training.models import QuestionnaireResponse
from strideback.training.responses import questionnaire, record_response

public = Router(tags=["questionnaires"], auth=None)
mine = Router(tags=["questionnaires"], auth=USER_AUTH)


class QuestionnaireSummary(Schema):
    id: str
    abbreviation: str
    title: str
    language: str


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
    response={200: dict[str, Any], **ERRORS},
    summary="One questionnaire: items, options with points or min/max, scoring, source",
)
def get_questionnaire(
    request: HttpRequest, questionnaire_id: str, q: Query[LangQuery]
) -> dict[str, Any]:
    found = questionnaire(questionnaire_id)
    if found is None:
        raise ApiError(404, "no such questionnaire", "questionnaire_id")
    return questionnaire_json(found, language(request, q.lang))


class ResponseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, int | str | None]
    activities: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list, max_length=5
    )
    date: dt.date | None = None


class ResponseOut(Schema):
    id: int
    questionnaire_id: str
    date: dt.date
    answers: dict[str, int | str]
    activities: list[str]
    score: float
    subscales: dict[str, float]


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
