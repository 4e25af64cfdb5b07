"""Session and token authentication, CSRF, and the clinician's second factor."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.api.models import ApiToken, hash_secret
from strideback.api.tokens import revoke_token
from tests.api.conftest import World, session_client


def test_anonymous_gets_a_json_401(db: None) -> None:
    response = Client().get("/api/v1/me")
    assert response.status_code == 401
    assert response.json() == {"errors": [{"field": None, "message": "Unauthorized"}]}


def test_a_token_authenticates_and_only_its_hash_is_stored(world: World, as_token) -> None:
    response = as_token("runner_a").get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["email"] == "a@example.org"
    secret = world.tokens["runner_a"]
    stored = ApiToken.objects.get(user=world.a)
    assert stored.key_hash == hash_secret(secret) != secret
    assert not ApiToken.objects.filter(key_hash=secret).exists()
    assert stored.last_used_at is not None


def test_a_revoked_token_is_401(world: World, as_token) -> None:
    revoke_token(world.a, ApiToken.objects.get(user=world.a).pk)
    assert as_token("runner_a").get("/api/v1/me").status_code == 401


@pytest.mark.parametrize("header", ["Bearer nonsense", "Bearer sb_wrong", "Basic abc", "Bearer"])
def test_a_bad_authorization_header_is_401_even_with_a_session(world: World, header: str) -> None:
    client = session_client(world.a)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith("Authorization:")


def test_a_deactivated_users_token_is_401(world: World, as_token) -> None:
    world.a.is_active = False
    world.a.save()
    assert as_token("runner_a").get("/api/v1/me").status_code == 401


def test_a_session_post_needs_the_csrf_token(world: World) -> None:
    client = session_client(world.b, csrf=True)
    body = {"date": "2026-03-02", "kind": "check"}
    refused = client.post("/api/v1/journal", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["errors"][0]["message"]
    client.get("/settings/tokens")  # any page with a form sets the csrftoken cookie
    csrf = client.cookies["csrftoken"].value
    ok = client.post(
        "/api/v1/journal", body, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert ok.status_code == 201


def test_a_token_needs_no_csrf_token(world: World) -> None:
    client = Client(
        enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {world.tokens['runner_b']}"
    )
    body = {"date": "2026-03-02", "kind": "check"}
    assert client.post("/api/v1/journal", body, content_type="application/json").status_code == 201


def test_a_clinician_session_without_the_otp_step_is_403(world: World) -> None:
    client = Client()
    client.force_login(world.clinician)
    response = client.get("/api/v1/clinician/patients")
    assert response.status_code == 403
    assert "authenticator" in response.json()["errors"][0]["message"]


def test_a_clinician_token_works_only_with_a_confirmed_totp_device(world: World, as_token) -> None:
    assert as_token("a_clinician").get("/api/v1/clinician/patients").status_code == 200
    TOTPDevice.objects.filter(user=world.clinician).update(confirmed=False)
    assert as_token("a_clinician").get("/api/v1/clinician/patients").status_code == 403


def test_runners_may_not_use_clinician_endpoints(world: World, as_token) -> None:
    response = as_token("runner_a").get("/api/v1/clinician/patients")
    assert response.status_code == 403
    assert response.json()["errors"][0]["message"] == "only clinicians may use this endpoint"


def test_a_tokens_use_is_noted_at_most_once_an_hour(world: World, as_token) -> None:
    """Each request would otherwise be a write: the tokens page shows the day of last use."""
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    client = as_token("runner_a")
    earlier = timezone.now() - dt.timedelta(minutes=59)
    ApiToken.objects.filter(user=world.a).update(last_used_at=earlier)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/me").status_code == 200
    assert ApiToken.objects.get(user=world.a).last_used_at == earlier
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    ApiToken.objects.filter(user=world.a).update(last_used_at=earlier - dt.timedelta(minutes=2))
    assert client.get("/api/v1/me").status_code == 200
    assert ApiToken.objects.get(user=world.a).last_used_at > earlier
