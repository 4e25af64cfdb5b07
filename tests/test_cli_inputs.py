"""Input the command line cannot use is one line on stderr and exit code 2, never a traceback:
a day at the calendar's end, a JSON file nested 100,000 deep, a directory where a content file
belongs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from strideback.cli import main

CONTENT = Path(__file__).resolve().parents[1] / "src" / "strideback" / "content"
DEEP = 100_000


def _one_line_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert words in err
    assert "Traceback" not in err


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_plan_on_a_day_past_the_calendar_is_an_error(capsys, day: str) -> None:
    argv = ["plan", "--programme", "anterior-knee-pain", "--start", "2026-11-02", "--on", day]
    _one_line_exit_2(capsys, argv, "--on: '" + day + "' must be a date from 1900 to 2999")


def test_plan_starting_at_the_calendars_end_is_an_error(capsys) -> None:
    argv = ["plan", "--programme", "anterior-knee-pain", "--start", "9999-12-30"]
    _one_line_exit_2(capsys, argv, "--start:")


@pytest.mark.parametrize(
    "text",
    [
        "[" * DEEP + "]" * DEEP,
        '[{"date": "2026-11-03", "kind": "strength", "note": ' + "[" * DEEP + "]" * DEEP + "}]",
    ],
    ids=["at-the-top", "inside-note"],
)
def test_a_journal_nested_100000_deep_is_an_error(capsys, tmp_path: Path, text: str) -> None:
    journal = tmp_path / "journal.json"
    journal.write_text(text, encoding="utf-8")
    argv = ["plan", "--programme", "anterior-knee-pain", "--start", "2026-11-02"]
    _one_line_exit_2(capsys, [*argv, "--journal", str(journal)], "nested too deeply")


def test_answers_nested_100000_deep_are_an_error(capsys, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text("{" + '"a":{' * DEEP + "}" * (DEEP + 1), encoding="utf-8")
    _one_line_exit_2(capsys, ["score", "groc", "--answers", str(answers)], "nested too deeply")


def test_content_check_names_an_exercise_file_that_is_a_directory(capsys, tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(CONTENT, library)
    exercise = sorted((library / "exercises").glob("*.yaml"))[0]
    exercise.unlink()
    exercise.mkdir()
    assert main(["content", "check", str(library)]) == 2
    err = capsys.readouterr()
    out = err.out + err.err
    assert f"exercises/{exercise.name}: cannot be read" in out
    assert "Traceback" not in out
