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
    assert set(reason) == {"code", "facts", "text", "source"} and reason["text"]
    assert reason["source"]["rule_set"] == decision["rule_set"]
    assert reason["source"]["kind"] in {"seed", "study", "strideback", "clinician"}


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


def test_the_morning_pain_lands_on_yesterdays_session(world: World, as_token) -> None:
    import datetime as dt

    from django.utils import timezone

    from strideback.training.models import JournalEntry

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    JournalEntry.objects.create(user=world.a, date=yesterday, kind="strength", pain_during=1)
    client = as_token("runner_a")
    [row] = client.post("/api/v1/me/morning", {"pain": 2}, content_type="application/json").json()
    assert row["date"] == yesterday.isoformat() and row["pain"]["next_morning"] == 2
    bad = client.post("/api/v1/me/morning", {"pain": 12}, content_type="application/json")
    assert bad.json() == {"errors": [{"field": "pain", "message": "must be at most 10"}]}


def test_enrol_and_stop_a_programme(world: World, as_token) -> None:
    from django.utils import timezone

    client = as_token("runner_b")
    body = {"programme_ids": ["plantar-heel-pain"], "start": timezone.localdate().isoformat()}
    [created] = client.post("/api/v1/me/programmes", body, content_type="application/json").json()
    assert created["programme_id"] == "plantar-heel-pain"
    unknown = client.post(
        "/api/v1/me/programmes",
        {**body, "programme_ids": ["knitting"]},
        content_type="application/json",
    )
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "programmes"
    stopped = client.delete(f"/api/v1/me/programmes/{created['id']}")
    assert stopped.json()["active"] is False
    assert client.delete(f"/api/v1/me/programmes/{created['id']}").status_code == 404


def test_a_red_flag_answer_stops_self_training(world: World, as_token) -> None:
    client = as_token("runner_b")
    answer = client.post(
        "/api/v1/me/red-flag-check", {"red_flags": ["knee_locked"]}, content_type="application/json"
    )
    assert answer.json() == ["knee_locked"]
    assert client.get("/api/v1/me/today").json()["stop"]
    bad = client.post(
        "/api/v1/me/red-flag-check", {"red_flags": ["dragon"]}, content_type="application/json"
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "red_flags"


def test_a_runner_stops_sharing_with_their_clinician(world: World, as_token) -> None:
    client = as_token("runner_a")
    assert client.delete(f"/api/v1/me/clinicians/{world.clinician.pk}").status_code == 204
    assert (
        as_token("a_clinician").get(f"/api/v1/clinician/patients/{world.a.pk}").status_code == 404
    )
