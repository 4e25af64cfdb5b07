"""The days Strideback takes (``core.dates``, one rule for the API, the player and the command
line): a journal entry not before the programme's start nor in the future; a prescribed
programme's start within a year of today. Anything else is a 422 naming the field, nothing
stored."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from strideback.cli import main
from strideback.training.models import Enrollment, JournalEntry
from tests.api.conftest import World, session_client


def _entry(day: dt.date | str) -> str:
    return json.dumps({"date": str(day), "kind": "strength", "pain": {"during": 1}})


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "before-start", "next-year"])
def test_a_journal_date_outside_the_programme_is_refused(world: World, as_token, day: str) -> None:
    today = timezone.localdate()
    given = {
        "before-start": world.enrollment.start - dt.timedelta(days=1),
        "next-year": today + dt.timedelta(days=365),
    }.get(day, day)
    before = JournalEntry.objects.count()
    for response in (
        as_token("runner_a").post(
            "/api/v1/journal", _entry(given), content_type="application/json"
        ),
        session_client(world.a).post("/play/log", _entry(given), content_type="application/json"),
    ):
        assert response.status_code == 422, response.content
        assert [e["field"] for e in response.json()["errors"]] == ["date"]
    assert JournalEntry.objects.count() == before


def test_the_programmes_first_day_and_tomorrow_are_taken(world: World, as_token) -> None:
    for day in (world.enrollment.start, timezone.localdate() + dt.timedelta(days=1)):
        response = as_token("runner_a").post(
            "/api/v1/journal", _entry(day), content_type="application/json"
        )
        assert response.status_code == 201, response.content


def test_a_correction_cannot_move_an_entry_before_the_start(world: World, as_token) -> None:
    early = world.enrollment.start - dt.timedelta(days=3)
    response = as_token("runner_a").put(
        f"/api/v1/journal/{world.entry.pk}", _entry(early), content_type="application/json"
    )
    assert response.status_code == 422
    world.entry.refresh_from_db()
    assert world.entry.date == timezone.localdate()


@pytest.mark.parametrize("years", [-30, 30])
def test_a_prescription_starting_decades_away_is_refused(
    world: World, as_token, years: int
) -> None:
    start = timezone.localdate() + dt.timedelta(days=365 * years)
    before = Enrollment.objects.count()
    response = as_token("a_clinician").post(
        f"/api/v1/clinician/patients/{world.a.pk}/prescriptions",
        json.dumps({"programme_id": "medial-knee-pain", "start": str(start)}),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert [e["field"] for e in response.json()["errors"]] == ["start"]
    page = session_client(world.clinician).post(
        f"/clinic/patients/{world.a.pk}/prescribe",
        {"programme": "medial-knee-pain", "start": str(start)},
        follow=True,
    )
    assert "within a year of today" in page.content.decode()
    assert Enrollment.objects.count() == before


def test_the_command_line_takes_the_same_journal_rule(capsys, tmp_path: Path) -> None:
    journal = tmp_path / "journal.json"
    journal.write_text(
        json.dumps([{"date": "2026-10-01", "kind": "strength", "pain": {"during": 1}}]),
        encoding="utf-8",
    )
    argv = ["plan", "--programme", "anterior-knee-pain", "--start", "2026-11-02"]
    assert main([*argv, "--journal", str(journal)]) == 2
    err = capsys.readouterr().err
    assert "entry 0: date: is before the programme's start (2026-11-02)" in err
