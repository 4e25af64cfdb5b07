"""GET/PUT /api/v1/me/reminders and the Web Push subscription: mine only, clear errors."""

from __future__ import annotations

import json
from typing import Any

from tests.api.conftest import World

URL = "/api/v1/me/reminders"


def put(client: Any, body: dict[str, Any]) -> Any:
    return client.put(URL, json.dumps(body), content_type="application/json")


def test_reminders_are_off_until_chosen_then_kept_as_chosen(world: World, as_token) -> None:
    client = as_token("runner_a")
    first = client.get(URL).json()
    assert first["enabled"] is False and first["time"] is None
    assert len(first["push_public_key"]) == 87  # 65 bytes, base64url
    body = {"enabled": True, "time": "07:15", "channels": ["email", "push"]}
    saved = put(client, {**body, "time_zone": "Europe/Oslo"}).json()
    assert saved["time"] == "07:15" and saved["channels"] == ["email", "push"]
    assert client.get(URL).json()["time_zone"] == "Europe/Oslo"
    assert as_token("runner_b").get(URL).json()["enabled"] is False  # A's choice is A's


def test_bad_reminder_choices_name_the_field_and_change_nothing(world: World, as_token) -> None:
    client = as_token("runner_a")
    put(client, {"enabled": True, "time": "07:15", "channels": ["email"]})
    for body, field in [
        ({"enabled": True, "time": "7.15", "channels": ["email"]}, "time"),
        ({"enabled": True, "time": "24:61", "channels": ["email"]}, "time"),
        ({"enabled": True, "time": "08:00", "channels": ["sms"]}, "channels"),
        ({"enabled": True, "time": "08:00", "channels": []}, "channels"),
        ({"enabled": True, "time": "08:00", "channels": ["push"], "time_zone": "X/Y"}, "time_zone"),
        ({"enabled": True, "time": "08:00", "channels": ["push"], "when": 1}, "when"),
    ]:
        response = put(client, body)
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["field"] == field
    assert client.get(URL).json()["time"] == "07:15"


def test_a_browser_subscribes_to_push_with_its_keys(world: World, as_token) -> None:
    from strideback.training.models import PushSubscription

    sub = {
        "endpoint": "https://push.example.org/send/abc",
        "keys": {"p256dh": "B" * 87, "auth": "a" * 22},
        "expirationTime": None,
    }
    client = as_token("runner_a")
    path = URL + "/push-subscriptions"
    response = client.post(path, json.dumps(sub), content_type="application/json")
    assert response.status_code == 201
    again = client.post(path, json.dumps(sub), content_type="application/json")
    assert again.status_code == 201 and PushSubscription.objects.filter(user=world.a).count() == 1
    bad = client.post(path, json.dumps({**sub, "keys": {}}), content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].startswith("keys")
