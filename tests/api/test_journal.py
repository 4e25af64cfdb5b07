"""The journal over the API: idempotent create, list, read, and edit within 24 hours."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from strideback.training.models import JournalEntry
from tests.api.conftest import World

URL = "/api/v1/journal"


def entry(**extra: object) -> dict[str, object]:
    return {"date": "2026-03-02", "kind": "strength", "pain": {"during": 1}, **extra}


def test_a_new_entry_is_201_and_a_repeated_key_returns_the_stored_one_with_200(
    world: World, as_token
) -> None:
    client = as_token("runner_b")
    first = client.post(URL, entry(idempotency_key="offline-123"), content_type="application/json")
    again = client.post(URL, entry(idempotency_key="offline-123"), content_type="application/json")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert JournalEntry.objects.filter(user=world.b).count() == 1


def test_a_key_reused_for_a_different_entry_is_a_409_and_changes_nothing(
    world: World, as_token
) -> None:
    client = as_token("runner_b")
    client.post(URL, entry(idempotency_key="offline-123"), content_type="application/json")
    other = entry(idempotency_key="offline-123", kind="run", run_minutes=10)
    response = client.post(URL, other, content_type="application/json")
    assert response.status_code == 409
    (error,) = response.json()["errors"]
    assert error["field"] == "idempotency_key" and "different entry" in error["message"]
    (stored,) = JournalEntry.objects.filter(user=world.b)
    assert (stored.kind, stored.run_minutes) == ("strength", None)


def test_pain_out_of_range_is_a_422_naming_the_field(world: World, as_token) -> None:
    response = as_token("runner_a").post(
        URL, entry(pain={"during": 11}), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json() == {
        "errors": [{"field": "pain.during", "message": "must be at most 10"}]
    }


def test_every_problem_is_reported_at_once(world: World, as_token) -> None:
    body = {"date": "yesterday", "kind": "swim", "sets_done": -1, "colour": "red"}
    response = as_token("runner_a").post(URL, body, content_type="application/json")
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert fields["date"] == "must be a date as YYYY-MM-DD"
    assert fields["kind"].startswith("must be one of")
    assert fields["sets_done"] == "must be at least 0"
    assert fields["colour"] == "is not a known field"


def test_an_unknown_red_flag_names_the_code(world: World, as_token) -> None:
    response = as_token("runner_a").post(
        URL, entry(red_flags=["dragon"]), content_type="application/json"
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "red_flags"
    assert "dragon" in error["message"]


def test_a_body_that_is_not_json_is_a_400_not_a_500(world: World, as_token) -> None:
    client = as_token("runner_a")
    for raw in ("{not json", "[1, 2", "\xff"):
        response = client.post(URL, raw, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["errors"][0]["message"] == "the request body is not valid JSON"


def test_a_json_body_of_the_wrong_shape_is_a_422(world: World, as_token) -> None:
    client = as_token("runner_a")
    for raw in ("[]", '"text"', "42", "null"):
        response = client.post(URL, raw, content_type="application/json")
        assert response.status_code in (400, 422), raw
        assert response.json()["errors"]


def test_an_empty_body_says_what_is_missing(world: World, as_token) -> None:
    response = as_token("runner_a").post(URL, "", content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["errors"]


def test_the_list_holds_only_my_entries_oldest_first(world: World, as_token) -> None:
    mine = as_token("runner_a").get(URL).json()
    assert [e["date"] for e in mine] == sorted(e["date"] for e in mine)
    assert len(mine) == 4
    assert as_token("runner_b").get(URL).json() == []


def test_the_list_filters_by_date_and_pages(world: World, as_token) -> None:
    today = timezone.localdate()
    since = (today - dt.timedelta(days=3)).isoformat()
    assert len(as_token("runner_a").get(URL, {"since": since}).json()) == 2
    assert len(as_token("runner_a").get(URL, {"limit": 1, "offset": 1}).json()) == 1
    bad = as_token("runner_a").get(URL, {"limit": 0, "since": "soon"})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"limit", "since"}


def test_an_entry_can_be_corrected_within_24_hours(world: World, as_token) -> None:
    url = f"{URL}/{world.entry.pk}"
    response = as_token("runner_a").put(
        url,
        entry(date=str(world.entry.date), pain={"during": 5}, note="corrected"),
        content_type="application/json",
    )
    assert response.status_code == 200
    world.entry.refresh_from_db()
    assert (world.entry.pain_during, world.entry.note) == (5, "corrected")
    assert world.entry.idempotency_key == "a-key-0001"


def test_after_24_hours_an_entry_is_settled_409(world: World, as_token) -> None:
    JournalEntry.objects.filter(pk=world.entry.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=24, minutes=1)
    )
    response = as_token("runner_a").put(
        f"{URL}/{world.entry.pk}",
        entry(date=str(world.entry.date), note="too late"),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "24 hours" in response.json()["errors"][0]["message"]
    world.entry.refresh_from_db()
    assert world.entry.note != "too late"


def test_someone_elses_entry_is_404_for_read_and_edit(world: World, as_token) -> None:
    url = f"{URL}/{world.entry.pk}"
    assert as_token("runner_b").get(url).status_code == 404
    put = as_token("runner_b").put(url, entry(), content_type="application/json")
    assert put.status_code == 404
    assert as_token("runner_a").get(f"{URL}/999999").status_code == 404
    assert as_token("runner_a").get(f"{URL}/abc").status_code == 422


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"painful_exercises": ["nonsense"]}, "painful_exercises", "unknown exercise id"),
        ({"date": "2099-05-01"}, "date", "in the future"),
    ],
)
def test_an_unknown_exercise_or_a_future_date_is_a_422_naming_the_field(
    world: World, as_token, change: dict[str, object], field: str, words: str
) -> None:
    before = JournalEntry.objects.count()
    response = as_token("runner_b").post(URL, entry(**change), content_type="application/json")
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == field and words in error["message"]
    assert JournalEntry.objects.count() == before


def test_a_known_exercise_that_hurt_is_stored(world: World, as_token) -> None:
    response = as_token("runner_b").post(
        URL, entry(painful_exercises=["plank", "plank"]), content_type="application/json"
    )
    assert response.status_code == 201
    assert JournalEntry.objects.get(pk=response.json()["id"]).painful_exercises == ["plank"]
