"""A clinician chooses the runner's rule set, start phase and companion run plan, recorded
with who and when; the runner's decision follows (issue #12 item 1, issue #16 items 6-7)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from strideback.training.models import Enrollment
from tests.api.conftest import World

BASE = "/api/v1/clinician"


def _decision(as_token) -> dict:  # type: ignore[no-untyped-def,type-arg]
    [decision] = as_token("runner_a").get("/api/v1/me/decision", {"lang": "en"}).json()
    return decision  # type: ignore[no-any-return]


def test_a_clinician_switches_one_runner_to_trek_and_the_decision_changes(
    world: World, as_token
) -> None:
    # the week with the sessions 6 and 4 days ago (2/10 during) has just closed
    world.enrollment.start = timezone.localdate() - dt.timedelta(days=24)
    world.enrollment.save()
    before = _decision(as_token)
    assert before["rule_set"] == "seed-000"
    assert "pain_noted" in [r["code"] for r in before["reasons"]]  # 2/10: over the seed's 0
    response = as_token("a_clinician").patch(
        f"{BASE}/patients/{world.a.pk}/prescription",
        {"rule_set": "trek"},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["rule_set"] == "trek" and body["rule_set_by_id"] == world.clinician.pk
    assert body["rule_set_at"] is not None
    after = _decision(as_token)
    assert after["rule_set"] == "trek"
    assert "pain_noted" not in [r["code"] for r in after["reasons"]]  # 2/10 is within TREK
    assert {r["source"]["rule_set"] for r in after["reasons"]} == {"trek"}


def test_a_rule_set_the_programme_does_not_offer_is_a_422_and_nothing_is_saved(
    world: World, as_token
) -> None:
    response = as_token("a_clinician").patch(
        f"{BASE}/patients/{world.a.pk}/prescription",
        {"rule_set": "silbernagel", "note": "changed"},
        content_type="application/json",
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "rule_set" and "seed-000, trek" in error["message"]
    world.enrollment.refresh_from_db()
    assert world.enrollment.rule_set == "" and world.enrollment.note_to_runner == ""


def test_prescribing_phase_four_with_the_run_plan_and_the_physios_word(
    world: World, as_token
) -> None:
    response = as_token("a_clinician").post(
        f"{BASE}/patients/{world.a.pk}/prescriptions",
        {
            "programme_id": "anterior-knee-pain",
            "start": timezone.localdate().isoformat(),
            "start_phase": 4,
            "earlier_phases_pain_free": True,
            "with_run_plan": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["start_phase"] == 4 and body["earlier_phases_pain_free"] is True
    assert body["earlier_stated_by_id"] == world.clinician.pk
    active = set(
        Enrollment.objects.filter(user=world.a, active=True).values_list("programme_id", flat=True)
    )
    assert active == {"anterior-knee-pain", "return-to-run-5k"}
    decision = _decision(as_token)
    assert (decision["phase"], decision["week"]) == (4, 13)
    assert decision["running"]["allowed"]
    detail = as_token("a_clinician").get(f"{BASE}/patients/{world.a.pk}").json()
    shown = {p["programme_id"] for p in detail["prescriptions"] if p["active"]}
    assert shown == {"anterior-knee-pain", "return-to-run-5k"}


def test_phase_four_without_a_word_on_the_earlier_phases_keeps_running_closed(
    world: World, as_token
) -> None:
    as_token("a_clinician").post(
        f"{BASE}/patients/{world.a.pk}/prescriptions",
        {
            "programme_id": "anterior-knee-pain",
            "start": timezone.localdate().isoformat(),
            "start_phase": 4,
            "with_run_plan": True,
        },
        content_type="application/json",
    )
    running = _decision(as_token)["running"]
    assert not running["allowed"]
    assert running["reasons"][0]["code"] == "running_gate_no_log"
    assert running["reasons"][0]["source"]["ref"].startswith("000")


def test_a_bad_start_phase_or_a_missing_run_plan_is_a_422_and_nothing_changes(
    world: World, as_token
) -> None:
    client = as_token("a_clinician")
    url = f"{BASE}/patients/{world.a.pk}/prescriptions"
    start = timezone.localdate().isoformat()
    for payload, field in (
        ({"programme_id": "anterior-knee-pain", "start": start, "start_phase": 9}, "start_phase"),
        ({"programme_id": "leg-axis", "start": start, "with_run_plan": True}, "with_run_plan"),
    ):
        response = client.post(url, payload, content_type="application/json")
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == field
    assert list(Enrollment.objects.filter(user=world.a, active=True)) == [world.enrollment]


def test_a_runner_starts_in_phase_four_and_says_the_earlier_phases_were_pain_free(
    world: World, as_token
) -> None:
    client = as_token("runner_b")
    body = {
        "programme_ids": ["anterior-knee-pain", "return-to-run-5k"],
        "start": timezone.localdate().isoformat(),
        "start_phase": 4,
        "earlier_phases_pain_free": True,
    }
    created = client.post("/api/v1/me/programmes", body, content_type="application/json")
    assert created.status_code == 201
    knee = next(e for e in created.json() if e["programme_id"] == "anterior-knee-pain")
    assert knee["start_phase"] == 4 and knee["earlier_phases_pain_free"] is True
    stored = Enrollment.objects.get(pk=knee["id"])
    assert stored.earlier_stated_by_id == world.b.pk and stored.earlier_stated_at is not None
    [decision] = client.get("/api/v1/me/decision").json()
    assert (decision["phase"], decision["week"]) == (4, 13) and decision["running"]["allowed"]


def test_a_runner_without_an_answer_waits_and_a_phase_the_programme_lacks_is_a_422(
    world: World, as_token
) -> None:
    client = as_token("runner_b")
    body = {
        "programme_ids": ["anterior-knee-pain", "return-to-run-5k"],
        "start": timezone.localdate().isoformat(),
        "start_phase": 6,
    }
    bad = client.post("/api/v1/me/programmes", body, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "start_phase"
    assert not Enrollment.objects.filter(user=world.b).exists()
    body["start_phase"] = 4
    ok = client.post("/api/v1/me/programmes", body, content_type="application/json")
    assert ok.status_code == 201
    [decision] = client.get("/api/v1/me/decision").json()
    assert not decision["running"]["allowed"]
    assert decision["running"]["reasons"][0]["code"] == "running_gate_no_log"
