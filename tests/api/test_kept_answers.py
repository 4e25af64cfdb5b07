"""Kept answers (``training.snapshots``): Today and the patient list are computed once and then
served as kept, until the runner's data, the day, the language or the code changes. Every
write a runner or a clinician can make must show at once; a kept answer must always equal
what a fresh computation gives."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.accounts.models import CareLink, CareLinkStatus
from strideback.api.render import dumps
from strideback.api.routers.me import plain
from strideback.clinic import patient_list
from strideback.clinic.flags import row_data
from strideback.training import snapshots, today
from strideback.training import today as today_module
from strideback.training.models import JournalEntry, Snapshot
from tests.api.conftest import World, session_client, token_client

TODAY = "/api/v1/me/today"
PATIENTS = "/api/v1/clinician/patients"


def api_today(world: World, lang: str = "en") -> dict[str, Any]:
    response = token_client(world.tokens["runner_a"]).get(TODAY, {"lang": lang})
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def fresh_today(world: World, lang: str = "en") -> dict[str, Any]:
    page = today.today(world.a, timezone.localdate(), lang)  # type: ignore[arg-type]
    return json.loads(dumps(plain(page)))  # type: ignore[no-any-return]


def api_patients(world: World, sort: str = "attention") -> list[dict[str, Any]]:
    response = token_client(world.tokens["a_clinician"]).get(PATIENTS, {"sort": sort})
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def fresh_patients(world: World, sort: str = "attention") -> list[dict[str, Any]]:
    rows = patient_list.patient_list(world.clinician, timezone.localdate(), sort=sort)
    return [json.loads(dumps(row_data(r))) for r in rows]


class Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.calls = 0
        original = getattr(module, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


# --- Today ---------------------------------------------------------------------------------


def test_today_is_computed_once_then_served_as_kept(world: World, monkeypatch) -> None:
    computed = Counter(monkeypatch, today_module, "today")
    first = api_today(world)
    second = api_today(world)
    assert computed.calls == 1
    assert first == second == fresh_today(world)


def test_a_kept_today_costs_one_query(world: World) -> None:
    api_today(world)  # computes and keeps (and notes the token's first use)
    with CaptureQueriesContext(connection) as queries:
        api_today(world)
    # The token with its user and TOTP device, then the kept answer.
    assert len(queries) == 2, [q["sql"] for q in queries.captured_queries]


def _log_pain(world: World, api: Callable[[str], Any]) -> None:
    body = {"date": timezone.localdate().isoformat(), "kind": "check", "red_flags": []}
    body["pain"] = {"next_morning": 6}  # type: ignore[assignment]
    api("runner_a").post("/api/v1/journal", body, content_type="application/json")


def _edit_entry(world: World, api: Callable[[str], Any]) -> None:
    body = {"date": world.entry.date.isoformat(), "kind": "strength", "pain": {"during": 7}}
    response = api("runner_a").put(
        f"/api/v1/journal/{world.entry.pk}", body, content_type="application/json"
    )
    assert response.status_code == 200, response.content


def _red_flag(world: World, api: Callable[[str], Any]) -> None:
    body = {"date": timezone.localdate().isoformat(), "kind": "check", "red_flags": ["knee_locked"]}
    response = api("runner_a").post("/api/v1/journal", body, content_type="application/json")
    assert response.status_code in (200, 201), response.content


def _adjust_note(world: World, api: Callable[[str], Any]) -> None:
    response = api("a_clinician").patch(
        f"/api/v1/clinician/patients/{world.a.pk}/prescription",
        {"note": "Keep the knee over the toes, Anna."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content


def _prescribe(world: World, api: Callable[[str], Any]) -> None:
    start = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    response = api("a_clinician").post(
        f"/api/v1/clinician/patients/{world.a.pk}/prescriptions",
        {"programme_id": "medial-knee-pain", "start": start},
        content_type="application/json",
    )
    assert response.status_code in (200, 201), response.content


def _stop_programme(world: World, api: Callable[[str], Any]) -> None:
    response = api("runner_a").delete(f"/api/v1/me/programmes/{world.enrollment.pk}")
    assert response.status_code in (200, 204), response.content


WRITES = {
    "log an entry": _log_pain,
    "edit an entry": _edit_entry,
    "report a red flag": _red_flag,
    "a clinician's note": _adjust_note,
    "a new prescription": _prescribe,
    "stop a programme": _stop_programme,
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_shows_in_today_at_once(
    world: World, write: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    api_today(world)
    computed = Counter(monkeypatch, today_module, "today")

    def api(name: str) -> Any:
        return token_client(world.tokens[name])

    write(world, api)
    after = api_today(world)
    assert computed.calls == 1  # the kept answer was stale: computed again
    assert after == fresh_today(world)


def test_a_clearance_lifts_the_kept_red_flag_stop(world: World) -> None:
    _red_flag(world, lambda name: token_client(world.tokens[name]))
    assert api_today(world)["stop"]
    clinician = token_client(world.tokens["a_clinician"])
    response = clinician.post(
        f"/api/v1/clinician/patients/{world.a.pk}/clearances",
        {"note": "examined: no locking, full range"},
        content_type="application/json",
    )
    assert response.status_code in (200, 201), response.content
    assert api_today(world)["stop"] == []
    assert api_today(world) == fresh_today(world)


def test_a_new_day_a_language_or_new_code_each_compute_afresh(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed = Counter(monkeypatch, today_module, "today")
    api_today(world)
    api_today(world, "da")
    assert computed.calls == 2
    monkeypatch.setattr(snapshots, "version", lambda: "another-version")
    api_today(world)
    assert computed.calls == 3
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr("strideback.api.routers.me.today_date", lambda: tomorrow)
    assert api_today(world)["on"] == tomorrow.isoformat()
    assert computed.calls == 4


def test_an_answer_computed_while_a_write_lands_is_not_kept(world: World) -> None:
    on = timezone.localdate()

    def compute_while_writing() -> str:
        JournalEntry.objects.create(user=world.a, date=on, kind="check", pain_next_morning=3)
        return '{"stale": true}'

    body = snapshots.today(world.a.pk, on, "en", compute_while_writing)
    assert body == '{"stale": true}'  # answered (it was current when asked) ...
    kept = Snapshot.objects.get(user=world.a)
    assert kept.today_body is None  # ... but not kept: the write moved the generation
    assert api_today(world) == fresh_today(world)


def test_the_version_follows_the_package_files() -> None:
    assert len(snapshots.version()) == 16
    assert snapshots.version() == snapshots.version()


# --- the patient list ------------------------------------------------------------------------


@pytest.mark.parametrize("sort", ["attention", "name", "-name", "last_entry", "pain", "week"])
def test_the_kept_patient_list_equals_a_fresh_one(world: World, sort: str) -> None:
    from strideback.accounts.models import User
    from strideback.training.models import Enrollment

    on = timezone.localdate()
    assert len(api_patients(world, sort)) == 1  # kept
    for i, pain in enumerate((0, 5, 2, 8)):
        runner = User.objects.create_user(f"p{i}@example.org", "x", name=f"Patient {3 - i}")
        CareLink.objects.create(clinician=world.clinician, runner=runner, status="active")
        Enrollment.objects.create(user=runner, programme_id="leg-axis", start=on - dt.timedelta(9))
        JournalEntry.objects.create(user=runner, date=on, kind="strength", pain_during=pain)
    computed = api_patients(world, sort)
    assert len(computed) == 5  # new patients show at once
    assert computed == fresh_patients(world, sort)
    assert api_patients(world, sort) == computed  # kept


def test_a_runners_write_and_a_new_name_show_in_the_list_at_once(world: World) -> None:
    [row] = api_patients(world)
    _red_flag(world, lambda name: token_client(world.tokens[name]))
    [row] = api_patients(world)
    assert "red_flag" in [f["code"] for f in row["flags"]]
    world.a.name = "Anna Renamed"
    world.a.save()
    [row] = api_patients(world)
    assert row["name"] == "Anna Renamed"
    CareLink.objects.filter(runner=world.a).update(status=CareLinkStatus.STOPPED)
    assert api_patients(world) == []
    assert api_patients(world) == fresh_patients(world)


def test_the_flags_endpoint_keeps_only_patients_who_need_attention(world: World) -> None:
    clinician = token_client(world.tokens["a_clinician"])
    everyone = api_patients(world)
    flagged = clinician.get("/api/v1/clinician/flags").json()
    assert flagged == [row for row in everyone if row["flags"]]


def test_a_kept_row_is_read_from_the_database_not_computed(world: World, monkeypatch) -> None:
    first = api_patients(world)
    rows = Counter(monkeypatch, patient_list, "_patient_rows")
    with CaptureQueriesContext(connection) as queries:
        again = api_patients(world)
    assert rows.calls == 0
    assert again == first == fresh_patients(world)
    assert any("row_body" in q["sql"] for q in queries.captured_queries)


# --- the nightly job -----------------------------------------------------------------------


def test_the_nightly_job_keeps_every_today_and_list(world: World, monkeypatch) -> None:
    out = io.StringIO()
    call_command("refresh_snapshots", stdout=out)
    assert "Kept Today for 1 runners and the patient lists of 2 clinicians" in out.getvalue()
    computed = Counter(monkeypatch, today_module, "today")
    rows = Counter(monkeypatch, patient_list, "_patient_rows")
    # In the account's language, as a token's answers are given by default.
    today = token_client(world.tokens["runner_a"]).get(TODAY).json()
    patients = api_patients(world)
    assert (computed.calls, rows.calls) == (0, 0)
    assert today == fresh_today(world, world.a.language)
    assert patients == fresh_patients(world)


def test_the_nightly_job_refuses_a_bad_date(db: None) -> None:
    with pytest.raises(CommandError, match="--date: must be a date as YYYY-MM-DD, got '31-12'"):
        call_command("refresh_snapshots", "--date", "31-12")


def test_the_pages_session_gets_the_same_answer(world: World) -> None:
    client = session_client(world.a)
    response = client.get(TODAY, {"lang": "de"})
    assert response.status_code == 200
    assert response.json() == api_today(world, "de") == fresh_today(world, "de")


# --- the token's user, as a process remembers it ---------------------------------------------


def test_a_changed_or_deactivated_user_shows_through_their_token_at_once(world: World) -> None:
    client = token_client(world.tokens["runner_a"])
    api_today(world)
    assert client.get("/api/v1/me").json()["name"] == world.a.name
    world.a.name, world.a.language = "Anna Changed", "da"
    world.a.save()
    me = client.get("/api/v1/me").json()
    assert (me["name"], me["language"]) == ("Anna Changed", "da")
    world.a.is_active = False
    world.a.save()
    assert client.get("/api/v1/me").status_code == 401


def test_a_request_cannot_change_the_user_the_next_request_gets(world: World) -> None:
    from strideback.api.tokens import user_for_secret

    api_today(world)
    first = user_for_secret(world.tokens["runner_a"])
    assert first is not None
    first.name = "changed in memory, never saved"
    second = user_for_secret(world.tokens["runner_a"])
    assert second is not None and second.name == world.a.name


def test_a_new_snapshot_row_with_an_old_generation_is_not_taken_for_the_old_one(
    world: World,
) -> None:
    """As when a test database or a restored backup gives a user the same id and generation."""
    from strideback.accounts.models import User

    client = token_client(world.tokens["runner_a"])
    api_today(world)
    api_today(world)
    generation = Snapshot.objects.get(user=world.a).generation
    Snapshot.objects.filter(user=world.a).delete()
    User.objects.filter(pk=world.a.pk).update(name="Someone else")  # no signal, no bump
    Snapshot.objects.create(user=world.a, generation=generation)
    assert client.get("/api/v1/me").json()["name"] == "Someone else"


def test_the_patient_list_page_reads_the_rows_the_api_keeps(world: World, monkeypatch) -> None:
    """The page (``kept_patient_list``) and the API (``patient_list_json``) read one kept answer:
    once the API has kept the rows, the page computes none, and shows what a fresh list shows."""
    _red_flag(world, lambda name: token_client(world.tokens[name]))
    api_patients(world)
    rows = Counter(monkeypatch, patient_list, "_patient_rows")
    on = timezone.localdate()
    page = patient_list.kept_patient_list(world.clinician, on)
    assert rows.calls == 0
    assert [json.loads(dumps(row_data(r))) for r in page] == fresh_patients(world)
    assert page[0].needs_attention and page[0].flags[0].evidence[0].date == on
