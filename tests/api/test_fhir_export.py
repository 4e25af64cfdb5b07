"""FHIR R4 export: every Bundle validated with fhir.resources (R4B models, the nearest to R4),
and the status codes checked here (the models accept any code)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from strideback.core.content.library import default_library
from strideback.core.languages import Lang
from tests.api.conftest import World, session_client, token_client
from tests.training.watchfiles import gpx, track

pytestmark = pytest.mark.django_db

STATUS = {
    "CarePlan": {
        "draft",
        "active",
        "on-hold",
        "revoked",
        "completed",
        "entered-in-error",
        "unknown",
    },
    "Observation": {"registered", "preliminary", "final", "amended"},
    "QuestionnaireResponse": {"in-progress", "completed", "amended", "entered-in-error", "stopped"},
    "Questionnaire": {"draft", "active", "retired", "unknown"},
}
ACTIVITY_STATUS = {
    "not-started",
    "scheduled",
    "in-progress",
    "on-hold",
    "completed",
    "cancelled",
    "stopped",
    "unknown",
    "entered-in-error",
}


def title(lang: Lang) -> str:
    return default_library().programme("anterior-knee-pain").text.get(lang).title


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def valid(bundle: dict[str, Any]) -> dict[str, Any]:
    """Validate with the R4B models, check the status codes and that every reference resolves."""
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection"
    urls = {e["fullUrl"] for e in bundle["entry"]}
    assert len(urls) == len(bundle["entry"])
    for entry in bundle["entry"]:
        resource = entry["resource"]
        kind = resource["resourceType"]
        if kind in STATUS:
            assert resource["status"] in STATUS[kind], (kind, resource["status"])
        for activity in resource.get("activity", []):
            assert activity["detail"]["status"] in ACTIVITY_STATUS
        for ref in [resource.get("subject", {}).get("reference")] + [
            d["reference"] for d in resource.get("derivedFrom", [])
        ]:
            assert ref is None or ref in urls
    return bundle


def fill_record(world: World) -> None:
    """A's record gets a run from the watch and two questionnaires."""
    client = session_client(world.a)
    day = timezone.localdate() - dt.timedelta(days=1)
    start = dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC)
    run_file = SimpleUploadedFile("r.gpx", gpx(track(start, 20, 2.8)))
    assert client.post("/api/v1/journal/import", {"file": run_file}).status_code == 201
    response = client.get("/api/v1/questionnaires/ffi").json()
    ffi = {item["id"]: 3 for item in response["items"]}
    ffi["walking-insoles"] = "na"
    for qid, answers in (
        ("ffi", ffi),
        ("psfs", {"activity-1": 4, "activity-2": 6, "activity-3": 5}),
    ):
        body: dict[str, Any] = {"answers": answers}
        if qid == "psfs":
            body["activities"] = ["running 5 km", "stairs", "squatting"]
        r = client.post(
            f"/api/v1/me/questionnaires/{qid}/responses", body, content_type="application/json"
        )
        assert r.status_code == 201, r.content


def test_my_export_is_a_valid_bundle_with_everything(world: World) -> None:
    fill_record(world)
    response = session_client(world.a).get("/api/v1/me/export/fhir")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = valid(response.json())
    [patient] = resources(bundle, "Patient")
    assert patient["telecom"][0]["value"] == "a@example.org"
    [plan] = resources(bundle, "CarePlan")
    assert plan["status"] == "active" and plan["title"] == title("en")
    assert [a["detail"]["status"] for a in plan["activity"]][0] == "in-progress"  # day 20: phase 1
    pain = [o for o in resources(bundle, "Observation") if o["code"].get("coding")]
    assert {o["code"]["coding"][0]["code"] for o in pain} == {"72514-3"}
    # make_world logs four strength sessions: during+after pain three times, during once.
    assert sorted(o["valueInteger"] for o in pain) == [1, 1, 1, 2, 2, 2, 3]
    [run] = [o for o in resources(bundle, "Observation") if o["code"]["text"] == "Run"]
    values = {c["code"]["text"]: c["valueQuantity"] for c in run["component"]}
    assert values["Run duration (moving)"] == {
        "value": 20.0,
        "unit": "min",
        "system": "http://unitsofmeasure.org",
        "code": "min",
    }
    assert values["Run distance"]["value"] == 3360 and values["Run distance"]["code"] == "m"
    assert {q["url"] for q in resources(bundle, "Questionnaire")} == {
        "urn:strideback:questionnaire:ffi",
        "urn:strideback:questionnaire:psfs",
    }
    responses = resources(bundle, "QuestionnaireResponse")
    assert [r["questionnaire"] for r in responses] == [
        "urn:strideback:questionnaire:ffi",
        "urn:strideback:questionnaire:psfs",
    ]
    scores = [o for o in resources(bundle, "Observation") if o.get("derivedFrom")]
    assert [s["valueQuantity"]["value"] for s in scores] == [30.0, 5.0]
    assert responses[1]["item"][0]["text"].endswith("(running 5 km)")


def test_the_clinician_exports_a_patient_and_nobody_else(world: World) -> None:
    url = f"/api/v1/clinician/patients/{world.a.pk}/export/fhir?lang=da"
    response = token_client(world.tokens["a_clinician"]).get(url)
    assert response.status_code == 200
    bundle = valid(response.json())
    assert resources(bundle, "CarePlan")[0]["title"] == title("da")
    assert token_client(world.tokens["other_clinician"]).get(url).status_code == 404
    assert token_client(world.tokens["runner_b"]).get(url).status_code == 403
    bad = token_client(world.tokens["a_clinician"]).get(url.replace("da", "fr"))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "lang"


def test_an_empty_record_is_still_a_valid_bundle(world: World) -> None:
    response = session_client(world.b).get("/api/v1/me/export/fhir")
    bundle = valid(response.json())
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Patient"]
