"""Questionnaires through the API: the public forms, answering, the score, clear errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from strideback.training.models import QuestionnaireResponse
from tests.api.conftest import World, session_client

pytestmark = pytest.mark.django_db


def post(client: Client, qid: str, body: dict[str, Any]):  # type: ignore[no-untyped-def]
    return client.post(
        f"/api/v1/me/questionnaires/{qid}/responses", body, content_type="application/json"
    )


def test_the_list_and_one_form_are_public(world: World) -> None:
    listed = Client().get("/api/v1/questionnaires?lang=de").json()
    assert [q["id"] for q in listed] == ["ffi", "groc", "kujala-akps", "psfs"]
    form = Client().get("/api/v1/questionnaires/kujala-akps?lang=nb").json()
    assert form["items"][0]["text"] == "Halter du?"
    assert Client().get("/api/v1/questionnaires/koos-pf").status_code == 404


def test_answering_stores_the_score(world: World) -> None:
    client = session_client(world.a)
    answers = {
        i["id"]: i["options"][0]["id"]
        for i in client.get("/api/v1/questionnaires/kujala-akps").json()["items"]
    }
    response = post(client, "kujala-akps", {"answers": answers})
    assert response.status_code == 201
    assert response.json()["score"] == 100.0
    mine = client.get("/api/v1/me/questionnaires/responses").json()
    assert [(r["questionnaire_id"], r["score"]) for r in mine] == [("kujala-akps", 100.0)]
    assert session_client(world.b).get("/api/v1/me/questionnaires/responses").json() == []


@pytest.mark.parametrize(
    ("qid", "body", "field", "message"),
    [
        (
            "groc",
            {"answers": {"change": "better-9"}},
            "answers.change",
            "unknown option 'better-9'",
        ),
        ("groc", {"answers": {}}, "answers.change", "missing answer"),
        (
            "psfs",
            {"answers": {"activity-1": 11, "activity-2": 1, "activity-3": 1}},
            "answers.activity-1",
            "must be a whole number from 0 to 10, got 11",
        ),
        (
            "psfs",
            {"answers": {"activity-1": 1, "activity-2": 1, "activity-3": 1}},
            "activities",
            "name each rated activity: 3 rated, 0 named",
        ),
        (
            "psfs",
            {
                "answers": {"activity-1": 1, "activity-2": 1, "activity-3": 1},
                "activities": ["a", " ", "c"],
            },
            "activities[1]",
            "must be a name of 1 to 200 characters",
        ),
        (
            "groc",
            {"answers": {"change": "same"}, "activities": ["x"]},
            "activities",
            "'groc' does not ask for named activities",
        ),
    ],
)
def test_bad_answers_name_the_field_and_store_nothing(
    world: World, qid: str, body: dict[str, Any], field: str, message: str
) -> None:
    response = post(session_client(world.a), qid, body)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == field
    assert error["message"].startswith(message)
    assert not QuestionnaireResponse.objects.exists()


def test_the_data_export_holds_the_answers(world: World) -> None:
    client = session_client(world.a)
    assert post(client, "groc", {"answers": {"change": "better-2"}}).status_code == 201
    export = client.get("/api/v1/me/export").json()
    [answer] = export["questionnaire_responses"]
    assert (answer["questionnaire"], answer["score"]) == ("groc", 2.0)
    assert export["runs_from_watch"] == [] and export["set_loads"] == []
