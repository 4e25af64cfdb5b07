"""Input no row can hold is a 4xx naming what is wrong, never a server error, and nothing is
stored: ids and offsets past 2**63, a NUL character in text, a body over the upload limit,
a string or a boolean where a number belongs."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from strideback.accounts.models import CareLink
from strideback.api.models import ApiToken
from strideback.clinic.models import ClinicalNote
from strideback.training.models import JournalEntry
from tests.api.conftest import World, session_client

HUGE = "99999999999999999999"  # above 2**63: no database integer holds it


def _fields(response) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("actor", "method", "url", "field"),
    [
        ("runner_a", "get", f"/api/v1/journal?offset={HUGE}", "offset"),
        ("runner_a", "get", f"/api/v1/journal/{HUGE}", "entry_id"),
        ("runner_a", "put", f"/api/v1/journal/{HUGE}", "entry_id"),
        ("runner_a", "delete", f"/api/v1/me/clinicians/{HUGE}", "clinician_id"),
        ("runner_a", "delete", f"/api/v1/me/programmes/{HUGE}", "enrollment_id"),
        ("runner_a", "delete", f"/api/v1/tokens/{HUGE}", "token_id"),
        ("a_clinician", "get", f"/api/v1/clinician/patients/{HUGE}", "runner_id"),
        ("a_clinician", "get", f"/api/v1/clinician/patients/{HUGE}/notes", "runner_id"),
        ("a_clinician", "post", f"/api/v1/clinician/patients/{HUGE}/notes", "runner_id"),
        ("a_clinician", "patch", f"/api/v1/clinician/patients/{HUGE}/prescription", "runner_id"),
        ("a_clinician", "delete", f"/api/v1/clinician/patients/{HUGE}", "runner_id"),
        ("a_clinician", "get", f"/api/v1/clinician/patients/{HUGE}/handout.pdf", "runner_id"),
    ],
)
def test_an_id_past_any_row_is_a_422_naming_it(
    world: World, as_token, actor: str, method: str, url: str, field: str
) -> None:
    client = as_token(actor)
    if method in ("get", "delete"):
        response = getattr(client, method)(url)
    else:
        response = getattr(client, method)(url, "{}", content_type="application/json")
    assert response.status_code == 422, response.content
    assert field in _fields(response)


@pytest.mark.parametrize(
    "url",
    [
        f"/clinic/patients/{HUGE}/",
        f"/clinic/patients/{HUGE}/notes",
        f"/clinic/patients/{HUGE}/handout.pdf",
        f"/clinic/patients/{HUGE}/stop",
    ],
)
def test_a_patient_page_past_any_row_is_not_found(world: World, url: str) -> None:
    client = session_client(world.clinician)
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "x"}).status_code == 404


def test_a_runner_page_past_any_row_is_not_found(world: World) -> None:
    client = session_client(world.a)
    assert client.post(f"/settings/clinicians/{HUGE}/stop/").status_code == 404
    assert client.post(f"/settings/programmes/{HUGE}/stop/").status_code == 404
    assert client.post(f"/settings/tokens/{HUGE}/revoke").status_code == 404
    assert CareLink.objects.filter(runner=world.a, status="active").exists()


def test_a_nul_in_a_journal_note_is_refused_and_nothing_stored(world: World, as_token) -> None:
    before = JournalEntry.objects.count()
    entry = {"date": str(world.entry.date), "kind": "strength", "note": "left knee\x00"}
    response = as_token("runner_a").post(
        "/api/v1/journal", json.dumps(entry), content_type="application/json"
    )
    assert response.status_code == 422
    assert _fields(response) == ["note"]
    assert "NUL" in response.json()["errors"][0]["message"]
    edit = as_token("runner_a").put(
        f"/api/v1/journal/{world.entry.pk}", json.dumps(entry), content_type="application/json"
    )
    assert edit.status_code == 422
    # the player's offline queue posts the same body
    played = session_client(world.a).post(
        "/play/log", json.dumps(entry), content_type="application/json"
    )
    assert played.status_code == 422
    assert JournalEntry.objects.count() == before
    world.entry.refresh_from_db()
    assert "\x00" not in world.entry.note


def test_a_nul_in_a_token_name_is_refused(world: World) -> None:
    client = session_client(world.a)
    before = ApiToken.objects.count()
    response = client.post(
        "/api/v1/tokens", json.dumps({"name": "watch\x00"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert _fields(response) == ["name"]
    page = client.post("/settings/tokens", {"name": "watch\x00"})
    assert page.status_code == 422
    assert "name: " in page.content.decode()
    assert ApiToken.objects.count() == before


def test_a_nul_in_a_form_field_or_a_query_names_the_field(world: World) -> None:
    client = session_client(world.clinician)
    response = client.post(f"/clinic/patients/{world.a.pk}/notes", {"text": "ok\x00"})
    assert response.status_code == 422
    assert "text: " in response.content.decode()
    assert not ClinicalNote.objects.filter(runner=world.a).exists()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens['runner_a']}")
    query = api.get("/api/v1/me/plan", {"lang": "da\x00"})
    assert query.status_code == 422
    assert _fields(query) == ["lang"]


def test_a_body_over_the_limit_is_a_413_naming_it(world: World, as_token) -> None:
    big = json.dumps({"note": "x" * 3_000_000})
    response = as_token("runner_a").post("/api/v1/journal", big, content_type="application/json")
    assert response.status_code == 413
    assert "2.5 MB" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "larger than the limit of 2.5 MB"),
        ("da", "større end grænsen på 2.5 MB"),
        ("de", "größer als die Grenze von 2.5 MB"),
        ("nb", "større enn grensen på 2.5 MB"),
    ],
)
def test_a_form_over_the_limit_is_a_413_page_in_the_readers_language(
    world: World, lang: str, words: str
) -> None:
    client = session_client(world.clinician)
    client.cookies["strideback_lang"] = lang
    response = client.post(f"/clinic/patients/{world.a.pk}/notes", {"text": "x" * 3_000_000})
    assert response.status_code == 413
    assert words in response.content.decode()
    assert not ClinicalNote.objects.filter(runner=world.a).exists()


@pytest.mark.parametrize("given", ["5", True, 5.0, "five"])
def test_a_pain_score_must_be_a_json_number(world: World, as_token, given: object) -> None:
    before = JournalEntry.objects.count()
    entry = {"date": str(world.entry.date), "kind": "strength", "pain": {"during": given}}
    response = as_token("runner_a").post(
        "/api/v1/journal", json.dumps(entry), content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert _fields(response) == ["pain.during"]
    assert JournalEntry.objects.count() == before


@pytest.mark.parametrize(
    ("field", "given"), [("completed", "yes"), ("swelling", 1), ("sets_done", "3")]
)
def test_yes_no_and_counts_are_not_coerced(
    world: World, as_token, field: str, given: object
) -> None:
    entry = {"date": str(world.entry.date), "kind": "strength", field: given}
    response = as_token("runner_a").post(
        "/api/v1/journal", json.dumps(entry), content_type="application/json"
    )
    assert response.status_code == 422
    assert _fields(response) == [field]


def test_a_morning_pain_as_text_is_refused(world: World, as_token) -> None:
    response = as_token("runner_a").post(
        "/api/v1/me/morning", json.dumps({"pain": "3"}), content_type="application/json"
    )
    assert response.status_code == 422
    assert _fields(response) == ["pain"]
