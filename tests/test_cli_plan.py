"""`strideback plan`: the runner's state and coming sessions as text or JSON; bad input is one
line on stderr and exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from strideback.cli import main

START = date(2025, 1, 6)  # a Monday


def on(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


def sessions(first: int, last: int, **fields: Any) -> list[dict[str, Any]]:
    return [
        {
            "date": on(n),
            "kind": "strength",
            "completed": True,
            "pain": {"during": 0, "after": 0, "next_morning": 0},
            **fields,
        }
        for n in range(first, last + 1, 2)
    ]


def journal_file(tmp_path: Path, entries: object) -> str:
    path = tmp_path / "journal.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    return str(path)


def plan(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["plan", *args])
    out, err = capsys.readouterr()
    return code, out, err


def plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = plan(capsys, *args, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_text_output_is_a_summary_a_runner_can_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = journal_file(tmp_path, sessions(0, 40))
    code, out, err = plan(
        capsys,
        "--programme",
        "anterior-knee-pain",
        "--start",
        on(0),
        "--journal",
        journal,
        "--on",
        on(30),
        "--days",
        "7",
    )
    assert code == 0 and err == ""
    assert "phase 2, week 5" in out
    assert "Running:" in out and "phase 4 at the earliest" in out
    assert "The next 7 days:" in out and "strength, phase 2 (week 5)" in out
    assert "Exercises in phase 2:" in out


def test_json_has_the_public_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    journal = journal_file(tmp_path, sessions(0, 100))
    data = plan_json(
        capsys,
        "--programme",
        "anterior-knee-pain",
        "--start",
        on(0),
        "--journal",
        journal,
        "--on",
        on(90),
        "--days",
        "7",
    )
    assert (data["on"], data["phase"], data["week"], data["status"]) == (on(90), 4, 13, "active")
    assert data["running"]["allowed"] is True and data["running"]["run_week"] == 1
    assert data["running"]["reasons"][0]["code"] == "running_allowed"
    assert data["decision"]["action"] == "advance"
    reason = data["decision"]["reasons"][0]
    assert reason["code"] == "advance" and reason["message"].startswith("Well done")
    assert reason["facts"] == {"phase": 4, "week": 13, "from_phase": 3}
    kinds = {s["kind"] for s in data["sessions"]}
    assert kinds == {"strength", "run"}
    strength = next(s for s in data["sessions"] if s["kind"] == "strength")
    assert strength["phase"] == 4 and strength["items"][0]["dose"]["sets"] == 3
    assert strength["items"][0]["name"]
    run = next(s for s in data["sessions"] if s["kind"] == "run")
    assert (run["run_week"], run["run_day"]) == (1, 1) and run["segments"][0]["kind"] == "walk"
    assert all(on(90) <= s["date"] <= on(96) for s in data["sessions"])


def test_a_hold_is_explained_with_the_numbers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    entries = sessions(0, 40)
    entries[12]["pain"] = {"during": 0, "after": 4, "next_morning": 0}  # day 24, week 4
    data = plan_json(
        capsys,
        "--programme",
        "anterior-knee-pain",
        "--start",
        on(0),
        "--journal",
        journal_file(tmp_path, entries),
        "--on",
        on(29),
    )
    assert data["decision"]["action"] == "hold"
    assert data["decision"]["message"] == (
        "You stay in phase 1 this week: your pain was 4/10 right after the session on "
        "Thursday 30 January, and the limit is 0."
    )
    limits = [r["facts"]["limit"] for r in data["decision"]["reasons"] if "limit" in r["facts"]]
    assert limits == [0] and type(limits[0]) is int  # a limit shows as given: 0, not 0.0


def test_a_red_flag_stops_the_plan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    entries = [*sessions(0, 10), {"date": on(11), "kind": "check", "red_flags": ["knee_locked"]}]
    data = plan_json(
        capsys,
        "--programme",
        "anterior-knee-pain",
        "--start",
        on(0),
        "--journal",
        journal_file(tmp_path, entries),
        "--on",
        on(12),
    )
    assert data["status"] == "stopped" and data["decision"]["action"] == "stop"
    assert data["sessions"] == [] and data["red_flags"][0]["code"] == "knee_locked"


def test_the_language_can_be_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = plan(
        capsys, "--programme", "anterior-knee-pain", "--start", on(0), "--on", on(3), "--lang", "da"
    )
    assert code == 0 and "fase 1, uge 1" in out and "De næste 14 dage" in out


def test_a_run_plan_can_be_planned_on_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys, "--programme", "return-to-run-5k", "--start", on(0), "--on", on(0))
    assert data["phase"] is None and data["running"]["allowed"] is True
    assert {s["kind"] for s in data["sessions"]} == {"run"}


def test_on_defaults_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    data = plan_json(capsys, "--programme", "anterior-knee-pain", "--start", on(0))
    assert data["on"] == date.today().isoformat()


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            {"date": "2025-01-07", "kind": "strength", "pain": {"during": 11}},
            "entry 1: pain.during: must be a whole number from 0 to 10, got 11",
        ),
        ({"date": "2025-01-07", "kind": "yoga"}, "entry 1: kind: must be one of"),
        ({"date": "7 January", "kind": "run"}, "entry 1: date: must be a date as YYYY-MM-DD"),
        (
            {"date": "2025-01-07", "kind": "check", "red_flags": ["sore_knee"]},
            "entry 1: red_flags[0]: unknown red-flag code 'sore_knee'",
        ),
    ],
)
def test_a_bad_journal_entry_names_its_index_and_field_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, entry: dict[str, Any], expected: str
) -> None:
    journal = journal_file(tmp_path, [sessions(0, 0)[0], entry])
    code, out, err = plan(
        capsys,
        "--programme",
        "anterior-knee-pain",
        "--start",
        on(0),
        "--journal",
        journal,
        "--on",
        on(5),
    )
    assert code == 2 and out == ""
    assert expected in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--programme", "knees", "--start", "2025-01-06"], "unknown programme 'knees'"),
        (
            ["--programme", "anterior-knee-pain", "--start", "06/01/2025"],
            "--start: '06/01/2025' is not a date (use YYYY-MM-DD)",
        ),
        (
            ["--programme", "anterior-knee-pain", "--start", "2025-01-06", "--on", "tomorrow"],
            "--on: 'tomorrow' is not a date",
        ),
        (
            ["--programme", "anterior-knee-pain", "--start", "2025-01-06", "--days", "0"],
            "--days: must be a whole number from 1 to 366",
        ),
        (
            ["--programme", "anterior-knee-pain", "--start", "2025-01-06", "--lang", "sv"],
            "unknown language 'sv'",
        ),
        (
            ["--programme", "anterior-knee-pain", "--start", "2025-01-06", "--journal", "/no/file"],
            "cannot read the journal /no/file",
        ),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, _, err = plan(capsys, *args)
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1


def test_an_unknown_programme_names_the_valid_ids(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = plan(capsys, "--programme", "knees", "--start", "2025-01-06")
    assert "anterior-knee-pain" in err and "return-to-run-5k" in err


def test_a_journal_that_is_not_json_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "journal.json"
    path.write_text("[{", encoding="utf-8")
    code, _, err = plan(
        capsys, "--programme", "anterior-knee-pain", "--start", on(0), "--journal", str(path)
    )
    assert code == 2 and "not valid JSON (line 1, column 3)" in err


def test_the_command_is_listed_and_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "strideback", "plan", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "--journal" in result.stdout
    listed = subprocess.run(
        [sys.executable, "-m", "strideback", "--help"], capture_output=True, text=True
    )
    assert "where a runner stands on a day" in listed.stdout
