"""`content check` reports every problem in a broken library: file, field path, what is wrong."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from strideback.cli import main
from strideback.core.content.library import check_library

GOOD = Path(__file__).parent / "fixtures" / "good"
PROGRAMME = "programmes/tiny.yaml"


def broken_library(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    root = tmp_path / "library"
    shutil.copytree(GOOD, root)
    path = root / PROGRAMME
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


def first_dose(data: dict[str, Any]) -> dict[str, Any]:
    dose: dict[str, Any] = data["phases"][0]["items"][0]["dose"]
    return dose


def messages(root: Path) -> list[str]:
    library, problems = check_library(root)
    assert library is None
    return [str(p) for p in problems]


def test_the_good_fixture_library_has_no_problems() -> None:
    library, problems = check_library(GOOD)
    assert problems == []
    assert library is not None and set(library.programmes) == {"tiny"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: first_dose(d).pop("sets"),
            "programmes/tiny.yaml: phases[0].items[0].dose.sets: missing field",
        ),
        (
            lambda d: first_dose(d).update(sets="three"),
            "programmes/tiny.yaml: phases[0].items[0].dose.sets: "
            "must be a whole number, got 'three'",
        ),
        (
            lambda d: first_dose(d).update(sets=0),
            "programmes/tiny.yaml: phases[0].items[0].dose.sets: must be 1 or more, got 0",
        ),
        (
            lambda d: first_dose(d).update(sets=-2),
            "programmes/tiny.yaml: phases[0].items[0].dose.sets: must be 1 or more, got -2",
        ),
        (
            lambda d: first_dose(d).update(tempo_seconds=[3, 2]),
            "programmes/tiny.yaml: phases[0].items[0].dose.tempo_seconds: tempo must be three "
            "numbers of seconds (up, hold, down), got a list of 2",
        ),
        (
            lambda d: first_dose(d).update(tempo_seconds=[3, 2, "slow"]),
            "programmes/tiny.yaml: phases[0].items[0].dose.tempo_seconds[2]: tempo must be three "
            "numbers of seconds (up, hold, down), got 'slow'",
        ),
        (
            lambda d: d["phases"][0]["items"][0].update(exercise="planck"),
            "programmes/tiny.yaml: phases[0].items[0].exercise: unknown exercise id 'planck'",
        ),
        (
            lambda d: d["text"].update(fr={"title": "Petit", "summary": "Un petit programme."}),
            "programmes/tiny.yaml: text.fr: unknown language 'fr' (languages are da, en, de, nb)",
        ),
        (
            lambda d: d["text"].pop("nb"),
            "programmes/tiny.yaml: text.nb: "
            "missing language 'nb' (every text needs da, en, de, nb)",
        ),
        (
            lambda d: d["phases"][0].update(weeks={"from": 1, "to": "four"}),
            "programmes/tiny.yaml: phases[0].weeks.to: must be a whole number, got 'four'",
        ),
    ],
    ids=[
        "missing-field",
        "wrong-type",
        "zero-sets",
        "negative-sets",
        "tempo-two-numbers",
        "tempo-not-a-number",
        "unknown-exercise",
        "unknown-language",
        "missing-language",
        "weeks-wrong-type",
    ],
)
def test_each_problem_is_named_with_file_field_and_reason(
    tmp_path: Path, change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert messages(broken_library(tmp_path, change)) == [expected]


def test_all_problems_are_reported_at_once_not_only_the_first(tmp_path: Path) -> None:
    def many(d: dict[str, Any]) -> None:
        first_dose(d).update(sets=0, tempo_seconds=[1])
        d["text"].pop("de")
        d["phases"][1]["items"][0]["exercise"] = "nope"

    found = messages(broken_library(tmp_path, many))
    assert len(found) == 4
    assert any("dose.sets: must be 1 or more, got 0" in m for m in found)
    assert any("dose.tempo_seconds: tempo must be three numbers" in m for m in found)
    assert any("text.de: missing language 'de'" in m for m in found)
    assert any("unknown exercise id 'nope'" in m for m in found)


def test_an_unknown_exercise_in_an_easier_link_is_reported(tmp_path: Path) -> None:
    root = broken_library(tmp_path, lambda d: None)
    path = root / "exercises" / "plank.yaml"
    path.write_text(path.read_text().replace("easier: null", "easier: knee-plank"))
    assert messages(root) == ["exercises/plank.yaml: easier: unknown exercise id 'knee-plank'"]


def test_an_exercise_that_is_its_own_easier_version_is_reported(tmp_path: Path) -> None:
    root = broken_library(tmp_path, lambda d: None)
    path = root / "exercises" / "plank.yaml"
    path.write_text(path.read_text().replace("easier: null", "easier: plank"))
    assert messages(root) == ["exercises/plank.yaml: easier: is the exercise itself"]


def test_a_circle_of_easier_versions_is_reported(tmp_path: Path) -> None:
    root = broken_library(tmp_path, lambda d: None)
    path = root / "exercises" / "plank.yaml"
    path.write_text(path.read_text().replace("easier: null", "easier: plank-with-leg-lift"))
    assert messages(root) == [
        "exercises/plank-with-leg-lift.yaml: easier: goes round in a circle: "
        "plank-with-leg-lift -> plank -> plank-with-leg-lift",
        "exercises/plank.yaml: easier: goes round in a circle: "
        "plank -> plank-with-leg-lift -> plank",
    ]


def test_a_programme_may_not_write_its_easier_versions(tmp_path: Path) -> None:
    root = broken_library(tmp_path, lambda d: d.update(easier_versions={"plank": "plank"}))
    assert messages(root) == [
        "programmes/tiny.yaml: easier_versions: "
        "is made from the exercises' 'easier' fields: do not write it"
    ]


def test_an_unknown_rule_set_is_reported_with_the_choices(tmp_path: Path) -> None:
    [message] = messages(broken_library(tmp_path, lambda d: d.update(rule_sets=["strict"])))
    assert message.startswith("programmes/tiny.yaml: rule_sets[0]: ")
    assert "seed-000" in message and "trek" in message


def test_the_library_hands_each_programme_its_exercises_easier_versions() -> None:
    library, _ = check_library(GOOD)
    assert library is not None
    assert library.programme("tiny").easier_versions == {"plank-with-leg-lift": "plank"}


def test_yaml_that_does_not_parse_names_the_line(tmp_path: Path) -> None:
    root = broken_library(tmp_path, lambda d: None)
    (root / PROGRAMME).write_text("id: tiny\nkind: [exercises\n")
    [problem] = messages(root)
    assert problem.startswith("programmes/tiny.yaml: line ")
    assert "is not valid YAML" in problem


def test_a_key_given_twice_is_an_error_not_a_silent_override(tmp_path: Path) -> None:
    root = broken_library(tmp_path, lambda d: None)
    path = root / PROGRAMME
    path.write_text(path.read_text() + "id: tiny\n")
    [problem] = messages(root)
    assert "key 'id' appears twice" in problem


def test_unknown_or_impossible_thresholds_are_named(tmp_path: Path) -> None:
    root = broken_library(
        tmp_path, lambda d: d.update(thresholds={"running_gate_pain_max": 12, "pain_limit": 2})
    )
    found = messages(root)
    assert len(found) == 2
    assert found[0].startswith("programmes/tiny.yaml: thresholds.pain_limit: unknown threshold")
    assert found[1] == (
        "programmes/tiny.yaml: thresholds.running_gate_pain_max: "
        "must be a pain level from 0 to 10, got 12"
    )


def test_content_check_prints_one_line_per_problem_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = broken_library(tmp_path, lambda d: first_dose(d).update(sets=0, reps="ten"))
    assert main(["content", "check", str(root)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "programmes/tiny.yaml: phases[0].items[0].dose.reps: must be a whole number, got 'ten'",
        "programmes/tiny.yaml: phases[0].items[0].dose.sets: must be 1 or more, got 0",
        f"2 problem(s) found in {root}",
    ]


def test_content_check_of_a_good_folder_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(GOOD)]) == 0
    assert capsys.readouterr().out.strip() == "ok: 1 programmes, 2 exercises"
