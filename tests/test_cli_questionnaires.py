"""`strideback questionnaires`, `questionnaire ID` and `score ID --answers FILE`: the contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from strideback.cli import main


def out(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out


def test_questionnaires_lists_ids_and_titles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaires", "--lang", "nb"]) == 0
    lines = out(capsys).splitlines()
    assert [line.split()[0] for line in lines] == ["ffi", "groc", "kujala-akps", "psfs"]
    assert "Kujala-skjema for smerter foran i kneet" in lines[2]


def test_questionnaire_json_has_items_with_options_or_min_max(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["questionnaire", "kujala-akps", "--lang", "da", "--format", "json"]) == 0
    data = json.loads(out(capsys))
    assert data["id"] == "kujala-akps" and len(data["items"]) == 13
    limp = data["items"][0]
    assert limp["id"] == "limp" and limp["text"] == "Halter du?"
    assert limp["options"][0] == {"id": "none", "text": "Nej", "points": 5}
    assert main(["questionnaire", "ffi", "--format", "json"]) == 0
    ffi = json.loads(out(capsys))
    assert {"min": 0, "max": 10}.items() <= ffi["items"][0].items()
    assert "options" not in ffi["items"][0]
    assert ffi["scoring"]["smallest_important_change"] == 7


def test_questionnaire_text_shows_every_item_and_the_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["questionnaire", "groc", "--lang", "de"]) == 0
    text = out(capsys)
    assert "Wie steht es jetzt um Ihr Problem" in text
    assert "-7  worse-7: Außerordentlich viel schlechter" in text
    assert "Jaeschke R" in text


def test_score_prints_score_and_subscales_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"activity-1": 2, "activity-2": 4, "activity-3": 9}))
    assert main(["score", "psfs", "--answers", str(answers), "--format", "json"]) == 0
    assert json.loads(out(capsys)) == {"score": 5.0, "subscales": {}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"change": "better-9"}, "strideback score: change: unknown option 'better-9'"),
        ({}, "strideback score: change: missing answer"),
        ({"change": "same", "x": 1}, "strideback score: x: unknown item"),
        ([1, 2], "must hold a JSON object of item id -> answer"),
        ("{not json", "is not JSON text"),
    ],
)
def test_bad_answers_are_one_line_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object, message: str
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(content if isinstance(content, str) else json.dumps(content))
    assert main(["score", "groc", "--answers", str(answers)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_unknown_questionnaire_names_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "koos-pf"]) == 2
    assert capsys.readouterr().err == (
        "strideback questionnaire: unknown questionnaire 'koos-pf' "
        "(choose one of: ffi, groc, kujala-akps, psfs)\n"
    )


def test_content_check_validates_the_clinic_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "check"]) == 0
    assert out(capsys).strip().endswith(", 4 questionnaires")
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "koos-pf.yaml").write_text(yaml.safe_dump({"id": "koos-pf"}))
    monkeypatch.setenv("STRIDEBACK_QUESTIONNAIRES_DIR", str(folder))
    assert main(["content", "check"]) == 2
    lines = out(capsys).splitlines()
    assert f"{folder}/koos-pf.yaml: items: missing field" in lines
    assert main(["questionnaires"]) == 2
    assert "problem(s) in the questionnaires" in capsys.readouterr().err
