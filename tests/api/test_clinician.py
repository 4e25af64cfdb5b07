"""The clinician's API: patients and flags, prescribe, adjust, clear, handouts, invites."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.accounts.models import CareLink, CareLinkStatus, User
from strideback.training import snapshots
from strideback.training.models import Enrollment, JournalEntry, RedFlagClearance
from tests.api.conftest import World

BASE = "/api/v1/clinician"


def test_the_patient_list_shows_only_active_patients(world: World, as_token) -> None:
    rows = as_token("a_clinician").get(f"{BASE}/patients").json()
    assert [r["runner_id"] for r in rows] == [world.a.pk]
    assert rows[0]["programme_id"] == "anterior-knee-pain"
    assert as_token("other_clinician").get(f"{BASE}/patients").json() == []


def test_a_bad_sort_is_a_422_naming_it(world: World, as_token) -> None:
    response = as_token("a_clinician").get(f"{BASE}/patients", {"sort": "shoe size"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sort"


def test_flags_list_patients_in_trouble_with_the_evidence(world: World, as_token) -> None:
    assert as_token("other_clinician").get(f"{BASE}/flags").json() == []
    JournalEntry.objects.create(
        user=world.a, date=timezone.localdate(), kind="check", red_flags=["knee_locked"]
    )
    [row] = as_token("a_clinician").get(f"{BASE}/flags").json()
    codes = {f["code"] for f in row["flags"]}
    assert "red_flag" in codes
    red = next(f for f in row["flags"] if f["code"] == "red_flag")
    assert red["evidence"][0]["value"] == "knee_locked"


def test_the_patient_page_holds_flags_prescriptions_and_journal(world: World, as_token) -> None:
    data = as_token("a_clinician").get(f"{BASE}/patients/{world.a.pk}").json()
    assert data["patient"]["runner_id"] == world.a.pk
    assert data["prescriptions"][0]["programme_id"] == "anterior-knee-pain"
    assert len(data["journal"]) == 4


def test_prescribe_then_adjust(world: World, as_token) -> None:
    client = as_token("a_clinician")
    start = timezone.localdate().isoformat()
    created = client.post(
        f"{BASE}/patients/{world.a.pk}/prescriptions",
        {"programme_id": "medial-knee-pain", "start": start, "note": "twice daily"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["prescribed_by_id"] == world.clinician.pk
    active = Enrollment.objects.get(user=world.a, active=True)
    assert active.programme_id == "medial-knee-pain"
    adjusted = client.patch(
        f"{BASE}/patients/{world.a.pk}/prescription",
        {"note": "once daily"},
        content_type="application/json",
    )
    assert adjusted.status_code == 200
    active.refresh_from_db()
    assert active.note_to_runner == "once daily"


def test_a_bad_prescription_names_the_field_and_changes_nothing(world: World, as_token) -> None:
    client = as_token("a_clinician")
    url = f"{BASE}/patients/{world.a.pk}/prescriptions"
    unknown = client.post(
        url, {"programme_id": "knitting", "start": "2026-01-05"}, content_type="application/json"
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "programme"
    missing = client.post(url, {"programme_id": "leg-axis"}, content_type="application/json")
    assert missing.json()["errors"] == [{"field": "start", "message": "is required"}]
    assert Enrollment.objects.filter(user=world.a).count() == 1


def test_a_clearance_without_a_finding_is_a_422_naming_the_note(world: World, as_token) -> None:
    response = as_token("a_clinician").post(
        f"{BASE}/patients/{world.a.pk}/clearances", {}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "note"
    assert not RedFlagClearance.objects.filter(user=world.a).exists()


def test_clearing_a_red_flag_is_recorded(world: World, as_token) -> None:
    response = as_token("a_clinician").post(
        f"{BASE}/patients/{world.a.pk}/clearances",
        {"note": "seen in clinic"},
        content_type="application/json",
    )
    assert response.status_code == 201
    clearance = RedFlagClearance.objects.get(user=world.a)
    assert clearance.cleared_by == world.clinician
    assert clearance.cleared_on == timezone.localdate()


def test_the_handouts_are_pdfs(world: World, as_token) -> None:
    client = as_token("a_clinician")
    mine = client.get(f"{BASE}/patients/{world.a.pk}/handout.pdf")
    assert mine.status_code == 200 and mine["Content-Type"] == "application/pdf"
    assert mine.content.startswith(b"%PDF")
    library = client.get(f"{BASE}/programmes/leg-axis/handout.pdf", {"lang": "fr"})
    assert library.status_code == 422
    assert library.json()["errors"][0]["field"] == "lang"


def test_an_invite_returns_the_link_to_accept(world: World, as_token) -> None:
    response = as_token("a_clinician").post(
        f"{BASE}/invites", {"email": "new@example.org"}, content_type="application/json"
    )
    assert response.status_code == 201
    link = CareLink.objects.get(invited_email="new@example.org")
    assert response.json()["url"].endswith(f"/invite/{link.token}")
    assert link.clinician == world.clinician


def test_a_stopped_or_invited_link_gives_no_access(world: World, as_token) -> None:
    CareLink.objects.filter(runner=world.a).update(status=CareLinkStatus.STOPPED)
    b_invited = CareLink.objects.create(
        clinician=world.clinician, runner=world.b, status=CareLinkStatus.INVITED
    )
    client = as_token("a_clinician")
    assert client.get(f"{BASE}/patients").json() == []
    assert client.get(f"{BASE}/patients/{world.a.pk}").status_code == 404
    assert client.get(f"{BASE}/patients/{b_invited.runner_id}").status_code == 404


def test_the_patient_list_reads_the_same_queries_for_2_or_40_patients(
    world: World, as_token
) -> None:
    """Both when every row is kept (nothing changed) and when rows must be computed afresh;
    keeping the fresh rows is one filtered UPDATE per row, in one transaction."""

    def count() -> tuple[int, int]:
        client = as_token("a_clinician")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{BASE}/patients").status_code == 200
        sql = [q["sql"].lstrip().upper() for q in queries.captured_queries]
        keeps = sum(s.startswith('UPDATE "TRAINING_SNAPSHOT"') and "ROW_KEY" in s for s in sql)
        return len(sql) - keeps, keeps

    def patients() -> list[int]:
        links = CareLink.objects.filter(clinician=world.clinician)
        return list(links.values_list("runner_id", flat=True))

    count()  # the token's first use notes its use and makes the clinician's snapshot row
    count()  # from then on this process keeps its copy of the clinician
    kept_few = count()
    snapshots.bump(patients())
    fresh_few = count()
    today = timezone.localdate()
    for i in range(40):
        runner = User.objects.create_user(f"r{i}@example.org", "x")
        CareLink.objects.create(clinician=world.clinician, runner=runner, status="active")
        Enrollment.objects.create(user=runner, programme_id="leg-axis", start=today)
        JournalEntry.objects.create(
            user=runner, date=today - dt.timedelta(days=1), kind="strength", pain_during=3
        )
    snapshots.bump(patients())
    fresh_many = count()
    kept_many = count()
    few = len(patients()) - 40
    assert kept_many == kept_few and kept_few[1] == 0
    assert fresh_many[0] == fresh_few[0] and fresh_few[0] > kept_few[0]
    assert (fresh_few[1], fresh_many[1]) == (few, few + 40)


def test_the_fast_patient_list_still_matches_its_declared_schema(world: World, as_token) -> None:
    from strideback.api.schemas import PatientOut

    JournalEntry.objects.create(
        user=world.a, date=timezone.localdate(), kind="check", red_flags=["knee_locked"]
    )
    for row in as_token("a_clinician").get(f"{BASE}/patients").json():
        assert PatientOut.model_validate(row).runner_id == world.a.pk


def test_notes_are_private_to_their_author(world: World, as_token) -> None:
    url = f"{BASE}/patients/{world.a.pk}/notes"
    client = as_token("a_clinician")
    created = client.post(url, {"text": "  knee better  "}, content_type="application/json")
    assert created.status_code == 201 and created.json()["text"] == "knee better"
    assert [n["text"] for n in client.get(url).json()] == ["knee better"]
    empty = client.post(url, {"text": " "}, content_type="application/json")
    assert empty.json() == {"errors": [{"field": "text", "message": "must not be empty"}]}
    assert b"knee better" not in as_token("runner_a").get("/api/v1/me/export").content


def test_the_patient_page_costs_the_same_queries_for_4_or_40_entries(
    world: World, as_token
) -> None:
    client = as_token("a_clinician")
    url = f"{BASE}/patients/{world.a.pk}"
    client.get(url)  # the token's first use notes its use and makes the clinician's snapshot row
    client.get(url)  # from then on this process keeps its copy of the clinician

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    today = timezone.localdate()
    for days in range(1, 37):
        JournalEntry.objects.create(
            user=world.a,
            enrollment=world.enrollment,
            date=today - dt.timedelta(days=days % 27),
            kind="strength",
        )
    assert count() == few
