"""Me: today, the decision with reasons, plan, calendar, progress and export — my own only."""

from __future__ import annotations

from tests.api.conftest import SECRET, World


def test_today_has_the_programme_and_its_headline(world: World, as_token) -> None:
    data = as_token("runner_a").get("/api/v1/me/today").json()
    [track] = data["tracks"]
    assert track["programme_id"] == "anterior-knee-pain"
    assert track["headline"]


def test_the_decision_carries_codes_facts_and_a_sentence(world: World, as_token) -> None:
    [decision] = as_token("runner_a").get("/api/v1/me/decision", {"lang": "da"}).json()
    assert decision["action"] in {"continue", "advance", "hold", "step_back", "stop"}
    reason = decision["reasons"][0]
    assert set(reason) == {"code", "facts", "text"} and reason["text"]


def test_the_plan_lists_planned_sessions_ahead(world: World, as_token) -> None:
    data = as_token("runner_a").get("/api/v1/me/plan", {"days": 7}).json()
    assert data["programmes"][0]["programme_id"] == "anterior-knee-pain"
    assert data["sessions"] and all(s["status"] == "planned" for s in data["sessions"])
    assert as_token("runner_a").get("/api/v1/me/plan", {"days": 0}).status_code == 422


def test_the_calendar_refuses_a_long_range_naming_the_field(world: World, as_token) -> None:
    client = as_token("runner_a")
    assert "weeks" in client.get("/api/v1/me/calendar").json()
    bad = client.get("/api/v1/me/calendar", {"start": "2026-01-01", "end": "2026-12-31"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "end"
    assert "token" not in client.get("/api/v1/me/calendar").json()


def test_progress_and_export_are_mine(world: World, as_token) -> None:
    assert as_token("runner_a").get("/api/v1/me/progress").json()["pain"]
    assert SECRET in as_token("runner_a").get("/api/v1/me/export").content.decode()
    other = as_token("runner_b").get("/api/v1/me/export")
    assert other.json()["journal"] == [] and SECRET not in other.content.decode()


def test_a_runner_without_a_programme_gets_empty_answers(world: World, as_token) -> None:
    client = as_token("runner_b")
    assert client.get("/api/v1/me/today").json()["tracks"] == []
    assert client.get("/api/v1/me/decision").json() == []
    assert client.get("/api/v1/me/plan").json()["sessions"] == []
