"""Personal API tokens: created from a session (secret shown once), listed, revoked; the page."""

from __future__ import annotations

import pytest

from strideback.api.models import ApiToken
from tests.api.conftest import World, session_client


def test_a_session_creates_a_token_and_sees_the_secret_once(world: World) -> None:
    client = session_client(world.b)
    created = client.post(
        "/api/v1/tokens", {"name": " My  watch "}, content_type="application/json"
    )
    assert created.status_code == 201
    data = created.json()
    assert data["name"] == "My watch"
    assert data["token"].startswith("sb_") and data["hint"] == data["token"][:8]
    listed = client.get("/api/v1/tokens").json()
    assert "token" not in listed[0]
    assert {t["name"] for t in listed} == {"My watch", "runner_b laptop"}


def test_a_token_cannot_create_another_token(world: World, as_token) -> None:
    response = as_token("runner_b").post(
        "/api/v1/tokens", {"name": "x"}, content_type="application/json"
    )
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "message"), [("", "at least 1"), ("x" * 101, "at most 100")])
def test_a_token_name_must_be_given_and_short(world: World, name: str, message: str) -> None:
    response = session_client(world.b).post(
        "/api/v1/tokens", {"name": name}, content_type="application/json"
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "name" and message in error["message"]


def test_revoking_through_the_api_ends_the_token(world: World, as_token) -> None:
    token = ApiToken.objects.get(user=world.a)
    assert as_token("runner_a").delete(f"/api/v1/tokens/{token.pk}").status_code == 204
    assert as_token("runner_a").get("/api/v1/me").status_code == 401
    listed = session_client(world.a).get("/api/v1/tokens").json()
    assert listed[0]["revoked_at"] is not None


def test_nobody_revokes_someone_elses_token(world: World, as_token) -> None:
    token = ApiToken.objects.get(user=world.a)
    assert as_token("runner_b").delete(f"/api/v1/tokens/{token.pk}").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize(
    ("lang", "title"),
    [("da", "API-nøgler"), ("en", "API tokens"), ("de", "API-Schlüssel"), ("nb", "API-nøkler")],
)
def test_the_tokens_page_speaks_four_languages(world: World, lang: str, title: str) -> None:
    client = session_client(world.b)
    client.cookies["strideback_lang"] = lang
    html = client.get("/settings/tokens").content.decode()
    assert f"<h1>{title}</h1>" in html


def test_the_page_creates_a_token_shows_it_once_and_revokes_it(world: World) -> None:
    client = session_client(world.b)
    html = client.post("/settings/tokens", {"name": "Garmin sync"}).content.decode()
    token = ApiToken.objects.get(user=world.b, name="Garmin sync")
    assert 'id="new-token">sb_' in html
    assert "sb_" not in client.get("/settings/tokens").content.decode().split("<ul")[0]
    response = client.post(f"/settings/tokens/{token.pk}/revoke")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_page_refuses_an_empty_name_with_a_message(world: World) -> None:
    response = session_client(world.b).post("/settings/tokens", {"name": "  "})
    assert response.status_code == 400
    assert "Name:" in response.content.decode()


def test_the_page_needs_a_login(db: None) -> None:
    from django.test import Client

    response = Client().get("/settings/tokens")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
